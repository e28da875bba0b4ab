//! The `dead-relu` chart: every hidden unit as a cell coloured by how often it is active (dead ones crossed), the share of dead units per layer over the steps (one line per layer, labelled at its end), and the training loss on a log axis.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::{Point, Run, Unit};
use crate::activation::Activation;
use crate::chart::palette;
use crate::chart::scale::{pow10, sequential, Lut};
use crate::i18n::{t, tf, Lang};

/// The marks on cells (crosses on dead units, rings on silent ones):
/// white, drawn over the darkest end of the scale where those units sit.
pub const MARK: RGBColor = RGBColor(255, 255, 255);
const INK: RGBColor = RGBColor(40, 40, 40);
const GRID: RGBColor = RGBColor(222, 222, 222);
const ALERT: RGBColor = RGBColor(138, 17, 17);

/// The line colour of hidden layer `l` of `n`: the page's sequential scale (viridis)
/// as the cells, dark at the input, light (but still readable on white) at the output.
pub fn layer_colour(l: usize, n: usize) -> RGBColor {
    sequential(if n > 1 { 0.8 * l as f64 / (n - 1) as f64 } else { 0.0 })
}

/// The chart's words, already translated.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    pub grid_title: String,
    pub layer_axis: String,
    pub unit_axis: String,
    pub dead_axis: String,
    pub step_axis: String,
    pub loss_axis: String,
    pub legend_scale: String,
    pub legend_dead: String,
    pub legend_silent: String,
    /// One per hidden layer: "layer 1", …
    pub layers: Vec<String>,
    /// Shown over the figure once training diverged.
    pub diverged: Option<String>,
}

impl Labels {
    pub fn new(lang: Lang, depth: usize, diverged: Option<u64>) -> Labels {
        let k = |key: &str| t(lang, &format!("dead-relu.{key}")).to_string();
        Labels {
            grid_title: k("grid_title"),
            layer_axis: k("layer_axis"),
            unit_axis: k("unit_axis"),
            dead_axis: k("dead_axis"),
            step_axis: k("step_axis"),
            loss_axis: k("loss_axis"),
            legend_scale: k("legend_scale"),
            legend_dead: k("legend_dead"),
            legend_silent: k("legend_silent"),
            layers: (1..=depth).map(|n| tf(lang, "dead-relu.layer_label", &[("n", &n.to_string())])).collect(),
            diverged: diverged.map(|s| tf(lang, "dead-relu.diverged_short", &[("step", &s.to_string())])),
        }
    }
}

/// Everything the chart needs, already decided by the caller.
pub struct View<'a> {
    /// Per hidden layer (input side first), its units as last measured.
    pub units: &'a [Vec<Unit>],
    pub series: &'a [Point],
    /// The hidden activation (the loss line takes its colour).
    pub act: Activation,
    /// Device pixels per CSS pixel: fonts and lines scale with it.
    pub scale: f64,
    pub labels: &'a Labels,
}

/// Whether the figure is laid out side by side (grid left, curves right)
/// rather than stacked, for a canvas `css_width` CSS pixels wide.
pub fn wide(css_width: f64) -> bool {
    css_width >= 640.0
}

/// Where the unit grid goes, in backend pixels: `w` × `h` from (`x`, `y`),
/// the top left corner, split into `layers` columns and `rows` rows of
/// equal slots, each cell filling the middle [`CELL`] of its slot. The cells
/// are not drawn by [`draw`]: the page puts [`grid_rgba`] there in one go,
/// the SVG gets [`draw_cells`]; the marks come after either ([`draw_marks`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridRect {
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
    pub layers: usize,
    pub rows: usize,
}

/// The share of its slot a cell fills, each way (the rest is white gap).
pub const CELL: f64 = 0.9;

impl GridRect {
    /// The slot size in pixels, (across, down).
    fn slot(&self) -> (f64, f64) {
        (self.w as f64 / self.layers.max(1) as f64, self.h as f64 / self.rows.max(1) as f64)
    }

    /// The centre, in pixels, of unit `j` (counted from the top) of layer `l`.
    fn centre(&self, l: usize, j: usize) -> (f64, f64) {
        let (sx, sy) = self.slot();
        (self.x as f64 + (l as f64 + 0.5) * sx, self.y as f64 + (j as f64 + 0.5) * sy)
    }
}

/// The unit grid as `rect.w` × `rect.h` RGBA pixels, row by row from the
/// top: a column of slots per hidden layer (layer 1 on the left), a row per
/// unit (unit 1 on top); inside a cell the sequential scale at the unit's
/// activity share, white in the gaps and where a layer has no such unit.
pub fn grid_rgba(units: &[Vec<Unit>], rect: GridRect) -> Vec<u8> {
    let lut = Lut::sequential();
    let (w, h) = (rect.w as usize, rect.h as usize);
    let (layers, rows) = (rect.layers.max(1), rect.rows.max(1));
    let half = CELL / 2.0;
    // Which slot a pixel's centre falls in, if it is inside that slot's cell.
    let slot = |i: usize, n: usize, slots: usize| {
        let f = (i as f64 + 0.5) * slots as f64 / n.max(1) as f64;
        let k = (f.floor() as usize).min(slots - 1);
        ((f - k as f64 - 0.5).abs() <= half).then_some(k)
    };
    let cols: Vec<Option<usize>> = (0..w).map(|x| slot(x, w, layers)).collect();
    let mut out = vec![255u8; w * h * 4];
    for y in 0..h {
        let Some(j) = slot(y, h, rows) else { continue };
        for (x, l) in cols.iter().enumerate() {
            if let Some(u) = l.and_then(|l| units.get(l)).and_then(|us| us.get(j)) {
                out[(y * w + x) * 4..][..4].copy_from_slice(&lut.unit(u.activity));
            }
        }
    }
    out
}

/// Draws the unit grid's cells into `rect`, one rectangle each, in the
/// colour of each unit's activity share (for SVG, where a pixel buffer would
/// be an opaque image).
pub fn draw_cells<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, v: &View, rect: GridRect) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the unit grid failed: {e:?}");
    let (sx, sy) = rect.slot();
    let (hx, hy) = (CELL / 2.0 * sx, CELL / 2.0 * sy);
    for (l, units) in v.units.iter().enumerate() {
        for (j, u) in units.iter().enumerate() {
            let (cx, cy) = rect.centre(l, j);
            let corners = [((cx - hx).round() as i32, (cy - hy).round() as i32), ((cx + hx).round() as i32, (cy + hy).round() as i32)];
            root.draw(&Rectangle::new(corners, sequential(u.activity).filled())).map_err(err)?;
        }
    }
    Ok(())
}

/// What goes over the grid's cells, so after them: a cross (two strokes) on
/// each dead unit, a ring on each silent one still learning, and, once
/// training diverged, the veil and its message over the whole figure.
pub fn draw_marks<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, v: &View, rect: GridRect) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the dead-ReLU marks failed: {e:?}");
    let s = v.scale.max(0.5);
    let (sx, sy) = rect.slot();
    let cell_px = sx.min(sy);
    let mark = MARK.stroke_width((cell_px * 0.09).clamp(1.5 * s, 4.0 * s).round() as u32);
    // Square whatever the cells' shape: the same half-size in pixels both ways.
    let d = 0.28 * cell_px;
    let p = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    for (l, units) in v.units.iter().enumerate() {
        for (j, u) in units.iter().enumerate() {
            let (x, y) = rect.centre(l, j);
            if u.dead {
                root.draw(&PathElement::new(vec![p(x - d, y - d), p(x + d, y + d)], mark)).map_err(err)?;
                root.draw(&PathElement::new(vec![p(x - d, y + d), p(x + d, y - d)], mark)).map_err(err)?;
            } else if u.silent() {
                root.draw(&Circle::new(p(x, y), (cell_px * 0.26).max(3.0) as i32, mark)).map_err(err)?;
            }
        }
    }
    if let Some(msg) = &v.labels.diverged {
        let (w, h) = root.dim_in_pixel();
        root.fill(&WHITE.mix(0.7)).map_err(err)?;
        let style = ("sans-serif", (22.0 * s) as u32)
            .into_font()
            .style(FontStyle::Bold)
            .color(&ALERT)
            .pos(Pos::new(HPos::Center, VPos::Center));
        root.draw(&Text::new(msg.clone(), (w as i32 / 2, h as i32 / 2), style)).map_err(err)?;
    }
    Ok(())
}

/// Draws the three panels into `root` (cleared first), all but the unit
/// grid's cells and what goes over them, and returns where the cells go.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, v: &View) -> Result<GridRect, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the dead-ReLU chart failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let s = v.scale.max(0.5);
    let (grid, dead, loss) = if wide(w as f64 / s) {
        let (left, right) = root.split_horizontally((w as f64 * 0.4) as u32);
        let (top, bottom) = right.split_vertically((h as f64 * 0.56) as u32);
        (left, top, bottom)
    } else {
        let (a, rest) = root.split_vertically((h as f64 * 0.46) as u32);
        let (b, c) = rest.split_vertically((h as f64 * 0.29) as u32);
        (a, b, c)
    };
    let rect = draw_grid(&grid, v, s).map_err(err)?;
    let x_max = v.series.last().map_or(0, |p| p.step).max(10) as f64;
    draw_dead(root, &dead, v, s, x_max).map_err(err)?;
    draw_loss(&loss, v, s, x_max).map_err(err)?;
    Ok(rect)
}

/// The whole figure as one backend draws it in order: the chart, the cells
/// one rectangle each, the marks over them (the SVG path; the page blits
/// [`grid_rgba`] in place of [`draw_cells`]).
pub fn draw_all<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, v: &View) -> Result<(), String> {
    let rect = draw(root, v)?;
    draw_cells(root, v, rect)?;
    draw_marks(root, v, rect)?;
    root.present().map_err(|e| format!("presenting the dead-ReLU chart failed: {e:?}"))
}

fn font(s: f64) -> TextStyle<'static> {
    ("sans-serif", (14.0 * s) as u32).into_font().color(&INK)
}

/// The frame of the grid of units: a column per hidden layer (input →
/// output), a row per unit, colour = share of samples on which it is
/// active; below it, the key. Returns where the cells go.
fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    v: &View,
    s: f64,
) -> Result<GridRect, DrawingAreaErrorKind<DB::ErrorType>> {
    let layers = v.units.len().max(1);
    let rows = v.units.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line = 19.0 * s;
    let (_, h) = area.dim_in_pixel();
    let (top, key) = area.split_vertically(h.saturating_sub((4.3 * line) as u32));
    // The title is drawn as plain text: a plotters caption would measure it
    // through a styled <span>, which the page's CSP (no inline styles) refuses.
    let (title, cells) = top.split_vertically((1.5 * line) as u32);
    title.draw(&Text::new(v.labels.grid_title.clone(), ((10.0 * s) as i32, (0.4 * line) as i32), font(s)))?;
    // Tick labels at whole layer and unit numbers only, as many as fit.
    let (cw, ch) = cells.dim_in_pixel();
    let fit = |n: usize, room: u32| n.min((room as f64 / (22.0 * s)) as usize).max(1);
    let mut chart = ChartBuilder::on(&cells)
        .margin((8.0 * s) as u32)
        .x_label_area_size((40.0 * s) as u32)
        .y_label_area_size((44.0 * s) as u32)
        .build_cartesian_2d(0.5..layers as f64 + 0.5, 0.5..rows as f64 + 0.5)?;
    let whole = |v: f64| (v - v.round()).abs() < 1e-9;
    let x_fmt = |x: &f64| if whole(*x) { format!("{}", x.round()) } else { String::new() };
    let y_fmt = |y: &f64| if whole(*y) { format!("{}", rows as f64 + 1.0 - y.round()) } else { String::new() };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(fit(layers, cw))
        .y_labels(fit(rows, ch))
        .x_desc(&v.labels.layer_axis)
        .y_desc(&v.labels.unit_axis)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(font(s))
        .axis_desc_style(font(s))
        .draw()?;
    let (x0, y0) = chart.backend_coord(&(0.5, rows as f64 + 0.5));
    let (x1, y1) = chart.backend_coord(&(layers as f64 + 0.5, 0.5));
    let rect = GridRect { x: x0, y: y0, w: (x1 - x0).max(1) as u32, h: (y1 - y0).max(1) as u32, layers, rows };
    // The key: the colour scale from 0% to 100%, then what the marks mean.
    let (kw, _) = key.dim_in_pixel();
    let left = (10.0 * s) as i32;
    let f = font(s);
    key.draw(&Text::new(v.labels.legend_scale.clone(), (left, (0.2 * line) as i32), f.clone()))?;
    let sw = (((kw as f64 - 2.0 * left as f64 - 90.0 * s) / 6.0).clamp(12.0 * s, 40.0 * s)) as i32;
    let y0 = (1.25 * line) as i32;
    key.draw(&Text::new("0%", (left, y0), f.clone()))?;
    let x0 = left + (30.0 * s) as i32;
    for k in 0..6 {
        let x = x0 + k * sw;
        key.draw(&Rectangle::new([(x, y0), (x + sw - 1, y0 + (0.8 * line) as i32)], sequential(k as f64 / 5.0).filled()))?;
    }
    key.draw(&Text::new("100%", (x0 + 6 * sw + (6.0 * s) as i32, y0), f.clone()))?;
    key.draw(&Text::new(v.labels.legend_dead.clone(), (left, (2.25 * line) as i32), f.clone()))?;
    key.draw(&Text::new(v.labels.legend_silent.clone(), (left, (3.25 * line) as i32), f))?;
    Ok(rect)
}

/// Pixel heights of labels wanted at `ys` (any order), moved apart to at
/// least `gap` and kept within `lo..=hi`; returned in the same order.
fn spread(ys: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]));
    let mut out = ys.to_vec();
    let mut prev = f64::NEG_INFINITY;
    for &i in &order {
        out[i] = ys[i].max(prev + gap).max(lo);
        prev = out[i];
    }
    // Pushed past the bottom: shift back up, keeping the gaps.
    let mut next = f64::INFINITY;
    for &i in order.iter().rev() {
        out[i] = out[i].min(next - gap).min(hi);
        next = out[i];
    }
    out
}

/// The share of dead units in each hidden layer over the steps, one line per
/// layer in its depth's colour, labelled at its end (labels drawn on `root`,
/// in the right margin).
fn draw_dead<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    v: &View,
    s: f64,
    x_max: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .margin((8.0 * s) as u32)
        .margin_right((76.0 * s) as u32)
        .x_label_area_size((40.0 * s) as u32)
        .y_label_area_size((52.0 * s) as u32)
        .build_cartesian_2d(0.0..x_max, 0.0..100.0)?;
    let (pw, ph) = chart.plotting_area().dim_in_pixel();
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(((pw as f64 / (90.0 * s)) as usize).clamp(2, 10))
        .y_labels(((ph as f64 / (30.0 * s)) as usize).clamp(2, 6))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc(&v.labels.step_axis)
        .y_desc(&v.labels.dead_axis)
        .label_style(font(s))
        .axis_desc_style(font(s))
        .draw()?;
    let n = v.units.len();
    let width = (2.5 * s).max(1.0) as u32;
    let mut ends = Vec::new();
    for l in 0..n {
        let c = layer_colour(l, n);
        let pts: Vec<(f64, f64)> = v
            .series
            .iter()
            .filter_map(|p| p.dead.get(l).filter(|d| d.is_finite()).map(|d| (p.step as f64, 100.0 * d)))
            .collect();
        let Some(&end) = pts.last() else { continue };
        // A single point still shows as a short dash, so every layer has a line.
        let pts = if pts.len() == 1 { vec![end, (end.0 + x_max * 0.01, end.1)] } else { pts };
        chart.draw_series(LineSeries::new(pts, c.stroke_width(width)))?;
        ends.push((l, chart.backend_coord(&end)));
    }
    let (_, py) = chart.plotting_area().get_pixel_range();
    let fs = 13.0 * s;
    let ys: Vec<f64> = ends.iter().map(|(_, p)| p.1 as f64).collect();
    let ys = spread(&ys, fs * 1.05, py.start as f64 + fs / 2.0, py.end as f64 - fs / 2.0);
    for ((l, p), y) in ends.iter().zip(ys) {
        let style = ("sans-serif", fs as u32)
            .into_font()
            .color(&layer_colour(*l, n))
            .pos(Pos::new(HPos::Left, VPos::Center));
        let label = v.labels.layers.get(*l).cloned().unwrap_or_default();
        root.draw(&Text::new(label, (p.0 + (6.0 * s) as i32, y as i32), style))?;
    }
    Ok(())
}

/// The training loss over the steps on a log axis with ticks at powers of ten.
fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    v: &View,
    s: f64,
    x_max: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pts: Vec<(f64, f64)> =
        v.series.iter().filter(|p| p.loss.is_finite()).map(|p| (p.step as f64, p.loss.max(1e-6))).collect();
    let (lo, hi) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let (mut k0, mut k1) =
        if lo.is_finite() { (lo.log10().floor() as i32, hi.log10().ceil() as i32) } else { (-1, 0) };
    if k1 <= k0 {
        k1 = k0 + 1;
    }
    k0 = k0.max(-6);
    let decades: Vec<f64> = (k0..=k1).map(|k| 10f64.powi(k)).collect();
    let mut chart = ChartBuilder::on(area)
        .margin((8.0 * s) as u32)
        .margin_right((76.0 * s) as u32)
        .x_label_area_size((40.0 * s) as u32)
        .y_label_area_size((52.0 * s) as u32)
        .build_cartesian_2d(0.0..x_max, (10f64.powi(k0)..10f64.powi(k1)).log_scale().with_key_points(decades))?;
    let (pw, _) = chart.plotting_area().dim_in_pixel();
    let y_fmt = |y: &f64| pow10(y.log10().round() as i32);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(((pw as f64 / (90.0 * s)) as usize).clamp(2, 10))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&y_fmt)
        .x_desc(&v.labels.step_axis)
        .y_desc(&v.labels.loss_axis)
        .label_style(font(s))
        .axis_desc_style(font(s))
        .draw()?;
    if let Some(&end) = pts.last() {
        let pts = if pts.len() == 1 { vec![end, (end.0 + x_max * 0.01, end.1)] } else { pts };
        chart.draw_series(LineSeries::new(pts, palette(v.act).stroke_width((2.5 * s).max(1.0) as u32)))?;
    }
    Ok(())
}

/// The chart of `run` as SVG, `w`×`h` pixels at scale 1.
pub fn svg(run: &Run, act: Activation, lang: Lang, (w, h): (u32, u32)) -> String {
    let labels = Labels::new(lang, run.units.len(), run.diverged());
    let view = View { units: &run.units, series: &run.series, act, scale: 1.0, labels: &labels };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        if let Err(e) = draw_all(&root, &view) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

/// The chart at the widget's default settings after 200 steps, as SVG (for the registry's tests).
pub fn svg_at_defaults(lang: Lang) -> String {
    let p = super::DeadReluParams::default();
    let mut run = Run::new(&p);
    for _ in 0..20 {
        run.train(10);
        run.observe();
    }
    svg(&run, p.act, lang, (900, 560))
}

#[cfg(test)]
mod tests {
    use super::super::{DeadReluParams, HIGH_LR, PRESETS};
    use super::*;

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Elements of the SVG whose opening tag is `tag` and carries `attr`.
    fn count(svg: &str, tag: &str, attr: &str) -> usize {
        svg.split(&format!("<{tag}")).skip(1).filter(|p| p.split('>').next().unwrap_or("").contains(attr)).count()
    }

    fn trained(p: &DeadReluParams, steps: u64) -> Run {
        let mut run = Run::new(p);
        for _ in 0..(steps / 50) {
            run.train(50);
            run.observe();
        }
        run
    }

    #[test]
    fn one_line_per_layer_and_one_cross_per_dead_unit() {
        for (p, size) in [
            (PRESETS[1].params.clone(), (900, 560)),
            (DeadReluParams { depth: 7, width: 5, lr: HIGH_LR, ..DeadReluParams::default() }, (420, 800)),
        ] {
            let run = trained(&p, 600);
            let out = svg(&run, p.act, Lang::En, size);
            for l in 0..p.depth {
                let stroke = format!("stroke=\"{}\"", hex(layer_colour(l, p.depth)));
                assert_eq!(count(&out, "polyline", &stroke), 1, "layer {l} of {}", p.depth);
                assert!(out.contains(&format!("\nlayer {}\n", l + 1)), "layer {} is labelled", l + 1);
            }
            let dead = run.units.iter().flatten().filter(|u| u.dead).count();
            assert!(dead > 0, "lr {HIGH_LR} kills some units here");
            let mark = format!("stroke=\"{}\"", hex(MARK));
            assert_eq!(count(&out, "polyline", &mark), 2 * dead, "two strokes per dead unit");
            assert_eq!(count(&out, "circle", &mark), 0, "ReLU: every silent unit is dead");
            // One cell per unit, each in the colour of its activity.
            for u in run.units.iter().flatten() {
                assert!(out.contains(&format!("fill=\"{}\"", hex(sequential(u.activity)))));
            }
            assert!(!out.contains("NaN") && !out.contains("inf"));
        }
    }

    #[test]
    fn silent_units_that_still_learn_get_a_ring_not_a_cross() {
        let p = PRESETS[4].params.clone();
        let run = trained(&p, 1000);
        let out = svg(&run, p.act, Lang::ZhTw, (900, 560));
        let silent = run.units.iter().flatten().filter(|u| u.silent()).count();
        assert!(silent > 0, "some leaky units are negative on every sample");
        let mark = format!("stroke=\"{}\"", hex(MARK));
        assert_eq!(count(&out, "polyline", &mark), 0, "no leaky unit is dead");
        assert_eq!(count(&out, "circle", &mark), silent);
        // The loss line is drawn in leaky ReLU's colour, everywhere the same.
        assert_eq!(count(&out, "polyline", &format!("stroke=\"{}\"", hex(palette(p.act)))), 1);
        assert!(out.contains("第 1 層"));
    }

    #[test]
    fn the_loss_axis_has_ticks_at_powers_of_ten() {
        let run = trained(&PRESETS[0].params, 1000);
        let out = svg(&run, Activation::Relu, Lang::En, (900, 560));
        let lo = run.series.iter().map(|p| p.loss).fold(f64::INFINITY, f64::min);
        let k = lo.log10().floor() as i32;
        assert!(out.contains(&format!("\n{}\n", pow10(k))), "a tick at {} (lowest loss {lo})", pow10(k));
    }

    #[test]
    fn a_fresh_run_and_a_diverged_one_draw_without_nan() {
        let p = DeadReluParams::default();
        let run = Run::new(&p);
        let out = svg(&run, p.act, Lang::En, (900, 560));
        for l in 0..p.depth {
            assert_eq!(count(&out, "polyline", &format!("stroke=\"{}\"", hex(layer_colour(l, p.depth)))), 1);
        }
        let labels = Labels { diverged: Some("Diverged at step 7".into()), ..Labels::new(Lang::En, 4, None) };
        let view = View { units: &run.units, series: &run.series, act: p.act, scale: 2.0, labels: &labels };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (1800, 1100)).into_drawing_area();
            draw_all(&root, &view).unwrap();
        }
        assert!(out.contains("\nDiverged at step 7\n") && !out.contains("NaN"));
        assert!(Labels::new(Lang::ZhTw, 4, Some(7)).diverged.unwrap().contains('7'));
    }

    /// The page's pixel buffer: w × h RGBA, every pixel opaque; at the
    /// middle of each unit's slot the table's colour for its activity share
    /// (within one step of the scale itself), white at the slots' edges.
    #[test]
    fn the_grid_buffer_colours_each_cell_from_its_activity() {
        let p = DeadReluParams { depth: 7, width: 5, lr: HIGH_LR, ..DeadReluParams::default() };
        let run = trained(&p, 600);
        let (sx, sy) = (20usize, 20usize);
        let rect = GridRect { x: 0, y: 0, w: (7 * sx) as u32, h: (5 * sy) as u32, layers: 7, rows: 5 };
        let buf = grid_rgba(&run.units, rect);
        assert_eq!(buf.len(), 7 * sx * 5 * sy * 4);
        assert!(buf.chunks(4).all(|px| px[3] == 255));
        let lut = Lut::sequential();
        let at = |x: usize, y: usize| &buf[(y * 7 * sx + x) * 4..][..4];
        let mut shades = std::collections::BTreeSet::new();
        for (l, units) in run.units.iter().enumerate() {
            for (j, u) in units.iter().enumerate() {
                let (cx, cy) = (l * sx + sx / 2, j * sy + sy / 2);
                assert_eq!(at(cx, cy), lut.unit(u.activity), "layer {l} unit {j}");
                let c = sequential(u.activity);
                assert!([c.0, c.1, c.2].iter().zip(at(cx, cy)).all(|(a, b)| a.abs_diff(*b) <= 3), "layer {l} unit {j}");
                // A cell is one colour from edge to edge, and the gap around it white.
                assert_eq!(at(l * sx + 1, j * sy + 1), at(cx, cy));
                assert_eq!(at(l * sx, cy), [255; 4], "gap left of layer {l} unit {j}");
                assert_eq!(at(cx, j * sy), [255; 4], "gap above layer {l} unit {j}");
                shades.insert(at(cx, cy).to_vec());
            }
        }
        assert!(shades.len() > 3, "the units differ in activity here: {shades:?}");
        assert!(run.units.iter().flatten().any(|u| u.dead), "dead units are in the buffer too");
    }

    /// A layer with fewer units than the tallest leaves white where it has none.
    #[test]
    fn the_grid_buffer_is_white_where_a_layer_has_no_unit() {
        let u = |a: f64| Unit { activity: a, dead: a == 0.0 };
        let units = vec![vec![u(1.0), u(0.5), u(0.0)], vec![u(0.25)]];
        let rect = GridRect { x: 5, y: 7, w: 40, h: 60, layers: 2, rows: 3 };
        let buf = grid_rgba(&units, rect);
        assert_eq!(buf.len(), 40 * 60 * 4);
        let at = |x: usize, y: usize| buf[(y * 40 + x) * 4..][..4].to_vec();
        let lut = Lut::sequential();
        assert_eq!(at(10, 10), lut.unit(1.0).to_vec());
        assert_eq!(at(10, 30), lut.unit(0.5).to_vec());
        assert_eq!(at(10, 50), lut.unit(0.0).to_vec());
        assert_eq!(at(30, 10), lut.unit(0.25).to_vec());
        assert_eq!(at(30, 30), vec![255; 4]);
        assert_eq!(at(30, 50), vec![255; 4]);
    }

    /// The chart alone leaves the cells and marks out and returns a grid
    /// rectangle inside its panel; drawn there, the crosses sit on the dead
    /// units' cells.
    #[test]
    fn the_grid_rectangle_is_left_empty_and_the_crosses_fall_on_dead_cells() {
        let p = DeadReluParams { depth: 7, width: 5, lr: HIGH_LR, ..DeadReluParams::default() };
        let run = trained(&p, 600);
        let labels = Labels::new(Lang::En, run.units.len(), None);
        let view = View { units: &run.units, series: &run.series, act: p.act, scale: 1.0, labels: &labels };
        let mut out = String::new();
        let rect = {
            let root = SVGBackend::with_string(&mut out, (900, 560)).into_drawing_area();
            draw(&root, &view).unwrap()
        };
        assert_eq!((rect.layers, rect.rows), (7, 5));
        assert!(rect.x > 0 && rect.y > 0 && rect.x as u32 + rect.w < 360 && rect.y as u32 + rect.h < 560, "{rect:?}");
        assert!(rect.w > 7 * 20 && rect.h > 5 * 20, "{rect:?}");
        let mark = format!("stroke=\"{}\"", hex(MARK));
        assert_eq!(count(&out, "polyline", &mark), 0, "draw alone leaves the marks out");
        // Only the key's six swatches are filled rectangles.
        assert_eq!(count(&out, "rect", "fill=\"#"), 6 + 1, "the key's swatches and the white background");
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (900, 560)).into_drawing_area();
            draw_marks(&root, &view, rect).unwrap();
        }
        let (sx, sy) = (rect.w as f64 / 7.0, rect.h as f64 / 5.0);
        let mut crossed = std::collections::BTreeSet::new();
        for tag in out.split("<polyline").skip(1) {
            let pts = tag.split("points=\"").nth(1).unwrap().split('"').next().unwrap();
            let xy: Vec<f64> = pts.split([' ', ',']).filter(|t| !t.is_empty()).map(|t| t.parse().unwrap()).collect();
            let (mx, my) = ((xy[0] + xy[2]) / 2.0, (xy[1] + xy[3]) / 2.0);
            let (l, j) = (((mx - rect.x as f64) / sx) as usize, ((my - rect.y as f64) / sy) as usize);
            assert!(run.units[l][j].dead, "a cross on layer {l} unit {j}, which is not dead");
            crossed.insert((l, j));
        }
        assert_eq!(crossed.len(), run.units.iter().flatten().filter(|u| u.dead).count());
    }

    #[test]
    fn labels_keep_apart_and_inside() {
        let ys = spread(&[50.0, 50.0, 50.0, 10.0, 99.0], 10.0, 0.0, 100.0);
        let mut sorted = ys.clone();
        sorted.sort_by(f64::total_cmp);
        assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 10.0 - 1e-9), "{ys:?}");
        assert!(ys.iter().all(|&y| (0.0..=100.0).contains(&y)), "{ys:?}");
        assert_eq!(ys[3], 10.0, "an uncrowded label stays put");
    }

    #[test]
    fn layers_run_dark_to_light_and_stay_distinct() {
        let lum = |c: RGBColor| 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
        for n in 1..=10 {
            let l: Vec<f64> = (0..n).map(|l| lum(layer_colour(l, n))).collect();
            assert!(l.windows(2).all(|w| w[1] > w[0] + 3.0), "{n} layers: {l:?}");
            assert!(l.iter().all(|&y| y < 200.0), "readable on white: {l:?}");
        }
    }
}
