//! The playground's charts: the points (and fitted curve) laid over the field, the loss over time, and each layer's gradient norm over time, on log axes with ticks at powers of ten.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::{Plane, Run};
use crate::chart::palette;
use crate::chart::scale::{pow10, sequential, Lut, NEGATIVE, POSITIVE};
use crate::data::Dataset;

const GRID_LINE: RGBColor = RGBColor(225, 225, 225);
const AXIS_INK: RGBColor = RGBColor(60, 60, 60);
const LABEL_INK: RGBColor = RGBColor(40, 40, 40);
/// Regression points: dark grey (there are no classes).
pub const POINT_INK: RGBColor = RGBColor(50, 50, 50);

/// Everything the points layer needs.
pub struct PointsView<'a> {
    pub plane: Plane,
    pub train: &'a Dataset,
    pub test: &'a Dataset,
    /// The fitted curve (regression only), drawn in `curve_colour`.
    pub curve: Option<&'a [(f64, f64)]>,
    pub curve_colour: RGBColor,
    /// Radius of a mark in CSS pixels.
    pub radius: f64,
    pub scale: f64,
}

/// Writes the colour of every value of `values` (in [-1, 1]) from the
/// diverging table `lut` into `rgba`, 4 bytes per value, row-major like
/// `ImageData`: one lookup per pixel, ready for one `put_image_data`.
pub fn paint(lut: &Lut, values: &[f64], rgba: &mut [u8]) {
    for (v, px) in values.iter().zip(rgba.chunks_exact_mut(4)) {
        px.copy_from_slice(&lut.signed(*v));
    }
}

/// The colour of layer `l` (0 = the one next to the input) of `layers`:
/// depth reads the same way in every widget, dark at the input and light
/// towards the output, stopping short of viridis' pale yellow (which
/// vanishes on white).
pub fn depth_colour(l: usize, layers: usize) -> RGBColor {
    if layers <= 1 {
        return sequential(0.0);
    }
    sequential(0.85 * l as f64 / (layers - 1) as f64)
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

/// Where a point of the plane lands in a `w` x `h` pixel area.
fn to_px(plane: &Plane, (w, h): (u32, u32), x: f64, y: f64) -> (i32, i32) {
    let (u, v) = plane.frac(x, y);
    ((u * w as f64).round() as i32, (v * h as f64).round() as i32)
}

/// Draws the points over a transparent area (the field shows through):
/// class +1 as blue discs, class -1 as orange triangles, training points
/// filled and test points hollow, each ringed in white so it stands out on
/// its own colour; regression points in dark grey, with the fitted curve.
/// Returns how many marks were drawn.
pub fn draw_points<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, view: &PointsView) -> Result<usize, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the points failed: {e:?}");
    let dim = root.dim_in_pixel();
    let s = view.scale.max(0.5);
    let r = (view.radius * s).round().max(1.0) as i32;
    let ring = ShapeStyle::from(&WHITE).stroke_width((1.5 * s).round().max(1.0) as u32);
    let regression = view.train.n_in == 1;
    let mut marks = 0;
    for (data, hollow) in [(view.train, false), (view.test, true)] {
        for (x, t) in data.iter() {
            let (px, py) = if regression {
                to_px(&view.plane, dim, x[0], t[0])
            } else {
                to_px(&view.plane, dim, x[0], x[1])
            };
            let (colour, disc) = match (regression, t[0] > 0.0) {
                (true, _) => (POINT_INK, true),
                (false, true) => (POSITIVE, true),
                (false, false) => (NEGATIVE, false),
            };
            let line = ShapeStyle::from(&colour).stroke_width((2.0 * s).round().max(1.0) as u32);
            if disc {
                root.draw(&Circle::new((px, py), r + 1, ring)).map_err(err)?;
                let style = if hollow { line } else { colour.filled() };
                root.draw(&Circle::new((px, py), r, style)).map_err(err)?;
            } else {
                let k = r as f64 * 1.35;
                let tri: Vec<(i32, i32)> = [-90.0f64, 30.0, 150.0]
                    .iter()
                    .map(|d| {
                        let a = d.to_radians();
                        (px + (k * a.cos()).round() as i32, py + (k * a.sin()).round() as i32)
                    })
                    .collect();
                let mut closed = tri.clone();
                closed.push(tri[0]);
                root.draw(&PathElement::new(closed.clone(), ring)).map_err(err)?;
                if hollow {
                    root.draw(&PathElement::new(closed, line)).map_err(err)?;
                } else {
                    root.draw(&Polygon::new(tri, colour.filled())).map_err(err)?;
                }
            }
            marks += 1;
        }
    }
    if let Some(curve) = view.curve {
        let px: Vec<(i32, i32)> = curve
            .iter()
            .filter(|(_, y)| y.is_finite())
            .map(|&(x, y)| {
                let (px, py) = to_px(&view.plane, dim, x, y);
                (px, py.clamp(-10_000, 10_000))
            })
            .collect();
        let halo = ShapeStyle::from(&WHITE).stroke_width((5.0 * s).round() as u32);
        root.draw(&PathElement::new(px.clone(), halo)).map_err(err)?;
        root.draw(&PathElement::new(px, view.curve_colour.stroke_width((3.0 * s).round() as u32))).map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(marks)
}

/// One line of a chart over epochs: its points and colour.
pub struct Line<'a> {
    pub points: Vec<(f64, f64)>,
    pub colour: RGBColor,
    pub dashed: bool,
    /// Stroke width in CSS pixels.
    pub width: f64,
    /// Written at the line's end.
    pub label: &'a str,
}

/// A chart of positive quantities over epochs on a log axis.
pub struct LogView<'a> {
    pub lines: Vec<Line<'a>>,
    pub title: &'a str,
    pub x_label: &'a str,
    /// Said in the middle when no line has a point.
    pub empty: &'a str,
    /// Colour swatches with names, drawn under the title (a colour scale's legend).
    pub legend: Vec<(RGBColor, String)>,
    pub legend_title: &'a str,
    pub scale: f64,
}

/// The loss lines of `runs`: training solid, test dashed, in each run's
/// activation colour; labelled with the activation's name when `names`
/// are given (compare mode).
pub fn loss_lines<'a>(runs: &[Run], train: &'a str, test: &'a str, names: Option<&[&'a str]>) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let c = palette(run.act);
        let name = names.and_then(|n| n.get(i).copied());
        for (dashed, label) in [(false, train), (true, test)] {
            let points = run
                .history()
                .iter()
                .map(|r| (r.epoch, if dashed { r.test_loss } else { r.train_loss }))
                .filter(|(_, v)| v.is_finite() && *v > 0.0)
                .collect();
            let label = match name {
                Some(n) if !dashed => n,
                _ => label,
            };
            lines.push(Line { points, colour: c, dashed, width: 2.0, label });
        }
    }
    lines
}

/// One line per layer of `run`: its weight-gradient norm at every record
/// (zero norms, before the first step, left out), input layer first.
pub fn grad_lines<'a>(run: &Run) -> Vec<Line<'a>> {
    let layers = run.net().layers.len();
    (0..layers)
        .map(|l| Line {
            points: run
                .history()
                .iter()
                .filter_map(|r| r.grad_norms.get(l).map(|g| (r.epoch, *g)))
                .filter(|(_, g)| g.is_finite() && *g > 0.0)
                .collect(),
            colour: depth_colour(l, layers),
            dashed: false,
            // Per-batch gradients zig-zag: a hairline keeps them legible
            // and is many times cheaper to rasterise than a thick stroke.
            width: 1.0,
            label: "",
        })
        .collect()
}

/// The legend of [`grad_lines`]: one swatch per layer, numbered from the input.
pub fn layer_legend(layers: usize) -> Vec<(RGBColor, String)> {
    (0..layers).map(|l| (depth_colour(l, layers), (l + 1).to_string())).collect()
}

/// Pushes label positions apart so that no two are closer than `gap`.
fn spread(ys: &mut [(i32, usize)], gap: i32) {
    ys.sort();
    for k in 1..ys.len() {
        if ys[k].0 - ys[k - 1].0 < gap {
            ys[k].0 = ys[k - 1].0 + gap;
        }
    }
}

/// The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 times a power of ten that is
/// at least `x` (at least 1): the x-axis grows in these steps, so its
/// ticks and labels are redrawn only now and then while training runs.
pub fn nice_ceil(x: f64) -> f64 {
    if x.is_nan() || x <= 1.0 {
        return 1.0;
    }
    let p = 10f64.powi(x.log10().floor() as i32);
    [1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0].iter().map(|m| m * p).find(|v| *v >= x * (1.0 - 1e-12)).unwrap_or(10.0 * p)
}

/// What a log chart's axes show: the decades on y and the end of the x-axis.
/// Two layers drawn with the same frame (and size) line up exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogFrame {
    pub lo: i32,
    pub hi: i32,
    pub x_max: f64,
    /// Room on the right for the lines' end labels, in CSS pixels (0: none).
    pub label_room: u32,
}

/// About how wide `text` is at `font` pixels (CJK characters are square,
/// Latin ones about half as wide): enough to leave room, not to measure.
fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(|c| if ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c) { font } else { 0.58 * font }).sum()
}

impl LogFrame {
    /// The frame that holds every point of `view`.
    pub fn of(view: &LogView) -> LogFrame {
        let (lo, hi) = decades(view.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1))).unwrap_or((-3, 0));
        let x_max = nice_ceil(view.lines.iter().flat_map(|l| l.points.iter().map(|p| p.0)).fold(0.0f64, f64::max));
        let widest = view.lines.iter().map(|l| text_width(l.label, 13.0)).fold(0.0, f64::max);
        let label_room = if widest > 0.0 { (widest + 14.0).ceil() as u32 } else { 0 };
        LogFrame { lo, hi, x_max, label_room }
    }
}

/// CSS pixels above the plot: the title's row and the legend's, when there are.
fn top_room(view: &LogView) -> f64 {
    let title = if view.title.is_empty() { 10.0 } else { 26.0 };
    let legend = if view.legend.is_empty() { 0.0 } else { 22.0 };
    title + legend
}

/// The chart's coordinates on `root`: the same for the axes and the lines layer.
fn log_chart<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    view: &LogView,
    frame: &LogFrame,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    let s = view.scale.max(0.5);
    let (w, _) = root.dim_in_pixel();
    let right = (frame.label_room.max(12) as f64 * s).min(0.35 * w as f64);
    ChartBuilder::on(root)
        .margin_top((top_room(view) * s) as u32)
        .margin_right(right as u32)
        .margin_left((6.0 * s) as u32)
        .margin_bottom((4.0 * s) as u32)
        .x_label_area_size((36.0 * s) as u32)
        .y_label_area_size((52.0 * s) as u32)
        .build_cartesian_2d(0.0..frame.x_max, frame.lo as f64..frame.hi as f64)
        .map_err(|e| format!("laying out the chart failed: {e:?}"))
}

/// Draws the still part of a log chart into `root` (cleared to white):
/// title, legend, axes, epoch ticks, and a light line with a 10ᵏ label at
/// whole decades.
pub fn draw_log_axes<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, view: &LogView, frame: &LogFrame) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the chart failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let s = view.scale.max(0.5);
    let font = (13.0 * s).round() as u32;
    let (w, _) = root.dim_in_pixel();
    let mut chart = log_chart(root, view, frame)?;
    let x_ticks = ((w as f64 / (90.0 * s)) as usize).clamp(2, 8);
    // The y ticks are whole decades, drawn here rather than by plotters
    // (whose automatic ticks would fall between powers of ten).
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .axis_style(AXIS_INK)
        .x_labels(x_ticks)
        .x_desc(view.x_label)
        .x_label_formatter(&|v| crate::i18n::fmt_num(*v, 3))
        .label_style(("sans-serif", font).into_font().color(&LABEL_INK))
        .axis_desc_style(("sans-serif", font).into_font().color(&LABEL_INK))
        .draw()
        .map_err(err)?;
    let (px_range, py_range) = chart.plotting_area().get_pixel_range();
    let (lo, hi) = (frame.lo, frame.hi);
    let fits = ((py_range.end - py_range.start) as f64 / (font as f64 * 1.6)).max(1.0);
    let every = ((hi - lo) as f64 / fits).ceil().max(1.0) as i32;
    let tick_style = ("sans-serif", font).into_font().color(&LABEL_INK).pos(Pos::new(HPos::Right, VPos::Center));
    for k in (lo..=hi).filter(|k| (k - lo) % every == 0) {
        chart.draw_series(LineSeries::new([(0.0, k as f64), (frame.x_max, k as f64)], GRID_LINE)).map_err(err)?;
        let (_, py) = chart.backend_coord(&(0.0, k as f64));
        root.draw(&Text::new(pow10(k), (px_range.start - (6.0 * s) as i32, py), tick_style.clone()))
            .map_err(err)?;
    }
    if !view.title.is_empty() {
        root.draw(&Text::new(
            view.title.to_string(),
            ((8.0 * s) as i32, (5.0 * s) as i32),
            ("sans-serif", (14.0 * s).round() as u32).into_font().color(&LABEL_INK),
        ))
        .map_err(err)?;
    }
    if !view.legend.is_empty() {
        // One swatch and number per layer; the legend's title only if it fits beside them.
        let y = ((top_room(view) - 20.0) * s) as i32;
        let room = w as f64 - 16.0 * s;
        let n = view.legend.len() as f64;
        let item = (34.0 * s).min(room / n);
        let title_w = text_width(view.legend_title, 13.0) * s + 10.0 * s;
        let mut x = 8.0 * s;
        let style = ("sans-serif", font).into_font().color(&LABEL_INK);
        if title_w + n * item <= room {
            root.draw(&Text::new(view.legend_title.to_string(), (x as i32, y), style.clone())).map_err(err)?;
            x += title_w;
        }
        for (c, name) in &view.legend {
            let sw = (item - 18.0 * s).max(6.0 * s);
            let (x0, x1) = (x as i32, (x + sw) as i32);
            root.draw(&Rectangle::new([(x0, y + (3.0 * s) as i32), (x1, y + (11.0 * s) as i32)], c.filled()))
                .map_err(err)?;
            root.draw(&Text::new(name.clone(), (x1 + (3.0 * s) as i32, y), style.clone())).map_err(err)?;
            x += item;
        }
    }
    root.present().map_err(err)?;
    Ok(())
}

/// At most one point per `buckets`-th of [0, x_max]: the geometric mean of
/// the values (and the mean epoch) falling in each, in order. A line never
/// needs more points than its chart has pixels, and a line of per-batch
/// gradients reads better averaged than as a scribble.
pub fn thin(points: &[(f64, f64)], x_max: f64, buckets: usize) -> Vec<(f64, f64)> {
    let buckets = buckets.max(1);
    if points.len() <= buckets || x_max.is_nan() || x_max <= 0.0 {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(buckets);
    let (mut key, mut n, mut sx, mut sl) = (usize::MAX, 0.0, 0.0, 0.0);
    for &(x, v) in points {
        let k = ((x / x_max * buckets as f64) as usize).min(buckets - 1);
        if k != key && n > 0.0 {
            out.push((sx / n, 10f64.powf(sl / n)));
            (n, sx, sl) = (0.0, 0.0, 0.0);
        }
        key = k;
        n += 1.0;
        sx += x;
        sl += v.log10();
    }
    if n > 0.0 {
        out.push((sx / n, 10f64.powf(sl / n)));
    }
    out
}

/// Draws the moving part of a log chart into `root` (not cleared: a
/// transparent layer over [`draw_log_axes`], or the same area): the lines,
/// thinned to about one point per 3 CSS pixels, their end labels, or the
/// `empty` sentence. Returns the number of lines drawn (those with points).
pub fn draw_log_lines<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, view: &LogView, frame: &LogFrame) -> Result<usize, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the chart failed: {e:?}");
    let s = view.scale.max(0.5);
    let font = (13.0 * s).round() as u32;
    let chart = log_chart(root, view, frame)?;
    let (px_range, py_range) = chart.plotting_area().get_pixel_range();
    let buckets = ((px_range.end - px_range.start) as f64 / (3.0 * s)).max(1.0) as usize;
    let mut drawn = 0;
    let mut ends = Vec::new();
    for (i, line) in view.lines.iter().enumerate() {
        if line.points.is_empty() {
            continue;
        }
        let pts: Vec<(f64, f64)> = thin(&line.points, frame.x_max, buckets).into_iter().map(|(x, v)| (x, v.log10())).collect();
        let style = line.colour.stroke_width((line.width * s).round().max(1.0) as u32);
        let (x, y) = pts[pts.len() - 1];
        if line.dashed {
            chart
                .plotting_area()
                .draw(&DashedPathElement::new(pts, (7.0 * s) as u32, (5.0 * s) as u32, style))
                .map_err(err)?;
        } else {
            chart.plotting_area().draw(&PathElement::new(pts, style)).map_err(err)?;
        }
        drawn += 1;
        if !line.label.is_empty() {
            ends.push((chart.backend_coord(&(x, y)).1, i));
        }
    }
    spread(&mut ends, (font as f64 * 1.1) as i32);
    for (py, i) in ends {
        let line = &view.lines[i];
        let style = ("sans-serif", font).into_font().color(&line.colour).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(line.label.to_string(), (px_range.end + (6.0 * s) as i32, py), style)).map_err(err)?;
    }
    if drawn == 0 {
        let style = ("sans-serif", (15.0 * s) as u32).into_font().color(&LABEL_INK).pos(Pos::new(HPos::Center, VPos::Center));
        let centre = ((px_range.start + px_range.end) / 2, (py_range.start + py_range.end) / 2);
        root.draw(&Text::new(view.empty.to_string(), centre, style)).map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(drawn)
}

/// Both layers of a log chart on one area (SVG, tests).
pub fn draw_log<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, view: &LogView) -> Result<usize, String> {
    let frame = LogFrame::of(view);
    draw_log_axes(root, view, &frame)?;
    draw_log_lines(root, view, &frame)
}

/// The loss and gradient charts at the widget's default settings after
/// 40 epochs of training, stacked, as SVG (for the registry's tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    use crate::i18n::t;
    let p = super::PlaygroundParams::default();
    let mut m = super::model::Model::new(&p);
    for _ in 0..40 {
        m.train(m.steps_per_epoch().ceil() as u64, || false);
        m.record();
    }
    let run = &m.runs[0];
    let loss = LogView {
        lines: loss_lines(&m.runs, t(lang, "playground.train"), t(lang, "playground.test"), None),
        title: t(lang, "playground.loss_title"),
        x_label: t(lang, "playground.epoch_axis"),
        empty: t(lang, "playground.no_history"),
        legend: Vec::new(),
        legend_title: "",
        scale: 1.0,
    };
    let grads = LogView {
        lines: grad_lines(run),
        title: t(lang, "playground.grad_title"),
        x_label: t(lang, "playground.epoch_axis"),
        empty: t(lang, "playground.no_history"),
        legend: layer_legend(run.net().layers.len()),
        legend_title: t(lang, "playground.layers_legend"),
        scale: 1.0,
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (640, 600)).into_drawing_area();
        let (top, bottom) = root.split_vertically(300);
        if let Err(e) = draw_log(&top, &loss).and_then(|_| draw_log(&bottom, &grads)) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use crate::widget::playground::model::Model;
    use crate::widget::playground::PlaygroundParams;

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// The polylines stroked in colour `c`.
    fn polylines(svg: &str, c: RGBColor) -> usize {
        svg.split("<polyline").skip(1).filter(|p| p.split('>').next().unwrap_or("").contains(&hex(c))).count()
    }

    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.split('<').next().map(|s| s.trim().to_string()))
            .collect()
    }

    fn render(view: &LogView) -> (String, usize) {
        let mut out = String::new();
        let n = {
            let root = SVGBackend::with_string(&mut out, (640, 300)).into_drawing_area();
            draw_log(&root, view).unwrap()
        };
        (out, n)
    }

    fn trained(p: &PlaygroundParams, epochs: usize) -> Model {
        let mut m = Model::new(p);
        for _ in 0..epochs {
            m.train(m.steps_per_epoch().ceil() as u64, || false);
            m.record();
        }
        m
    }

    fn log_view<'a>(lines: Vec<Line<'a>>, legend: Vec<(RGBColor, String)>) -> LogView<'a> {
        LogView { lines, title: "T", x_label: "epoch", empty: "nothing yet", legend, legend_title: "layers", scale: 1.0 }
    }

    #[test]
    fn the_loss_chart_draws_train_and_test_per_run_in_the_activation_colours() {
        let p = PlaygroundParams { compare: true, versus: Activation::Sigmoid, ..PlaygroundParams::default() };
        let m = trained(&p, 10);
        let lines = loss_lines(&m.runs, "train", "test", Some(&["ReLU", "sigmoid"]));
        assert_eq!(lines.len(), 4);
        // 11 records each (the start, then one per epoch), all finite and positive.
        assert!(lines.iter().all(|l| l.points.len() == 11), "{:?}", lines.iter().map(|l| l.points.len()).collect::<Vec<_>>());
        let (svg, n) = render(&log_view(lines, Vec::new()));
        assert_eq!(n, 4);
        // A solid line is one polyline; a dashed one is many short ones, in the same colour.
        for a in [Activation::Relu, Activation::Sigmoid] {
            let c = polylines(&svg, palette(a));
            assert!(c > 2, "{a}: the solid line and the dashes of the test line, got {c}");
        }
        let t = texts(&svg);
        assert!(t.iter().any(|s| s == "ReLU") && t.iter().any(|s| s == "sigmoid"), "{t:?}");
        assert_eq!(t.iter().filter(|s| *s == "test").count(), 2, "{t:?}");
        // Ticks at powers of ten, written with superscripts.
        assert!(t.iter().any(|s| s.starts_with("10⁻")), "{t:?}");
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn the_gradient_chart_has_one_line_per_layer_coloured_by_depth() {
        let p = PlaygroundParams { depth: 5, act: Activation::Sigmoid, ..PlaygroundParams::default() };
        let m = trained(&p, 5);
        let run = &m.runs[0];
        let layers = run.net().layers.len();
        assert_eq!(layers, 6);
        let lines = grad_lines(run);
        // The first record is taken before any step: no gradient yet, left out.
        assert!(lines.iter().all(|l| l.points.len() == 5));
        let (svg, n) = render(&log_view(lines, layer_legend(layers)));
        assert_eq!(n, layers);
        for l in 0..layers {
            assert_eq!(polylines(&svg, depth_colour(l, layers)), 1, "layer {l}");
        }
        // The legend has a swatch per layer, numbered from the input.
        for l in 0..layers {
            let swatch = format!("fill=\"{}\"", hex(depth_colour(l, layers)));
            assert_eq!(svg.split("<rect").filter(|r| r.contains(&swatch)).count(), 1, "layer {l}");
        }
        assert!(texts(&svg).contains(&"layers".to_string()));
        // Sigmoid layers near the input get less gradient than the output layer.
        let ratio = run.gradient_ratio().unwrap();
        assert!(ratio < 1.0, "layer 1 / output = {ratio}");
    }

    #[test]
    fn decades_and_depth_colours() {
        assert_eq!(decades([0.03, 0.5, f64::NAN, 0.0, -1.0]), Some((-2, 0)));
        assert_eq!(decades([1.0]), Some((0, 1)));
        assert_eq!(decades([f64::NAN]), None);
        assert_eq!(depth_colour(0, 5), sequential(0.0));
        assert_eq!(depth_colour(0, 1), sequential(0.0));
        assert_ne!(depth_colour(4, 5), sequential(1.0), "the output layer stays readable on white");
    }

    /// The field of a depth-0 network computing tanh(x): a 100x100 RGBA
    /// buffer whose every pixel is the table's colour for tanh at the
    /// cell's x, orange (red over blue) left of x = 0 and blue right of it.
    #[test]
    fn the_heatmap_buffer_is_the_tables_colour_of_the_output_cell_by_cell() {
        use crate::network::Network;
        use crate::widget::playground::model::GRID;
        let p = PlaygroundParams { depth: 0, ..PlaygroundParams::default() };
        let mut m = Model::new(&p);
        m.runs[0].trainer.as_mut().unwrap().net =
            Network::from_weights(&[2, 1], Activation::Relu, Activation::Tanh, &[vec![vec![1.0, 0.0]]], &[vec![0.0]])
                .unwrap();
        let mut values = Vec::new();
        m.field(0, GRID, &mut values);
        let lut = Lut::diverging();
        let mut rgba = vec![0u8; GRID * GRID * 4];
        paint(&lut, &values, &mut rgba);
        assert_eq!(rgba.len(), 100 * 100 * 4);
        let plane = m.task.plane();
        for j in (0..GRID).step_by(7) {
            for i in 0..GRID {
                let px = &rgba[4 * (j * GRID + i)..4 * (j * GRID + i) + 4];
                let x = plane.cell(i, j, GRID).0;
                assert_eq!(px, lut.signed(x.tanh()), "pixel ({i}, {j})");
                assert_eq!(px[3], 255);
                if x.abs() > 0.2 {
                    assert_eq!(px[2] > px[0], x > 0.0, "pixel ({i}, {j}) at x = {x}: blue where the output is positive");
                }
            }
        }
    }

    #[test]
    fn the_x_axis_grows_in_nice_steps() {
        let got: Vec<f64> = [0.0, 0.3, 1.0, 1.2, 2.5, 7.0, 9.0, 11.0, 250.0, 3000.0].iter().map(|&x| nice_ceil(x)).collect();
        assert_eq!(got, [1.0, 1.0, 1.0, 1.5, 3.0, 8.0, 10.0, 15.0, 300.0, 3000.0]);
        assert_eq!(nice_ceil(f64::NAN), 1.0);
    }

    #[test]
    fn thinning_averages_in_log_space_within_each_bucket() {
        // Two points per bucket of width 1 over [0, 4): geometric means.
        let pts: Vec<(f64, f64)> = (0..8).map(|i| (i as f64 * 0.5, if i % 2 == 0 { 1.0 } else { 100.0 })).collect();
        let t = thin(&pts, 4.0, 4);
        assert_eq!(t.len(), 4);
        for (k, (x, v)) in t.iter().enumerate() {
            assert!((x - (k as f64 + 0.25)).abs() < 1e-12 && (v - 10.0).abs() < 1e-9, "{k}: ({x}, {v})");
        }
        // Fewer points than buckets: unchanged.
        assert_eq!(thin(&pts[..3], 4.0, 4), pts[..3].to_vec());
        // A long run is drawn with at most one point per bucket.
        let long: Vec<(f64, f64)> = (0..1000).map(|i| (i as f64, 1.0 + i as f64)).collect();
        assert!(thin(&long, 1000.0, 300).len() <= 300);
    }

    #[test]
    fn an_empty_history_draws_axes_and_says_so() {
        let (svg, n) = render(&log_view(vec![Line { points: Vec::new(), colour: RED, dashed: false, width: 1.0, label: "x" }], Vec::new()));
        assert_eq!(n, 0);
        assert!(texts(&svg).contains(&"nothing yet".to_string()));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn every_point_is_one_mark_shaped_by_its_class_hollow_when_tested() {
        let p = PlaygroundParams::default();
        let m = Model::new(&p);
        let view = PointsView {
            plane: m.task.plane(),
            train: &m.train,
            test: &m.test,
            curve: None,
            curve_colour: BLACK,
            radius: 4.0,
            scale: 1.0,
        };
        let mut out = String::new();
        let marks = {
            let root = SVGBackend::with_string(&mut out, (400, 400)).into_drawing_area();
            draw_points(&root, &view).unwrap()
        };
        assert_eq!(marks, m.train.len() + m.test.len());
        let positive = |d: &Dataset| d.y.iter().filter(|&&y| y > 0.0).count();
        let (pos_train, pos_test) = (positive(&m.train), positive(&m.test));
        let (neg_train, neg_test) = (m.train.len() - pos_train, m.test.len() - pos_test);
        // Discs: filled blue for training, blue rings for test (plus a white ring each).
        assert_eq!(out.matches("<circle").count(), 2 * (pos_train + pos_test));
        let blue_fill = out.split("<circle").filter(|c| c.contains(&format!("fill=\"{}\"", hex(POSITIVE)))).count();
        assert_eq!(blue_fill, pos_train);
        // Triangles: filled orange polygons for training, orange outlines for test.
        let orange_fill = out.split("<polygon").filter(|c| c.contains(&format!("fill=\"{}\"", hex(NEGATIVE)))).count();
        assert_eq!(orange_fill, neg_train);
        assert_eq!(polylines(&out, NEGATIVE), neg_test);
    }
}
