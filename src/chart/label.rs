//! A text label on a light box, readable over any colour of a heatmap.

use plotters::coord::Shift;
use plotters::prelude::*;

/// The size `text` takes at `font` pixels, estimated from its characters:
/// plotters' own measure lays the text out in a hidden element in the page,
/// which a strict Content-Security-Policy refuses (an inline style).
pub fn text_size(text: &str, font: u32) -> (i32, i32) {
    let f = font as f64;
    let w: f64 = text.chars().map(|c| if (c as u32) >= 0x2e80 { f } else { 0.6 * f }).sum();
    (w.ceil() as i32, font as i32)
}

/// Draws `text` with its top-left corner at pixel `at` of `area`, on a white
/// box (slightly translucent) `pad` pixels larger on every side.
pub fn boxed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: (i32, i32),
    font: u32,
    pad: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = ("sans-serif", font).into_font().color(&BLACK);
    let (w, h) = text_size(text, font);
    area.draw(&Rectangle::new([(at.0 - pad, at.1 - pad), (at.0 + w + pad, at.1 + h + pad)], WHITE.mix(0.85).filled()))?;
    area.draw(&Text::new(text.to_string(), at, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(text_size("AB", 20), (24, 20));
        assert_eq!(text_size("起點", 20), (40, 20));
        // The box holds the text the SVG backend lays out.
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (200, 100)).into_drawing_area();
            boxed(&root, "start", (10, 10), 14, 2).unwrap();
        }
        assert!(out.contains("<rect") && out.contains(">\nstart\n</text>"));
    }
}
