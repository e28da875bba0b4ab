//! A text label on a light box, readable over any colour of a heatmap.

use plotters::coord::Shift;
use plotters::prelude::*;

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
    let (w, h) = area.estimate_text_size(text, &style)?;
    let (w, h) = (w as i32, h as i32);
    area.draw(&Rectangle::new([(at.0 - pad, at.1 - pad), (at.0 + w + pad, at.1 + h + pad)], WHITE.mix(0.85).filled()))?;
    area.draw(&Text::new(text.to_string(), at, style))
}
