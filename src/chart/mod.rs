//! Charts drawn with plotters on any `DrawingBackend`: canvas in the page, SVG in native tests.

pub mod heatmap;
pub mod label;
pub mod scale;
pub mod text;

use plotters::style::RGBColor;

use crate::activation::Activation;

/// One colour per activation (Okabe–Ito, distinguishable with the common
/// colour-vision deficiencies), indexed by `Activation::index`.
pub const PALETTE: [RGBColor; 9] = [
    RGBColor(119, 119, 119), // identity: grey
    RGBColor(213, 94, 0),    // sigmoid: vermillion
    RGBColor(0, 114, 178),   // tanh: blue
    RGBColor(0, 158, 115),   // relu: bluish green
    RGBColor(230, 159, 0),   // leaky_relu: orange
    RGBColor(204, 121, 167), // softplus: reddish purple
    RGBColor(86, 180, 233),  // elu: sky blue
    RGBColor(0, 0, 0),       // gelu: black
    RGBColor(160, 128, 0),   // silu: dark yellow
];

/// The colour of an activation in every chart and legend.
pub fn palette(a: Activation) -> RGBColor {
    PALETTE[a.index()]
}

/// The colour as CSS `#rrggbb`, for legends outside the canvas.
pub fn css_colour(a: Activation) -> String {
    let c = palette(a);
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Where a chart's x-axis landed, in backend pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotMap {
    pub px_left: i32,
    pub px_right: i32,
    pub x_min: f64,
    pub x_max: f64,
}

impl PlotMap {
    /// The data x under pixel column `px` (clamped to the axis).
    pub fn x_at(&self, px: f64) -> f64 {
        let span = (self.px_right - self.px_left).max(1) as f64;
        let t = ((px - self.px_left as f64) / span).clamp(0.0, 1.0);
        self.x_min + t * (self.x_max - self.x_min)
    }
}
