//! The `vanishing` chart: the gradient per layer on a log axis with the slopes-only line over it, each hidden layer's output distribution as a heat strip, and its saturated share, all on one input → output axis.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::prelude::*;

use super::model::View;
use crate::chart::scale::{pow10, sequential};
use crate::chart::palette;

/// The colour of an empty histogram bin (no ink where there is no data).
pub const EMPTY_BIN: RGBColor = RGBColor(246, 246, 246);
/// The colour of the slopes-only line.
const SLOPE_LINE: RGBColor = RGBColor(90, 90, 90);

/// The chart's words, already translated.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// Under the shared x-axis: "layer (input → output)".
    pub layer_axis: String,
    /// Tick label of the output layer's column.
    pub output: String,
    /// The gradient panel's y-axis.
    pub grad_axis: String,
    /// Beside the measured line.
    pub measured: String,
    /// Beside the slopes-only line ("slopes alone: ×0.25 per layer").
    pub slopes: String,
    /// Beside a layer whose gradient is below the axis (0 or too small).
    pub below: String,
    /// The heat strip's y-axis.
    pub values_axis: String,
    /// The saturation bars' y-axis.
    pub saturated_axis: String,
    /// The colour key of the heat strip.
    pub heat_key: String,
}

/// What to draw.
pub struct Frame<'a> {
    pub view: &'a View,
    /// Device pixels per CSS pixel: fonts and lines scale with it.
    pub scale: f64,
    pub labels: Labels,
}

/// The smallest of 1, 2, 5, 10, 20, 50, ... with at most `max_n` (>= 1)
/// multiples in `lo..=hi`.
fn tick_step(lo: i32, hi: i32, max_n: usize) -> i32 {
    let max_n = max_n.max(1) as i64;
    let (lo, hi) = (lo as i64, hi as i64);
    let mut k = 0;
    loop {
        let step = [1, 2, 5][k % 3] * 10i64.pow((k / 3) as u32);
        if hi.div_euclid(step) - (lo + step - 1).div_euclid(step) < max_n || step > 1_000_000 {
            return step as i32;
        }
        k += 1;
    }
}

/// Round ticks: the multiples of [`tick_step`] in `lo..=hi`.
pub fn ticks(lo: i32, hi: i32, max_n: usize) -> Vec<i32> {
    let step = tick_step(lo, hi, max_n);
    (lo..=hi).filter(|v| v.rem_euclid(step) == 0).collect()
}

/// The layers whose number is written under the x-axis, at most `max_n`
/// (>= 2) of them: 1, round multiples between, and the output layer
/// (labelled `out`); a multiple too close to either end is left out.
pub fn layer_ticks(layers: usize, max_n: usize) -> Vec<usize> {
    let mut t = vec![1];
    if max_n > 2 && layers > 2 {
        let step = tick_step(2, layers as i32 - 1, max_n - 2) as usize;
        let clear = step.div_ceil(2);
        t.extend((2..layers).filter(|&v| v % step == 0 && v > clear && layers - v >= clear));
    }
    t.push(layers);
    t
}

/// Draws the three panels into `root` (cleared first).
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, frame: &Frame) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the vanishing chart failed: {e:?}");
    let (v, l, s) = (frame.view, &frame.labels, frame.scale.max(0.5));
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let font = (14.0 * s) as u32;
    let colour = palette(v.act);
    let layers = v.depth + 1;
    let x_range = 0.5..layers as f64 + 0.5;
    // About one tick label per 46 CSS pixels of width.
    let x_ticks = ((w as f64 / (46.0 * s)) as usize).clamp(2, 14).min(layers);
    let key_h = (26.0 * s) as u32;
    let sat_h = ((h as f64 * 0.13).max(56.0 * s)) as u32;
    let heat_h = (h as f64 * 0.27) as u32;
    let (top, rest) = root.split_vertically(h.saturating_sub(key_h + sat_h + heat_h));
    let (heat, rest) = rest.split_vertically(heat_h);
    let (sat, key) = rest.split_vertically(sat_h);
    let margin = (8.0 * s) as u32;
    let y_area = (64.0 * s) as u32;
    let grid = RGBColor(222, 222, 222);

    // 1. The gradient per layer, log axis.
    let (lo, hi) = v.decades();
    let mut chart = ChartBuilder::on(&top)
        .margin(margin)
        .margin_right((24.0 * s) as u32)
        .x_label_area_size((26.0 * s) as u32)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_range.clone(), lo as f64..hi as f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .y_desc(&l.grad_axis)
        .axis_desc_style(("sans-serif", font))
        .draw()
        .map_err(err)?;
    // Whole decades only, written 10⁻ᵏ, with light gridlines: plotters'
    // own ticks would fall between decades and skip the ends.
    let max_y = (top.dim_in_pixel().1 as f64 / (28.0 * s)) as usize;
    let tick_font = ("sans-serif", font).into_font().color(&RGBColor(60, 60, 60));
    for k in ticks(lo, hi, max_y) {
        let y = k as f64;
        chart.draw_series(LineSeries::new([(x_range.start, y), (x_range.end, y)], grid)).map_err(err)?;
        let (px, py) = chart.backend_coord(&(x_range.start, y));
        let style = tick_font.clone().pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(pow10(k), (px - (6.0 * s) as i32, py), style)).map_err(err)?;
    }
    draw_layer_ticks(root, &chart, layers, x_ticks, &l.output, &tick_font, s).map_err(err)?;
    let text = |c: RGBColor| ("sans-serif", font).into_font().color(&c);

    // The slopes-only line, dashed, labelled at its input end.
    let bound: Vec<(f64, f64)> = v
        .bound
        .iter()
        .enumerate()
        .filter(|(_, &b)| b >= super::model::FLOOR)
        .map(|(i, b)| ((i + 1) as f64, b.log10()))
        .collect();
    let dash = ShapeStyle::from(&SLOPE_LINE).stroke_width((1.5 * s).max(1.0) as u32);
    chart
        .draw_series(DashedLineSeries::new(bound.iter().copied(), (6.0 * s) as i32, (4.0 * s) as i32, dash))
        .map_err(err)?;
    // Its label sits under the line, two fifths of the way to the output.
    if let Some(&(x, y)) = bound.get(bound.len() * 2 / 5) {
        let place = (x + 0.15, (y - 0.03 * (hi - lo) as f64).max(lo as f64));
        let style = text(SLOPE_LINE).pos(Pos::new(HPos::Left, VPos::Top));
        chart.draw_series([Text::new(l.slopes.clone(), place, style)]).map_err(err)?;
    }

    // The measured gradient: a line through the layers that have one, a dot
    // per layer, and a cross at the floor for a layer whose gradient is 0 or
    // too small for the axis (never log 0).
    let logs = v.log_grad();
    let seen: Vec<(f64, f64)> =
        logs.iter().enumerate().filter_map(|(i, g)| g.map(|g| ((i + 1) as f64, g))).collect();
    let line = colour.stroke_width((2.0 * s).max(1.0) as u32);
    chart.draw_series(LineSeries::new(seen.iter().copied(), line)).map_err(err)?;
    let r = (4.5 * s).clamp(2.0, 12.0) as i32;
    chart.draw_series(seen.iter().map(|&p| Circle::new(p, r, colour.filled()))).map_err(err)?;
    let floor = lo as f64 + 0.4;
    let missing: Vec<f64> = logs.iter().enumerate().filter(|(_, g)| g.is_none()).map(|(i, _)| (i + 1) as f64).collect();
    let cross = colour.stroke_width((2.0 * s).max(1.0) as u32);
    chart.draw_series(missing.iter().map(|&x| Cross::new((x, floor), r, cross))).map_err(err)?;
    if let Some(&x) = missing.first() {
        chart.draw_series([Text::new(l.below.clone(), (x + 0.2, floor + 0.25), text(colour))]).map_err(err)?;
    }
    if let Some(&(x, y)) = seen.last() {
        // Above the last dot, or under it (clear of the line, which comes
        // from the left) when the dot is near the top.
        let span = (hi - lo) as f64;
        let (at, v) = if y > hi as f64 - 0.12 * span {
            ((x + 0.2, y - 0.07 * span), VPos::Top)
        } else {
            ((x - 0.25, y + 0.04 * span), VPos::Bottom)
        };
        let style = text(colour).pos(Pos::new(HPos::Right, v));
        chart.draw_series([Text::new(l.measured.clone(), at, style)]).map_err(err)?;
    }

    // 2. Each hidden layer's outputs: one column per layer, one cell per bin,
    // coloured by the square root of its count over the layer's fullest bin
    // (so that a spike, such as ReLU's zeros, does not hide the spread).
    let (vlo, vhi) = v.hist_range;
    let mut chart = ChartBuilder::on(&heat)
        .margin_left(margin)
        .margin_top((4.0 * s) as u32)
        .margin_bottom((10.0 * s) as u32)
        .margin_right((24.0 * s) as u32)
        .x_label_area_size(0)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_range.clone(), vlo..vhi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .y_labels(3)
        .y_desc(&l.values_axis)
        .label_style(("sans-serif", font))
        .axis_desc_style(("sans-serif", font))
        .draw()
        .map_err(err)?;
    let cells = v.hidden.iter().enumerate().flat_map(|(i, st)| {
        let bins = st.histogram.len().max(1);
        let most = st.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
        let dy = (vhi - vlo) / bins as f64;
        st.histogram.iter().enumerate().map(move |(b, &n)| {
            let c = if n == 0 { EMPTY_BIN } else { sequential((n as f64 / most).sqrt()) };
            let (x, y) = ((i + 1) as f64, vlo + b as f64 * dy);
            Rectangle::new([(x - 0.5, y), (x + 0.5, y + dy)], c.filled())
        })
    });
    chart.draw_series(cells).map_err(err)?;

    // 3. The saturated share of each hidden layer.
    let mut chart = ChartBuilder::on(&sat)
        .margin_left(margin)
        .margin_top((6.0 * s) as u32)
        .margin_right((24.0 * s) as u32)
        .x_label_area_size((44.0 * s) as u32)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_range.clone(), 0.0..1.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(grid)
        .y_labels(2)
        .y_label_formatter(&|y| format!("{:.0}%", y * 100.0))
        .x_labels(0)
        .x_desc(&l.layer_axis)
        .y_desc(&l.saturated_axis)
        .label_style(("sans-serif", font))
        .axis_desc_style(("sans-serif", font))
        .draw()
        .map_err(err)?;
    draw_layer_ticks(root, &chart, layers, x_ticks, &l.output, &tick_font, s).map_err(err)?;
    let bar = colour.mix(0.85).filled();
    chart
        .draw_series(v.hidden.iter().enumerate().map(|(i, st)| {
            let x = (i + 1) as f64;
            Rectangle::new([(x - 0.35, 0.0), (x + 0.35, st.saturated.clamp(0.0, 1.0))], bar)
        }))
        .map_err(err)?;

    // 4. The colour key: empty, then the sequential scale from few to most.
    let key_font = ("sans-serif", font).into_font().color(&RGBColor(60, 60, 60));
    let (kx, sw) = ((y_area + margin) as i32, (16.0 * s) as i32);
    let swatches = std::iter::once(EMPTY_BIN).chain((0..6).map(|i| sequential(i as f64 / 5.0)));
    for (i, c) in swatches.enumerate() {
        let x = kx + i as i32 * sw;
        key.draw(&Rectangle::new([(x, (4.0 * s) as i32), (x + sw, (4.0 * s) as i32 + sw)], c.filled()))
            .map_err(err)?;
    }
    key.draw(&Text::new(l.heat_key.clone(), (kx + 7 * sw + (8.0 * s) as i32, (5.0 * s) as i32), key_font))
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

/// Writes the layer numbers under a panel's x-axis (the output layer as `out`).
fn draw_layer_ticks<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, Y>>,
    layers: usize,
    max_n: usize,
    out: &str,
    font: &TextStyle,
    s: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let y0 = chart.y_range().start;
    let style = font.clone().pos(Pos::new(HPos::Center, VPos::Top));
    for layer in layer_ticks(layers, max_n) {
        let (px, py) = chart.backend_coord(&(layer as f64, y0));
        let label = if layer == layers { out.to_string() } else { layer.to_string() };
        root.draw(&Text::new(label, (px, py + (5.0 * s) as i32), style.clone()))?;
    }
    Ok(())
}

/// The chart at the widget's default settings as SVG (for the registry's tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    let view = super::model::compute(&super::VanishingParams::default());
    let labels = super::chart_labels(lang, &view);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (800, 640)).into_drawing_area();
        if let Err(e) = draw(&root, &Frame { view: &view, scale: 1.0, labels }) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::model::{compute, BINS};
    use super::super::VanishingParams;
    use super::*;
    use crate::activation::Activation;
    use crate::init::Init;

    fn labels() -> Labels {
        let s = String::from;
        Labels {
            layer_axis: s("LAYER-AXIS"),
            output: s("OUT"),
            grad_axis: s("GRAD-AXIS"),
            measured: s("MEASURED"),
            slopes: s("SLOPES"),
            below: s("BELOW"),
            values_axis: s("VALUES"),
            saturated_axis: s("SATURATED"),
            heat_key: s("HEAT-KEY"),
        }
    }

    fn svg(view: &View) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (800, 640)).into_drawing_area();
            draw(&root, &Frame { view, scale: 1.0, labels: labels() }).unwrap();
        }
        out
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// SVG elements of kind `tag` whose attributes mention `needle`.
    fn count(out: &str, tag: &str, needle: &str) -> usize {
        out.split(&format!("<{tag}")).skip(1).filter(|p| p.split('>').next().unwrap_or("").contains(needle)).count()
    }

    #[test]
    fn one_mark_per_layer_in_the_activations_colour() {
        for (act, depth) in [(Activation::Sigmoid, 10), (Activation::Relu, 3), (Activation::Tanh, 33)] {
            let v = compute(&VanishingParams { act, depth, init: Init::XavierNormal, ..Default::default() });
            let out = svg(&v);
            let c = hex(palette(act));
            assert_eq!(count(&out, "circle", &c), depth + 1, "{act}: a dot per layer, output included");
            assert_eq!(count(&out, "polyline", &c), 1, "{act}: one measured line");
            // A bar per hidden layer for the saturated share (the only rects in this colour).
            assert_eq!(count(&out, "rect", &c), depth, "{act}");
            for word in ["LAYER-AXIS", "GRAD-AXIS", "MEASURED", "SLOPES", "VALUES", "SATURATED", "HEAT-KEY", "OUT"] {
                assert!(out.contains(word), "{act}: {word} missing");
            }
            assert!(!out.contains("BELOW"), "{act}: every layer has a gradient");
            assert!(!out.contains("NaN") && !out.contains("inf"), "{act}");
        }
    }

    #[test]
    fn the_log_axis_is_labelled_in_powers_of_ten_spanning_the_values() {
        let v = compute(&VanishingParams::default());
        let out = svg(&v);
        let (lo, hi) = v.decades();
        // Layer 1 of the default sigmoid network sits near 10⁻⁷, the output near 10⁰.
        assert!(lo <= -7 && hi >= 0, "{lo}..{hi}");
        for k in [lo, hi] {
            assert!(out.contains(&pow10(k)), "decade {} unlabelled", pow10(k));
        }
        let texts: Vec<&str> = out.split("<text").skip(1).map(|p| p.split('>').nth(1).unwrap_or("")).collect();
        assert!(texts.iter().all(|t| !t.contains("e-") && !t.contains("e−")), "no 1e-6 style ticks: {texts:?}");
    }

    #[test]
    fn the_heat_strip_has_a_cell_per_bin_and_hidden_layer() {
        let v = compute(&VanishingParams { depth: 6, ..Default::default() });
        let out = svg(&v);
        let filled: usize = v.hidden.iter().map(|s| s.histogram.iter().filter(|&&n| n > 0).count()).sum();
        let empty = 6 * BINS - filled;
        assert_eq!(count(&out, "rect", &hex(EMPTY_BIN)), empty + 1, "empty bins plus the key's swatch");
        // Each layer's fullest bin is the top of the scale.
        assert!(count(&out, "rect", &hex(sequential(1.0))) > 6, "a fullest bin per layer plus the key's swatch");
    }

    #[test]
    fn zero_gradients_are_crossed_at_the_floor_not_plotted_at_minus_infinity() {
        let v = compute(&VanishingParams { depth: 5, init: Init::Zero, act: Activation::Tanh, ..Default::default() });
        let out = svg(&v);
        let c = hex(palette(Activation::Tanh));
        // Five hidden layers get exactly 0: a cross (two lines) each; the output layer a dot.
        assert_eq!(count(&out, "line", &c), 10);
        assert_eq!(count(&out, "circle", &c), 1);
        assert!(out.contains("BELOW"));
        assert!(!out.contains("NaN") && !out.contains("inf"));
    }

    #[test]
    fn ticks_are_round_and_include_both_ends_of_the_layers() {
        assert_eq!(ticks(-7, 0, 10), (-7..=0).collect::<Vec<_>>());
        assert_eq!(ticks(-41, 0, 6), vec![-40, -30, -20, -10, 0]);
        assert_eq!(ticks(-3, 1, 2), vec![-2, 0]);
        assert_eq!(layer_ticks(11, 14), (1..=11).collect::<Vec<_>>());
        assert_eq!(layer_ticks(65, 8), vec![1, 10, 20, 30, 40, 50, 60, 65]);
        assert_eq!(layer_ticks(2, 14), vec![1, 2]);
        for layers in 2..=65 {
            for n in 2..=14 {
                let t = layer_ticks(layers, n);
                assert!(t.len() <= n.max(2) && t[0] == 1 && *t.last().unwrap() == layers, "{layers} {n}: {t:?}");
                assert!(t.windows(2).all(|w| w[0] < w[1]), "{layers} {n}: {t:?}");
            }
        }
    }
}
