//! The colour scales every widget shares: one diverging scale for signed quantities (blue ↔ light grey ↔ orange), one sequential scale for magnitudes and depth, and the lookup table a heatmap is painted from.
//!
//! The diverging ends are TensorFlow Playground's two class colours, which
//! stay apart for the common colour-vision deficiencies; the sequential
//! scale is viridis (perceptually even, readable in grey).

use plotters::style::RGBColor;

/// The negative end of the diverging scale (orange).
pub const NEGATIVE: RGBColor = RGBColor(245, 147, 34);
/// The neutral middle (light grey): zero, or "no value".
pub const NEUTRAL: RGBColor = RGBColor(222, 222, 222);
/// The positive end (blue).
pub const POSITIVE: RGBColor = RGBColor(8, 119, 189);

fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The diverging colour of `t` in [-1, 1] (clamped): orange below zero,
/// blue above, light grey at zero and for NaN.
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

/// Viridis at ten evenly spaced points, dark purple to yellow.
const VIRIDIS: [RGBColor; 10] = [
    RGBColor(68, 1, 84),
    RGBColor(72, 40, 120),
    RGBColor(62, 73, 137),
    RGBColor(49, 104, 142),
    RGBColor(38, 130, 142),
    RGBColor(31, 158, 137),
    RGBColor(53, 183, 121),
    RGBColor(110, 206, 88),
    RGBColor(181, 222, 43),
    RGBColor(253, 231, 37),
];

/// The sequential colour of `t` in [0, 1] (clamped; NaN reads as 0).
pub fn sequential(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    mix(VIRIDIS[i], VIRIDIS[i + 1], x - i as f64)
}

/// The colour of layer `l` (0 = the one next to the input) of `layers`:
/// depth reads the same way in every widget, dark at the input, light
/// towards the output (stopping short of viridis' pale yellow, which
/// vanishes on white).
pub fn depth_colour(l: usize, layers: usize) -> RGBColor {
    if layers <= 1 {
        return sequential(0.0);
    }
    sequential(0.85 * l as f64 / (layers - 1) as f64)
}

/// Entries in a [`Lut`].
pub const LUT_SIZE: usize = 256;

/// A colour lookup table over [-1, 1] for painting dense fields: one
/// index computation and one copy per pixel, no colour arithmetic.
#[derive(Clone, Debug, PartialEq)]
pub struct Lut {
    pub rgba: [[u8; 4]; LUT_SIZE],
}

impl Lut {
    /// The diverging scale, mixed towards white by `wash` in [0, 1] (a
    /// washed field lets full-colour marks on top stand out), opaque.
    pub fn diverging(wash: f64) -> Lut {
        let mut rgba = [[0u8; 4]; LUT_SIZE];
        for (i, e) in rgba.iter_mut().enumerate() {
            let c = mix(diverging(Lut::value(i)), RGBColor(255, 255, 255), wash.clamp(0.0, 1.0));
            *e = [c.0, c.1, c.2, 255];
        }
        Lut { rgba }
    }

    /// The value in [-1, 1] that entry `i` stands for.
    pub fn value(i: usize) -> f64 {
        -1.0 + 2.0 * i as f64 / (LUT_SIZE - 1) as f64
    }

    /// The entry for `t` (clamped to [-1, 1]; NaN gives the middle).
    pub fn index(t: f64) -> usize {
        if t.is_nan() {
            return LUT_SIZE / 2;
        }
        ((t.clamp(-1.0, 1.0) + 1.0) * 0.5 * (LUT_SIZE - 1) as f64).round() as usize
    }

    pub fn colour(&self, t: f64) -> [u8; 4] {
        self.rgba[Lut::index(t)]
    }

    /// Writes the colour of every value of `values` into `rgba` (4 bytes
    /// per value, row-major like `ImageData`); `rgba` must be 4 times as long.
    pub fn paint(&self, values: &[f64], rgba: &mut [u8]) {
        for (v, px) in values.iter().zip(rgba.chunks_exact_mut(4)) {
            px.copy_from_slice(&self.colour(*v));
        }
    }
}

/// `10` with exponent `k` in superscript digits: 10⁻⁶, 10⁰, 10³.
pub fn pow10_label(k: i32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut s = String::from("10");
    if k < 0 {
        s.push('⁻');
    }
    for d in k.unsigned_abs().to_string().bytes() {
        s.push(SUP[(d - b'0') as usize]);
    }
    s
}

/// The whole decades [10^lo, 10^hi] that hold every finite positive value
/// (at least one decade; `None` when there is none).
pub fn decades(values: impl IntoIterator<Item = f64>) -> Option<(i32, i32)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite() && *v > 0.0) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return None;
    }
    let (a, mut b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    if b <= a {
        b = a + 1;
    }
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_runs_orange_grey_blue() {
        assert_eq!(diverging(-1.0), NEGATIVE);
        assert_eq!(diverging(0.0), NEUTRAL);
        assert_eq!(diverging(1.0), POSITIVE);
        assert_eq!(diverging(7.0), POSITIVE);
        assert_eq!(diverging(f64::NAN), NEUTRAL);
        // Halfway is halfway in each channel.
        let h = diverging(0.5);
        assert_eq!(h, RGBColor(115, 171, 206));
    }

    #[test]
    fn the_lut_is_the_scale_sampled_and_symmetric_in_index() {
        let lut = Lut::diverging(0.0);
        assert_eq!(lut.colour(-1.0)[..3], [NEGATIVE.0, NEGATIVE.1, NEGATIVE.2]);
        assert_eq!(lut.colour(1.0)[..3], [POSITIVE.0, POSITIVE.1, POSITIVE.2]);
        assert_eq!(Lut::index(-1.0), 0);
        assert_eq!(Lut::index(1.0), LUT_SIZE - 1);
        assert_eq!(Lut::index(f64::NAN), LUT_SIZE / 2);
        for i in 0..LUT_SIZE {
            assert_eq!(Lut::index(Lut::value(i)), i);
            assert_eq!(lut.rgba[i][3], 255);
        }
        let washed = Lut::diverging(0.5);
        assert!(washed.rgba[0][0] > lut.rgba[0][0] || lut.rgba[0][0] == 255);
        let mut buf = vec![0u8; 8];
        lut.paint(&[-1.0, 1.0], &mut buf);
        assert_eq!(buf[..4], lut.rgba[0]);
        assert_eq!(buf[4..], lut.rgba[LUT_SIZE - 1]);
    }

    #[test]
    fn sequential_and_depth() {
        assert_eq!(sequential(0.0), VIRIDIS[0]);
        assert_eq!(sequential(1.0), VIRIDIS[9]);
        assert_eq!(sequential(1.0 / 9.0), VIRIDIS[1]);
        assert_eq!(depth_colour(0, 5), VIRIDIS[0]);
        assert_eq!(depth_colour(0, 1), VIRIDIS[0]);
        assert_ne!(depth_colour(4, 5), VIRIDIS[9], "the output layer stays readable on white");
    }

    #[test]
    fn powers_of_ten_and_decades() {
        assert_eq!(pow10_label(-6), "10⁻⁶");
        assert_eq!(pow10_label(0), "10⁰");
        assert_eq!(pow10_label(12), "10¹²");
        assert_eq!(decades([0.03, 0.5, f64::NAN, 0.0, -1.0]), Some((-2, 0)));
        assert_eq!(decades([1.0]), Some((0, 1)));
        assert_eq!(decades([f64::NAN]), None);
    }
}
