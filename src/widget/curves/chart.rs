//! The `curves` chart: f on top, f′ below on the same x-axis, saturated zones shaded, an optional readout line.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::activation::{Activation, SATURATION_FRACTION};
use crate::chart::{palette, PlotMap};

/// Points per curve: enough for a smooth line at any canvas width we draw.
const SAMPLES: usize = 480;

/// Everything the chart needs, already decided by the caller.
pub struct CurvesView<'a> {
    pub shown: &'a [Activation],
    /// x runs over [-range, range].
    pub range: f64,
    /// The readout position, if the pointer or keyboard put one there.
    pub hover: Option<f64>,
    /// Device pixels per CSS pixel: fonts and lines scale with it.
    pub scale: f64,
    /// Axis titles, already translated.
    pub f_label: &'a str,
    pub df_label: &'a str,
    pub sigmoid_peak_label: &'a str,
}

/// The y-interval that shows every curve in `values` with a margin; never empty.
fn y_bounds(values: impl Iterator<Item = f64>, at_least: (f64, f64)) -> (f64, f64) {
    let (mut lo, mut hi) = at_least;
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let pad = 0.08 * (hi - lo).max(1e-9);
    (lo - pad, hi + pad)
}

fn xs(range: f64) -> impl Iterator<Item = f64> + Clone {
    (0..SAMPLES).map(move |i| -range + 2.0 * range * i as f64 / (SAMPLES - 1) as f64)
}

/// Draws the two panels into `root` (cleared first) and returns where the
/// x-axis landed in pixels, so the caller can map a pointer back to x.
pub fn draw_curves<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, view: &CurvesView) -> Result<PlotMap, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the curves failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let s = view.scale.max(0.5);
    let font = (14.0 * s) as u32;
    // f and f′ panels share the height above a strip with one row per shown
    // function marking its saturated zones (readable however many overlap).
    let strip_h = if view.shown.is_empty() { 0 } else { ((12.0 * view.shown.len() as f64 + 30.0) * s) as u32 };
    let (panels, strip) = root.split_vertically(h.saturating_sub(strip_h));
    let (upper, lower) = panels.split_vertically(h.saturating_sub(strip_h) / 2);
    let x = xs(view.range);

    let f_range = y_bounds(view.shown.iter().flat_map(|a| x.clone().map(|x| a.f(x))), (-1.0, 1.0));
    let df_range = y_bounds(view.shown.iter().flat_map(|a| x.clone().map(|x| a.df(x))), (0.0, 1.0));
    let mut map = PlotMap { px_left: 0, px_right: w as i32, x_min: -view.range, x_max: view.range };

    for (panel, label, (y0, y1), deriv) in
        [(&upper, view.f_label, f_range, false), (&lower, view.df_label, df_range, true)]
    {
        let mut chart = ChartBuilder::on(panel)
            .margin((8.0 * s) as u32)
            .x_label_area_size((28.0 * s) as u32)
            .y_label_area_size((52.0 * s) as u32)
            .build_cartesian_2d(-view.range..view.range, y0..y1)
            .map_err(err)?;
        // About one tick label per 34 CSS pixels of height and 70 of width.
        let (pw, ph) = panel.dim_in_pixel();
        let y_ticks = ((ph as f64 / (34.0 * s)) as usize).clamp(3, 10);
        let x_ticks = ((pw as f64 / (70.0 * s)) as usize).clamp(3, 13);
        chart
            .configure_mesh()
            .light_line_style(RGBColor(236, 236, 236))
            .bold_line_style(RGBColor(210, 210, 210))
            .y_labels(y_ticks)
            .x_labels(x_ticks)
            .y_desc(label)
            .label_style(("sans-serif", font))
            .axis_desc_style(("sans-serif", font))
            .draw()
            .map_err(err)?;

        // With one function, its saturated zones are shaded full height, under the curve.
        for a in view.shown.iter().filter(|_| view.shown.len() == 1) {
            let c = palette(*a).mix(0.10);
            let zones = a.saturated_intervals(-view.range, view.range, SATURATION_FRACTION, SAMPLES);
            chart
                .draw_series(zones.into_iter().map(|(l, r)| Rectangle::new([(l, y0), (r, y1)], c.filled())))
                .map_err(err)?;
        }
        // The zero lines.
        let axis = ShapeStyle::from(&RGBColor(120, 120, 120)).stroke_width((1.0 * s).max(1.0) as u32);
        chart.draw_series(LineSeries::new([(-view.range, 0.0), (view.range, 0.0)], axis)).map_err(err)?;
        chart.draw_series(LineSeries::new([(0.0, y0), (0.0, y1)], axis)).map_err(err)?;

        for a in view.shown {
            let style = palette(*a).stroke_width((2.5 * s).max(1.0) as u32);
            let points = x.clone().map(|x| (x, if deriv { a.df(x) } else { a.f(x) }));
            chart.draw_series(LineSeries::new(points, style)).map_err(err)?;
        }

        if deriv && view.shown.contains(&Activation::Sigmoid) && view.range > 0.0 {
            let c = palette(Activation::Sigmoid);
            let peak = Activation::Sigmoid.properties().max_slope;
            chart.draw_series([Circle::new((0.0, peak), (5.0 * s) as i32, c.filled())]).map_err(err)?;
            chart
                .draw_series([Text::new(
                    view.sigmoid_peak_label.to_string(),
                    (0.04 * view.range, peak + 0.06 * (y1 - y0)),
                    ("sans-serif", font).into_font().color(&c),
                )])
                .map_err(err)?;
        }

        if let Some(hx) = view.hover.filter(|hx| hx.abs() <= view.range) {
            let guide = ShapeStyle::from(&RGBColor(40, 40, 40)).stroke_width((1.0 * s).max(1.0) as u32);
            chart.draw_series(LineSeries::new([(hx, y0), (hx, y1)], guide)).map_err(err)?;
            chart
                .draw_series(view.shown.iter().map(|a| {
                    let y = if deriv { a.df(hx) } else { a.f(hx) };
                    Circle::new((hx, y), (4.0 * s) as i32, palette(*a).filled())
                }))
                .map_err(err)?;
        }

        let (px, _) = chart.plotting_area().get_pixel_range();
        map.px_left = px.start;
        map.px_right = px.end;
    }
    if !view.shown.is_empty() {
        let rows = view.shown.len() as f64;
        let mut chart = ChartBuilder::on(&strip)
            .margin_left((8.0 * s) as u32)
            .margin_right((8.0 * s) as u32)
            .x_label_area_size((22.0 * s) as u32)
            .y_label_area_size((52.0 * s) as u32)
            .build_cartesian_2d(-view.range..view.range, 0.0..rows)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(((w as f64 / (70.0 * s)) as usize).clamp(3, 13))
            .light_line_style(RGBColor(236, 236, 236))
            .bold_line_style(RGBColor(210, 210, 210))
            .label_style(("sans-serif", (12.0 * s) as u32))
            .draw()
            .map_err(err)?;
        for (i, a) in view.shown.iter().enumerate() {
            let row = rows - 1.0 - i as f64;
            let zones = a.saturated_intervals(-view.range, view.range, SATURATION_FRACTION, SAMPLES);
            let c = palette(*a).mix(0.6);
            chart
                .draw_series(
                    zones.into_iter().map(|(l, r)| Rectangle::new([(l, row + 0.2), (r, row + 0.8)], c.filled())),
                )
                .map_err(err)?;
        }
    }
    root.present().map_err(err)?;
    Ok(map)
}

/// The chart at the widget's default settings as SVG (for the registry's tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    use crate::i18n::t;
    let p = super::CurvesParams::default();
    let shown: Vec<Activation> = p.shown().collect();
    let view = CurvesView {
        shown: &shown,
        range: p.range,
        hover: None,
        scale: 1.0,
        f_label: t(lang, "curves.panel_f"),
        df_label: t(lang, "curves.panel_df"),
        sigmoid_peak_label: t(lang, "curves.sigmoid_peak"),
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (800, 600)).into_drawing_area();
        if let Err(e) = draw_curves(&root, &view) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(view: &CurvesView) -> (String, PlotMap) {
        let mut out = String::new();
        let map = {
            let root = SVGBackend::with_string(&mut out, (800, 600)).into_drawing_area();
            draw_curves(&root, view).unwrap()
        };
        (out, map)
    }

    fn view(shown: &[Activation], hover: Option<f64>) -> CurvesView<'_> {
        CurvesView {
            shown,
            range: 6.0,
            hover,
            scale: 1.0,
            f_label: "f",
            df_label: "df",
            sigmoid_peak_label: "peak 0.25",
        }
    }

    fn hex(a: Activation) -> String {
        let c = palette(a);
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn each_shown_function_is_drawn_in_its_colour_in_both_panels() {
        let shown = [Activation::Tanh, Activation::Relu];
        let (out, _) = svg(&view(&shown, None));
        // A curve is a polyline stroked in its colour, once per panel.
        let curves = |a: Activation| {
            out.split("<polyline").filter(|p| p.split('>').next().unwrap_or("").contains(&hex(a))).count()
        };
        for a in shown {
            assert_eq!(curves(a), 2, "{a} should be drawn once in each panel");
        }
        assert_eq!(curves(Activation::Silu), 0);
        // No sigmoid, so no peak label.
        assert!(!out.contains("peak 0.25"));
    }

    #[test]
    fn sigmoid_peak_is_labelled_and_its_tails_are_shaded() {
        let (out, _) = svg(&view(&[Activation::Sigmoid], None));
        assert!(out.contains("peak 0.25"));
        // Two tails in each of two panels: 4 translucent rectangles.
        let shaded = out.matches("opacity=\"0.1\"").count();
        assert_eq!(shaded, 4, "{out}");
        // ... and in its strip row, once per tail.
        assert_eq!(out.matches("opacity=\"0.6\"").count(), 2);
        let (out, _) = svg(&view(&[Activation::Identity], None));
        assert_eq!(out.matches("opacity=\"0.1\"").count(), 0);
        assert_eq!(out.matches("opacity=\"0.6\"").count(), 0);
    }

    #[test]
    fn several_functions_mark_their_zones_in_rows_not_overlapping_shades() {
        let (out, _) = svg(&view(&[Activation::Sigmoid, Activation::Relu, Activation::LeakyRelu(0.01)], None));
        assert_eq!(out.matches("opacity=\"0.1\"").count(), 0, "no full-height shading with 3 functions");
        // Sigmoid: two tails; ReLU: x < 0; leaky ReLU: x < 0 too, since its slope
        // there, 0.01, is under 5% of its largest (even though it never reaches 0).
        let rows = out.matches("opacity=\"0.6\"").count();
        assert_eq!(rows, 4, "sigmoid 2 + relu 1 + leaky relu 1 (slope 0.01 is under 5% of 1)");
    }

    #[test]
    fn the_pixel_map_inverts_to_x_and_hover_adds_marks() {
        let shown = [Activation::Gelu];
        let (plain, map) = svg(&view(&shown, None));
        assert!(map.px_left > 0 && map.px_right < 800 && map.px_left < map.px_right);
        assert!((map.x_at(map.px_left as f64) + 6.0).abs() < 1e-9);
        assert!((map.x_at(map.px_right as f64) - 6.0).abs() < 1e-9);
        let (hovered, _) = svg(&view(&shown, Some(1.0)));
        assert!(hovered.matches("<circle").count() >= plain.matches("<circle").count() + 2);
    }

    #[test]
    fn nothing_shown_still_draws_axes() {
        let (out, _) = svg(&view(&[], None));
        assert!(out.contains("<svg") && out.matches("<polyline").count() >= 2);
    }
}
