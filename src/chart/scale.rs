//! The page's two colour scales (one diverging for signed quantities, one sequential for magnitudes), their 256-entry lookup tables for pixel buffers, and log-axis tick labels.
//!
//! VISUAL.md: weights, gradients and a classifier's output use the
//! diverging scale (orange for negative, light grey at zero, blue for
//! positive, as TensorFlow Playground colours its two classes; both ends
//! stay distinct with the common colour-vision deficiencies); gradient
//! norms, activity and losses use the sequential one (viridis).

use plotters::style::RGBColor;

/// Negative end, middle and positive end of the diverging scale.
pub const NEGATIVE: RGBColor = RGBColor(230, 97, 1);
pub const NEUTRAL: RGBColor = RGBColor(232, 232, 232);
pub const POSITIVE: RGBColor = RGBColor(33, 102, 172);

/// Viridis at nine evenly spaced points, dark (low) to light (high).
const VIRIDIS: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let l = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round().clamp(0.0, 255.0) as u8;
    RGBColor(l(a.0, b.0), l(a.1, b.1), l(a.2, b.2))
}

/// The diverging colour of `t` in [-1, 1] (clamped; NaN is the neutral middle).
pub fn diverging(t: f64) -> RGBColor {
    if t.is_nan() {
        return NEUTRAL;
    }
    let t = t.clamp(-1.0, 1.0);
    if t < 0.0 {
        mix(NEUTRAL, NEGATIVE, -t)
    } else {
        mix(NEUTRAL, POSITIVE, t)
    }
}

/// The sequential colour of `t` in [0, 1] (clamped; NaN is the low end).
pub fn sequential(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    mix(RGBColor(a.0, a.1, a.2), RGBColor(b.0, b.1, b.2), x - i as f64)
}

/// A colour scale sampled at 256 points, for filling RGBA pixel buffers
/// with one table lookup per pixel.
pub struct Lut(pub [[u8; 4]; 256]);

impl Lut {
    fn from(f: impl Fn(f64) -> RGBColor) -> Lut {
        let mut t = [[0u8; 4]; 256];
        for (i, px) in t.iter_mut().enumerate() {
            let c = f(i as f64 / 255.0);
            *px = [c.0, c.1, c.2, 255];
        }
        Lut(t)
    }

    /// The diverging scale: entry 0 is -1, entry 255 is +1.
    pub fn diverging() -> Lut {
        Lut::from(|u| diverging(2.0 * u - 1.0))
    }

    /// The sequential scale: entry 0 is 0, entry 255 is 1.
    pub fn sequential() -> Lut {
        Lut::from(sequential)
    }

    /// The pixel for `t` in [-1, 1] on a diverging table.
    pub fn signed(&self, t: f64) -> [u8; 4] {
        let t = if t.is_nan() { 0.0 } else { t.clamp(-1.0, 1.0) };
        self.0[((t + 1.0) * 127.5).round() as usize]
    }

    /// The pixel for `t` in [0, 1] on a sequential table.
    pub fn unit(&self, t: f64) -> [u8; 4] {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        self.0[(t * 255.0).round() as usize]
    }
}

pub use crate::i18n::{pow10, sci};

#[cfg(test)]
mod tests {
    use super::*;

    fn lightness(c: RGBColor) -> f64 {
        0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64
    }

    #[test]
    fn diverging_is_neutral_in_the_middle_and_distinct_at_the_ends() {
        assert_eq!(diverging(0.0), NEUTRAL);
        assert_eq!(diverging(-1.0), NEGATIVE);
        assert_eq!(diverging(1.0), POSITIVE);
        assert_eq!(diverging(7.0), POSITIVE);
        assert_eq!(diverging(f64::NAN), NEUTRAL);
        // Both sides get darker the further they go from zero.
        for t in [0.25, 0.5, 0.75] {
            assert!(lightness(diverging(t + 0.2)) < lightness(diverging(t)));
            assert!(lightness(diverging(-t - 0.2)) < lightness(diverging(-t)));
        }
    }

    #[test]
    fn sequential_gets_lighter_monotonically() {
        let l: Vec<f64> = (0..=50).map(|i| lightness(sequential(i as f64 / 50.0))).collect();
        assert!(l.windows(2).all(|w| w[1] > w[0]), "{l:?}");
    }

    #[test]
    fn lookup_tables_match_the_scales() {
        let d = Lut::diverging();
        let c = diverging(1.0);
        assert_eq!(d.signed(1.0), [c.0, c.1, c.2, 255]);
        let m = d.signed(0.0);
        assert!(m[0].abs_diff(NEUTRAL.0) <= 2 && m[2].abs_diff(NEUTRAL.2) <= 2);
        let s = Lut::sequential();
        assert_eq!(s.unit(0.0), [68, 1, 84, 255]);
        assert_eq!(s.unit(f64::NAN), s.unit(0.0));
    }
}
