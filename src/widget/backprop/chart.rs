//! The `backprop` chart: the network diagram at one stage, with node numbers, signed edges on one diverging scale, its legend and the stage's name.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::{sig4, EdgeQty, Hit, Layout, Mark, Node, View};
use crate::chart::scale::diverging;

/// Edges whose quantity is not known yet at this stage.
pub const PENDING: RGBColor = RGBColor(240, 240, 240);

/// Widest edge, in CSS pixels.
const MAX_EDGE_WIDTH: f64 = 8.0;
/// Node labels in full when columns are at least this far apart (CSS
/// pixels), only the stage's own quantity as a bare number down to the
/// second, none below.
const FULL_LABELS_GAP: f64 = 95.0;
const BARE_LABELS_GAP: f64 = 68.0;
/// Left and right margin of the diagram, CSS pixels.
const SIDE_CSS: f64 = 24.0;
/// Squares in the legend's colour bar.
const LEGEND_STEPS: usize = 40;

/// Everything the chart needs, already decided and translated by the caller.
pub struct ChartView<'a> {
    pub view: &'a View,
    /// The node or edge the reader picked: drawn emphasised, an edge with its value.
    pub selected: Option<Hit>,
    /// Device pixels per CSS pixel: fonts and lines scale with it.
    pub scale: f64,
    /// The stage's name, written at the top.
    pub stage_label: &'a str,
    /// What the edges show and how the colours read, written by the colour bar.
    pub legend_label: &'a str,
    /// One short title per column (input, hidden k, output).
    pub column_labels: &'a [String],
    /// A message over the figure (an overflow), if any.
    pub status: Option<&'a str>,
}

/// Where the diagram's unit square landed, in backend pixels, with the
/// layout drawn in it: the page maps a click back through it.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramMap {
    pub left: i32,
    pub top: i32,
    pub width: u32,
    pub height: u32,
    pub layout: Layout,
}

impl DiagramMap {
    /// A backend pixel in the unit square.
    pub fn to_unit(&self, px: f64, py: f64) -> (f64, f64) {
        ((px - self.left as f64) / self.width.max(1) as f64, (py - self.top as f64) / self.height.max(1) as f64)
    }

    /// A unit-square point in backend pixels.
    pub fn to_px(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.left + (x * self.width as f64).round() as i32, self.top + (y * self.height as f64).round() as i32)
    }

    /// The node or edge under a backend pixel.
    pub fn hit(&self, px: f64, py: f64) -> Option<Hit> {
        let (x, y) = self.to_unit(px, py);
        self.layout.hit(x, y)
    }
}

/// The symbol of the edges' quantity, for the selected edge's label.
fn edge_symbol(q: EdgeQty) -> &'static str {
    match q {
        EdgeQty::Weight => "w",
        EdgeQty::Grad => "∂L/∂w",
        EdgeQty::Step => "Δw",
    }
}

/// Draws the diagram into `root` (cleared first) and returns where its unit square landed.
pub fn draw_backprop<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, cv: &ChartView) -> Result<DiagramMap, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the backprop diagram failed: {e:?}");
    let v = cv.view;
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let s = cv.scale.max(0.5);
    let px = |css: f64| (css * s).round() as i32;
    let font = 14.0 * s;
    let small = 13.0 * s;
    let text = |size: f64, c: RGBColor, h: HPos, vp: VPos| -> TextStyle {
        ("sans-serif", size).into_font().color(&c).pos(Pos::new(h, vp))
    };
    let ink = RGBColor(30, 30, 30);
    let grey = RGBColor(110, 110, 110);

    // Stage name on top, column titles under it, colour bar at the bottom:
    // beside its label when both fit on one line, under it otherwise.
    let title_h = px(30.0);
    let header_h = px(22.0);
    let bar_w = px(220.0).min(w as i32 / 2);
    let label_w = (cv.legend_label.chars().count() as f64 * 0.55 * font) as i32;
    let one_row = label_w + bar_w + px(40.0) <= w as i32;
    let legend_h = if one_row { px(52.0) } else { px(72.0) };
    // A long stage name shrinks rather than run off the canvas (13 px at least).
    let title_chars = cv.stage_label.chars().count().max(1) as f64;
    let title_size = (16.0 * s).min((w as f64 - 16.0 * s) / (0.55 * title_chars)).max(13.0 * s);
    root.draw(&Text::new(cv.stage_label.to_string(), (px(8.0), px(8.0)), text(title_size, ink, HPos::Left, VPos::Top)))
        .map_err(err)?;
    let top = title_h + header_h;
    // Side margins keep the outer columns' numbers on the canvas.
    let inset = px(SIDE_CSS);
    let map = DiagramMap {
        left: inset,
        top,
        width: (w as i32 - 2 * inset).max(1) as u32,
        height: (h as i32 - top - legend_h).max(1) as u32,
        layout: Layout::new(&v.sizes, 1.0),
    };
    let map = DiagramMap { layout: Layout::new(&v.sizes, map.width as f64 / map.height as f64), ..map };
    let layout = &map.layout;
    let r = (layout.radius() * map.height as f64).round().max(4.0) as i32;
    let col_gap_css = {
        let (a, b) = (layout.pos(Node { col: 0, unit: 0 }).0, layout.pos(Node { col: 1, unit: 0 }).0);
        (b - a) * map.width as f64 / s
    };

    for (c, label) in cv.column_labels.iter().enumerate().take(v.columns()) {
        let (x, _) = map.to_px(layout.pos(Node { col: c, unit: 0 }));
        root.draw(&Text::new(label.clone(), (x, title_h + px(2.0)), text(small, grey, HPos::Center, VPos::Top)))
            .map_err(err)?;
    }

    // Edges: width by |value|, colour by signed value, both relative to the largest.
    for e in &v.edges {
        let (p, q) = layout.ends(e.edge);
        let style = match e.value {
            Some(val) => {
                let t = val / v.edge_max;
                let width = (1.0 + (MAX_EDGE_WIDTH - 1.0) * t.abs().min(1.0)) * s;
                diverging(t).stroke_width(width.round().max(1.0) as u32)
            }
            None => PENDING.stroke_width(px(1.0).max(1) as u32),
        };
        root.draw(&PathElement::new(vec![map.to_px(p), map.to_px(q)], style)).map_err(err)?;
    }

    // Nodes and their numbers.
    for (c, column) in v.nodes.iter().enumerate() {
        for (j, node) in column.iter().enumerate() {
            let n = Node { col: c, unit: j };
            let (x, y) = map.to_px(layout.pos(n));
            let (stroke, width) = match node.mark {
                Mark::Current => (ink, 3.0),
                Mark::Done => (grey, 1.5),
                Mark::Pending => (RGBColor(190, 190, 190), 1.5),
            };
            let picked = cv.selected == Some(Hit::Node(n));
            root.draw(&Circle::new((x, y), r, WHITE.filled())).map_err(err)?;
            let width = if picked { width + 2.0 } else { width };
            root.draw(&Circle::new((x, y), r, stroke.stroke_width((width * s).round().max(1.0) as u32)))
                .map_err(err)?;
            let colour = if node.mark == Mark::Pending { grey } else { ink };
            // Where columns are too close for every line, only the last (the
            // quantity the stage is about) is kept, as a bare number; closer still, none.
            let (skip, bare) = match col_gap_css {
                g if g >= FULL_LABELS_GAP => (0, false),
                g if g >= BARE_LABELS_GAP => (node.lines.len().saturating_sub(1), true),
                _ => (node.lines.len(), true),
            };
            for (k, (qty, val)) in node.lines.iter().skip(skip).enumerate() {
                let line_y = y + r + px(3.0) + k as i32 * px(15.0);
                let label = if bare { sig4(*val) } else { format!("{} = {}", qty.symbol(), sig4(*val)) };
                // A white backing keeps the number legible over the edges.
                let half = (label.chars().count() as f64 * 0.29 * small) as i32 + px(2.0);
                root.draw(&Rectangle::new([(x - half, line_y), (x + half, line_y + px(14.0))], WHITE.filled()))
                    .map_err(err)?;
                root.draw(&Text::new(label, (x, line_y), text(small, colour, HPos::Center, VPos::Top))).map_err(err)?;
            }
        }
    }

    // The picked edge's value, boxed at its middle.
    if let Some(Hit::Edge(e)) = cv.selected.filter(|h| matches!(h, Hit::Edge(e) if v.has(*e))) {
        let (p, q) = layout.ends(e);
        let (x, y) = map.to_px(((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0));
        let value = v.edges.iter().find(|ev| ev.edge == e).and_then(|ev| ev.value);
        let label = match value {
            Some(val) => format!("{} = {}", edge_symbol(v.edge_qty), sig4(val)),
            None => format!("w = {}", sig4(v.weight(e))),
        };
        let half = (label.chars().count() as f64 * 0.3 * small) as i32 + px(4.0);
        let box_h = px(20.0);
        root.draw(&Rectangle::new([(x - half, y - box_h / 2), (x + half, y + box_h / 2)], WHITE.filled()))
            .map_err(err)?;
        root.draw(&Rectangle::new(
            [(x - half, y - box_h / 2), (x + half, y + box_h / 2)],
            ink.stroke_width(px(1.0).max(1) as u32),
        ))
        .map_err(err)?;
        root.draw(&Text::new(label, (x, y), text(small, ink, HPos::Center, VPos::Center))).map_err(err)?;
    }

    // The colour bar from −max to +max, with what it measures.
    let bar_h = px(12.0);
    let (bar_x, bar_y) = if one_row {
        let (x, y) = (w as i32 - bar_w - px(16.0), h as i32 - legend_h + px(10.0));
        let label = text(font, ink, HPos::Right, VPos::Center);
        root.draw(&Text::new(cv.legend_label.to_string(), (x - px(12.0), y + bar_h / 2), label)).map_err(err)?;
        (x, y)
    } else {
        let y = h as i32 - legend_h + px(6.0);
        root.draw(&Text::new(cv.legend_label.to_string(), (px(8.0), y), text(small, ink, HPos::Left, VPos::Top)))
            .map_err(err)?;
        (px(36.0), y + px(22.0))
    };
    for i in 0..LEGEND_STEPS {
        let t = -1.0 + 2.0 * (i as f64 + 0.5) / LEGEND_STEPS as f64;
        let x0 = bar_x + bar_w * i as i32 / LEGEND_STEPS as i32;
        let x1 = bar_x + bar_w * (i as i32 + 1) / LEGEND_STEPS as i32;
        root.draw(&Rectangle::new([(x0, bar_y), (x1, bar_y + bar_h)], diverging(t).filled())).map_err(err)?;
    }
    for (t, label) in [(0.0, sig4(-v.edge_max)), (0.5, "0".to_string()), (1.0, sig4(v.edge_max))] {
        let x = bar_x + (bar_w as f64 * t) as i32;
        root.draw(&Text::new(label, (x, bar_y + bar_h + px(3.0)), text(small, ink, HPos::Center, VPos::Top)))
            .map_err(err)?;
    }

    if let Some(msg) = cv.status {
        let (cx, cy) = (w as i32 / 2, top + map.height as i32 / 2);
        root.draw(&Rectangle::new(
            [(px(20.0), cy - px(24.0)), (w as i32 - px(20.0), cy + px(24.0))],
            WHITE.mix(0.9).filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            msg.to_string(),
            (cx, cy),
            text(16.0 * s, RGBColor(170, 40, 0), HPos::Center, VPos::Center),
        ))
        .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(map)
}

/// Where the input plane's square landed, in backend pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaneMap {
    /// Pixel columns of x₁ = −1 and x₁ = 1.
    pub x: (i32, i32),
    /// Pixel rows of x₂ = 1 (top) and x₂ = −1 (bottom).
    pub y: (i32, i32),
}

impl PlaneMap {
    /// The sample (x₁, x₂) under a backend pixel, clamped to [−1, 1]².
    pub fn at(&self, px: f64, py: f64) -> (f64, f64) {
        let u = (px - self.x.0 as f64) / (self.x.1 - self.x.0).max(1) as f64;
        let v = (py - self.y.0 as f64) / (self.y.1 - self.y.0).max(1) as f64;
        ((2.0 * u - 1.0).clamp(-1.0, 1.0), (1.0 - 2.0 * v).clamp(-1.0, 1.0))
    }

    /// The backend pixel of a sample.
    pub fn px(&self, (x1, x2): (f64, f64)) -> (i32, i32) {
        let u = (x1 + 1.0) / 2.0;
        let v = (1.0 - x2) / 2.0;
        (
            self.x.0 + (u * (self.x.1 - self.x.0) as f64).round() as i32,
            self.y.0 + (v * (self.y.1 - self.y.0) as f64).round() as i32,
        )
    }
}

/// Draws the input plane [−1, 1]² with the sample as a dot (cleared first),
/// for dragging the sample; returns where the square landed.
pub fn draw_plane<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    sample: (f64, f64),
    scale: f64,
) -> Result<PlaneMap, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the input plane failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let s = scale.max(0.5);
    let mut chart = ChartBuilder::on(root)
        .margin((6.0 * s) as u32)
        .x_label_area_size((30.0 * s) as u32)
        .y_label_area_size((40.0 * s) as u32)
        .build_cartesian_2d(-1.0..1.0, -1.0..1.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(3)
        .y_labels(3)
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .x_label_formatter(&|v| crate::i18n::fmt_num(*v, 2))
        .y_label_formatter(&|v| crate::i18n::fmt_num(*v, 2))
        .x_desc("x₁")
        .y_desc("x₂")
        .label_style(("sans-serif", 13.0 * s))
        .axis_desc_style(("sans-serif", 13.0 * s))
        .draw()
        .map_err(err)?;
    let (x1, x2) = (sample.0.clamp(-1.0, 1.0), sample.1.clamp(-1.0, 1.0));
    let guide = RGBColor(150, 150, 150).stroke_width((1.0 * s).max(1.0) as u32);
    chart.draw_series(LineSeries::new([(x1, -1.0), (x1, 1.0)], guide)).map_err(err)?;
    chart.draw_series(LineSeries::new([(-1.0, x2), (1.0, x2)], guide)).map_err(err)?;
    chart.draw_series([Circle::new((x1, x2), (7.0 * s) as i32, RGBColor(30, 30, 30).filled())]).map_err(err)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    root.present().map_err(err)?;
    Ok(PlaneMap { x: (px.start, px.end - 1), y: (py.start, py.end - 1) })
}

/// The diagram at default settings as SVG, for the registry's tests (not in the page).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    use super::{column_labels, legend_label, stage_label, BackpropParams};
    let v = super::model::compute(&BackpropParams::default());
    let (stage, legend, columns) = (stage_label(lang, &v), legend_label(lang, v.edge_qty), column_labels(lang, &v));
    let cv = ChartView {
        view: &v,
        selected: None,
        scale: 1.0,
        stage_label: &stage,
        legend_label: &legend,
        column_labels: &columns,
        status: None,
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (900, 480)).into_drawing_area();
        if let Err(e) = draw_backprop(&root, &cv) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use crate::chart::scale::{NEGATIVE, POSITIVE};
    use crate::init::{initialise, BiasInit, Init};
    use crate::loss::Loss;
    use crate::network::Network;
    use crate::rng::Rng;
    use crate::widget::backprop::model::{compute, Edge, Stage};
    use crate::widget::backprop::BackpropParams;

    fn svg(view: &View, selected: Option<Hit>, status: Option<&str>) -> (String, DiagramMap) {
        sized(view, selected, status, (900, 480))
    }

    fn sized(view: &View, selected: Option<Hit>, status: Option<&str>, size: (u32, u32)) -> (String, DiagramMap) {
        let labels: Vec<String> = (0..view.columns()).map(|c| format!("col{c}")).collect();
        let cv = ChartView {
            view,
            selected,
            scale: 1.0,
            stage_label: "STAGE",
            legend_label: "LEGEND",
            column_labels: &labels,
            status,
        };
        let mut out = String::new();
        let map = {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            draw_backprop(&root, &cv).unwrap()
        };
        (out, map)
    }

    /// The text of every `<text>` element.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split("</text>").next()?.trim().to_string()))
            .collect()
    }

    /// The stroke colours of every `<polyline>`.
    fn polylines(svg: &str) -> Vec<String> {
        svg.split("<polyline")
            .skip(1)
            .map(|p| p.split("stroke=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("").to_string())
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn at(depth: usize, width: usize, act: Activation, stage: Stage) -> BackpropParams {
        BackpropParams { depth, width, act, stage: stage.index(depth), ..BackpropParams::default() }
    }

    #[test]
    fn every_weight_is_drawn_as_one_edge() {
        for depth in 1..=6 {
            for width in 1..=4 {
                let v = compute(&BackpropParams { depth, width, ..BackpropParams::default() });
                let (out, _) = svg(&v, None, None);
                let want = 2 * width + width * width * (depth - 1) + width;
                assert_eq!(polylines(&out).len(), want, "{depth}x{width}");
                assert_eq!(out.matches("<circle").count(), 2 * (2 + depth * width + 1), "fill and ring per node");
            }
        }
    }

    #[test]
    fn edge_colours_follow_the_sign_on_one_scale() {
        let v = compute(&at(3, 4, Activation::Tanh, Stage::Backward(1)));
        let (out, _) = svg(&v, None, None);
        let strokes = polylines(&out);
        assert_eq!(strokes.len(), v.edges.len());
        for (e, stroke) in v.edges.iter().zip(&strokes) {
            let val = e.value.expect("at Backward(1) every gradient is known");
            assert_eq!(*stroke, hex(diverging(val / v.edge_max)), "{e:?}");
        }
        // The largest gradient is drawn in a pure end colour.
        let biggest = v.edges.iter().map(|e| e.value.unwrap()).max_by(|a, b| a.abs().total_cmp(&b.abs())).unwrap();
        assert!(strokes.contains(&hex(if biggest < 0.0 { NEGATIVE } else { POSITIVE })));
        // Before the backward pass reaches layer 1, its 8 edges are pending.
        let v = compute(&at(3, 4, Activation::Tanh, Stage::Backward(2)));
        let (out, _) = svg(&v, None, None);
        assert_eq!(polylines(&out).iter().filter(|c| **c == hex(PENDING)).count(), 2 * 4);
    }

    /// The numbers printed at the nodes are those of a pass run in this
    /// test directly through the core (Network, Loss, backward).
    #[test]
    fn printed_numbers_are_the_cores() {
        let (depth, width) = (2, 3);
        let p = BackpropParams {
            depth,
            width,
            act: Activation::Sigmoid,
            seed: 4,
            x1: 0.3,
            x2: -0.9,
            target: 0.0,
            ..BackpropParams::default()
        };
        let mut net = Network::new(&[2, 3, 3, 1], Activation::Sigmoid, Activation::Sigmoid).unwrap();
        initialise(&mut net, Init::XavierNormal, BiasInit::Zero, &mut Rng::new(4));
        let mut tape = net.tape(1);
        let mut grads = net.grads();
        net.forward([[0.3, -0.9].as_slice()], &mut tape);
        let loss = Loss::Mse.output_delta(&net, &mut tape, [[0.0].as_slice()], 1.0);
        net.backward(&mut tape, &mut grads);
        let cap = tape.cap;

        let fwd = texts(&svg(&compute(&BackpropParams { stage: Stage::Loss.index(depth), ..p.clone() }), None, None).0);
        for l in 0..2 {
            for j in 0..width {
                assert!(fwd.contains(&format!("z = {}", sig4(tape.z[l][j * cap]))), "z of layer {l} unit {j}: {fwd:?}");
                assert!(fwd.contains(&format!("a = {}", sig4(tape.a[l + 1][j * cap]))));
            }
        }
        assert!(fwd.contains(&format!("y = {}", sig4(tape.a[3][0]))));
        assert!(fwd.contains(&format!("L = {}", sig4(loss))));
        assert!(fwd.contains(&"x = −0.9".to_string()) && fwd.contains(&"STAGE".to_string()));

        let bwd = texts(&svg(&compute(&BackpropParams { stage: Stage::Backward(1).index(depth), ..p.clone() }), None, None).0);
        for l in 0..3 {
            for j in 0..net.layers[l].n_out {
                assert!(bwd.contains(&format!("δ = {}", sig4(tape.delta[l][j * cap]))), "δ of layer {l} unit {j}");
                assert!(bwd.contains(&format!("f′ = {}", sig4(tape.d[l][j * cap]))));
            }
        }
        // A clicked weight prints its gradient, which is the core's ...
        let e = Edge { layer: 0, to: 1, from: 1 };
        let v = compute(&BackpropParams { stage: Stage::Backward(1).index(depth), ..p.clone() });
        let picked = texts(&svg(&v, Some(Hit::Edge(e)), None).0);
        let g = grads.w[0][2 + 1];
        let shown = format!("∂L/∂w = {}", sig4(g));
        assert!(picked.contains(&shown), "{shown} in {picked:?}");
        // ... and the loss's slope in that weight by central differences.
        let h = 1e-6;
        let mut plus = net.clone();
        plus.layers[0].w[3] += h;
        let mut minus = net.clone();
        minus.layers[0].w[3] -= h;
        let lp = 0.5 * (plus.predict(&[0.3, -0.9])[0]).powi(2);
        let lm = 0.5 * (minus.predict(&[0.3, -0.9])[0]).powi(2);
        let numeric = (lp - lm) / (2.0 * h);
        let printed: f64 = shown.rsplit(' ').next().unwrap().replace('−', "-").parse().unwrap();
        assert!((printed - numeric).abs() <= 1e-3 * numeric.abs(), "printed {printed}, finite difference {numeric}");
    }

    #[test]
    fn narrow_figures_keep_only_the_stages_quantity() {
        let v = compute(&at(6, 4, Activation::Sigmoid, Stage::Backward(1)));
        let count = |t: &[String], prefix: &str| t.iter().filter(|s| s.starts_with(prefix)).count();
        let wide = texts(&sized(&v, None, None, (900, 480)).0);
        assert_eq!((count(&wide, "f′ = "), count(&wide, "δ = ")), (25, 25));
        // Columns (640 - 48) * 0.88 / 7 = 74 px apart: each unit's δ as a bare number.
        let narrow = texts(&sized(&v, None, None, (640, 480)).0);
        assert_eq!((count(&narrow, "f′ = "), count(&narrow, "δ = ")), (0, 0));
        for c in 1..v.columns() {
            for j in 0..v.sizes[c] {
                assert!(narrow.contains(&sig4(v.delta(c, j))), "δ of column {c} unit {j}");
            }
        }
        assert!(narrow.contains(&"0.8".to_string()), "and the inputs");
        // 40 px apart: no node numbers at all, but still every edge and the legend.
        let (tiny, _) = sized(&v, None, None, (360, 480));
        assert!(!texts(&tiny).iter().any(|t| t == "0.8" || t.starts_with("x = ")));
        assert_eq!(polylines(&tiny).len(), v.edges.len());
        assert!(texts(&tiny).contains(&"LEGEND".to_string()));
    }

    #[test]
    fn legend_stage_and_status_are_written() {
        let v = compute(&at(2, 3, Activation::Relu, Stage::Update));
        let (out, _) = svg(&v, None, Some("OVERFLOW"));
        let t = texts(&out);
        for want in ["STAGE", "LEGEND", "OVERFLOW", "0", "col0", "col3"] {
            assert!(t.contains(&want.to_string()), "{want} in {t:?}");
        }
        assert!(t.contains(&sig4(v.edge_max)) && t.contains(&sig4(-v.edge_max)));
        // The colour bar runs from one end of the scale to the other.
        assert!(out.contains(&format!("fill=\"{}\"", hex(diverging(-1.0 + 1.0 / LEGEND_STEPS as f64)))));
        assert!(out.contains(&format!("fill=\"{}\"", hex(diverging(1.0 - 1.0 / LEGEND_STEPS as f64)))));
        let (plain, _) = svg(&v, None, None);
        assert!(!texts(&plain).contains(&"OVERFLOW".to_string()));
    }

    #[test]
    fn the_plane_puts_the_sample_where_a_pointer_finds_it() {
        let mut out = String::new();
        let map = {
            let root = SVGBackend::with_string(&mut out, (180, 180)).into_drawing_area();
            draw_plane(&root, (0.5, -0.25), 1.0).unwrap()
        };
        assert!(map.x.0 > 20 && map.x.1 < 180 && map.y.0 >= 0 && map.y.1 < 160, "{map:?}");
        let (px, py) = map.px((0.5, -0.25));
        // The dot, within a pixel of where the map puts the sample (plotters rounds its own way).
        let dot = out.split("<circle").nth(1).expect("a dot");
        let attr = |name: &str| -> i32 { dot.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap() };
        assert!((attr("cx") - px).abs() <= 1 && (attr("cy") - py).abs() <= 1, "dot at ({}, {}), map says ({px}, {py})", attr("cx"), attr("cy"));
        let (x1, x2) = map.at(px as f64, py as f64);
        assert!((x1 - 0.5).abs() < 0.02 && (x2 + 0.25).abs() < 0.02, "({x1}, {x2})");
        assert_eq!(map.at(-50.0, 1000.0), (-1.0, -1.0), "outside the square is clamped onto it");
        assert_eq!(map.at(map.x.1 as f64, map.y.0 as f64), (1.0, 1.0));
        assert!(texts(&out).contains(&"x₁".to_string()) && texts(&out).contains(&"x₂".to_string()));
    }

    #[test]
    fn a_phone_width_puts_the_legend_under_its_label() {
        let v = compute(&BackpropParams::default());
        let (out, map) = sized(&v, None, None, (360, 420));
        assert!(map.height > 150, "the diagram keeps room: {map:?}");
        let t = texts(&out);
        assert!(t.contains(&"LEGEND".to_string()));
        // The stage name's font shrinks for a long name, never below 13 px.
        let long = "S".repeat(80);
        let labels: Vec<String> = (0..v.columns()).map(|c| format!("col{c}")).collect();
        let cv = ChartView { view: &v, selected: None, scale: 1.0, stage_label: &long, legend_label: "L", column_labels: &labels, status: None };
        let mut svg = String::new();
        draw_backprop(&SVGBackend::with_string(&mut svg, (360, 420)).into_drawing_area(), &cv).unwrap();
        let size: f64 = svg.split(&long).next().unwrap().rsplit("font-size=\"").next().unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(size * 1.24 >= 12.9 && size * 1.24 < 16.0, "font size {size}");
    }

    #[test]
    fn the_map_hits_what_was_drawn_where() {
        let v = compute(&BackpropParams::default());
        let (_, map) = svg(&v, None, None);
        assert!((map.layout.aspect - map.width as f64 / map.height as f64).abs() < 1e-12);
        for n in map.layout.nodes() {
            let (x, y) = map.to_px(map.layout.pos(n));
            assert_eq!(map.hit(x as f64, y as f64), Some(Hit::Node(n)));
        }
        let e = Edge { layer: 1, to: 2, from: 0 };
        let (p, q) = map.layout.ends(e);
        let (x, y) = map.to_px((p.0 + 0.4 * (q.0 - p.0), p.1 + 0.4 * (q.1 - p.1)));
        assert_eq!(map.hit(x as f64, y as f64), Some(Hit::Edge(e)));
    }
}
