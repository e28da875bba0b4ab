//! The `zigzag` chart: axes around the loss contours (whose pixels the caller paints), the descent path, the start and the optimum, the loss scale, and a strip recording each step's gradient signs.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::model::View;
use crate::chart::heatmap::PlaneMap;
use crate::chart::label::boxed;
use crate::chart::scale::sequential;
use crate::i18n::pow10;

/// Steps of the loss colour bar.
pub const SCALE_STEPS: usize = 40;
/// Steps whose gradients share a sign, and steps whose do not, in the strip.
pub const SAME: RGBColor = RGBColor(40, 40, 40);
pub const OPPOSITE: RGBColor = RGBColor(200, 200, 200);

/// What the chart draws besides the view, already translated.
pub struct Labels<'a> {
    pub w1: &'a str,
    pub w2: &'a str,
    pub loss: &'a str,
    pub start: &'a str,
    pub optimum: &'a str,
    pub strip: &'a str,
    /// Shown over the picture when the run diverged.
    pub banner: Option<&'a str>,
}

/// Where the chart put things, to map a pointer back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub plane: PlaneMap,
}

/// The parts of the segment a-b inside the square [-r, r]² (Liang–Barsky).
pub fn clip(a: (f64, f64), b: (f64, f64), r: f64) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 + r), (dx, r - a.0), (-dy, a.1 + r), (dy, r - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

/// The polyline through `points` cut to the square [-r, r]²: the runs of it that stay inside.
pub fn clipped_runs(points: &[[f64; 2]], r: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    for w in points.windows(2) {
        let Some((p, q)) = clip((w[0][0], w[0][1]), (w[1][0], w[1][1]), r) else {
            open = false;
            continue;
        };
        let entered = p != (w[0][0], w[0][1]);
        match runs.last_mut() {
            Some(run) if open && !entered => run.push(q),
            _ => runs.push(vec![p, q]),
        }
        open = q == (w[1][0], w[1][1]);
    }
    runs
}

/// Draws into `root` (cleared first): axes around a square plot area,
/// `paint` called with that area so the caller can put the contour pixels
/// there, then the first `shown` steps of the path over them, the start and
/// the optimum, the loss scale beside it and the sign strip below.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &View,
    labels: &Labels,
    shown: usize,
    scale: f64,
    paint: impl FnOnce(PlaneMap) -> Result<(), String>,
) -> Result<Layout, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the descent failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let s = scale.max(0.5);
    let font = (14.0 * s) as u32;
    let (w, h) = root.dim_in_pixel();
    let r = view.window;
    let (margin, x_area, y_area, legend_w) = ((8.0 * s) as u32, (36.0 * s) as u32, (44.0 * s) as u32, (96.0 * s) as u32);
    let strip_h = (58.0 * s) as u32;
    let side = (w.saturating_sub(legend_w + y_area + 2 * margin))
        .min(h.saturating_sub(x_area + strip_h + 2 * margin))
        .max(10);
    let (top, strip) = root.split_vertically(side + x_area + 2 * margin);
    let (plane_area, legend_area) = top.split_horizontally(side + y_area + 2 * margin);
    let mut chart = ChartBuilder::on(&plane_area)
        .margin(margin)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(-r..r, -r..r)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(7)
        .y_labels(7)
        .x_desc(labels.w1)
        .y_desc(labels.w2)
        .label_style(("sans-serif", font))
        .axis_desc_style(("sans-serif", font))
        .draw()
        .map_err(err)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let plane = PlaneMap { left: px.start, top: py.start, right: px.end, bottom: py.end, x: (-r, r), y: (-r, r) };
    paint(plane)?;

    // The path: a dark line on a white halo, readable on every contour colour.
    let path = &view.run.path[..shown.saturating_add(1).min(view.run.path.len())];
    for (colour, width) in [(WHITE, 4.0), (BLACK, 2.0)] {
        let style = colour.stroke_width((width * s).max(1.0) as u32);
        for run in clipped_runs(path, r) {
            chart.draw_series(LineSeries::new(run, style)).map_err(err)?;
        }
    }
    // A dot per step while they are far enough apart to see.
    if path.len() <= 150 {
        let dots = path.iter().skip(1).filter(|p| p[0].abs() <= r && p[1].abs() <= r);
        chart.draw_series(dots.map(|p| Circle::new((p[0], p[1]), (2.5 * s) as i32, BLACK.filled()))).map_err(err)?;
    }
    // The optimum: a cross; the start: a ring (the handle the reader drags).
    let t = (view.target[0], view.target[1]);
    let arm = 0.07 * r;
    for (colour, width) in [(WHITE, 5.0), (BLACK, 2.5)] {
        let style = colour.stroke_width((width * s) as u32);
        chart.draw_series(LineSeries::new([(t.0 - arm, t.1 - arm), (t.0 + arm, t.1 + arm)], style)).map_err(err)?;
        chart.draw_series(LineSeries::new([(t.0 - arm, t.1 + arm), (t.0 + arm, t.1 - arm)], style)).map_err(err)?;
    }
    let start = (view.run.path[0][0], view.run.path[0][1]);
    chart.draw_series([Circle::new(start, (9.0 * s) as i32, WHITE.filled())]).map_err(err)?;
    chart.draw_series([Circle::new(start, (9.0 * s) as i32, BLACK.stroke_width((2.5 * s) as u32))]).map_err(err)?;
    // Labels on light boxes: the start's beside its ring, the optimum's beside its cross.
    let f = font as i32;
    let (px, py) = chart.backend_coord(&start);
    let lx = if start.0 > 0.0 { px - (12.0 * s) as i32 - f * labels.start.chars().count() as i32 * 3 / 5 } else { px + (14.0 * s) as i32 };
    boxed(root, labels.start, (lx, py - f / 2), font, (2.0 * s) as i32).map_err(err)?;
    let (ox, oy) = chart.backend_coord(&(t.0 + arm, t.1 - arm));
    boxed(root, labels.optimum, (ox + (4.0 * s) as i32, oy), font, (2.0 * s) as i32).map_err(err)?;

    if let Some(banner) = labels.banner {
        let (cx, cy) = ((plane.left + plane.right) / 2, (plane.top + plane.bottom) / 2);
        let bw = (plane.right - plane.left) * 9 / 10;
        let bh = (40.0 * s) as i32;
        root.draw(&Rectangle::new([(cx - bw / 2, cy - bh / 2), (cx + bw / 2, cy + bh / 2)], WHITE.mix(0.92).filled()))
            .map_err(err)?;
        root.draw(&Rectangle::new([(cx - bw / 2, cy - bh / 2), (cx + bw / 2, cy + bh / 2)], RED.stroke_width(2)))
            .map_err(err)?;
        // A long sentence is cut to the box rather than spilling over the axes.
        let max_chars = ((bw as f64) / (7.5 * s)) as usize;
        let line: String = banner.chars().take(max_chars.max(8)).collect();
        let style = ("sans-serif", font).into_font().color(&BLACK).pos(text_anchor_centre());
        root.draw(&Text::new(line, (cx, cy), style)).map_err(err)?;
    }

    // The loss scale: viridis over log10 loss, ticks at powers of ten.
    let (lo, hi) = view.log_loss;
    let mut bar = ChartBuilder::on(&legend_area)
        .margin_top(margin + (24.0 * s) as u32)
        .margin_bottom(margin + x_area)
        // A bar 24 px wide, whatever room is left beside the plane.
        .margin_right(legend_area.dim_in_pixel().0.saturating_sub(margin + (68.0 * s) as u32))
        // Tick labels on the left: plotters measures right-hand labels by
        // laying them out in the page, which the page's CSP refuses.
        .y_label_area_size((44.0 * s) as u32)
        .build_cartesian_2d(0.0..1.0, lo..hi)
        .map_err(err)?;
    let ticks: Vec<f64> = ((lo.ceil() as i32)..=(hi.floor() as i32)).map(|e| e as f64).collect();
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(ticks.len().max(2))
        .y_label_formatter(&|v| pow10(v.round() as i32))
        .label_style(("sans-serif", (13.0 * s) as u32))
        .draw()
        .map_err(err)?;
    let step = (hi - lo) / SCALE_STEPS as f64;
    bar.draw_series((0..SCALE_STEPS).map(|i| {
        let a = lo + i as f64 * step;
        Rectangle::new([(0.0, a), (1.0, a + step)], sequential((i as f64 + 0.5) / SCALE_STEPS as f64).filled())
    }))
    .map_err(err)?;
    let (lx, ly) = bar.plotting_area().get_pixel_range();
    // Plotting ranges are in the root's pixels.
    root.draw(&Text::new(labels.loss.to_string(), (lx.start - (40.0 * s) as i32, ly.start - (22.0 * s) as i32), ("sans-serif", font)))
        .map_err(err)?;

    // The strip: one mark per step, dark when both gradients had one sign,
    // light when they had opposite signs; runs of equal steps as one bar.
    let total = view.steps.max(1) as f64;
    let mut st = ChartBuilder::on(&strip)
        .margin_left(margin + y_area)
        // Under the plane, the same width.
        .margin_right(w.saturating_sub(side + y_area + margin))
        .margin_top((22.0 * s) as u32)
        .x_label_area_size((22.0 * s) as u32)
        .build_cartesian_2d(0.0..total, 0.0..1.0)
        .map_err(err)?;
    st.configure_mesh()
        .disable_mesh()
        .disable_y_axis()
        .x_labels(6)
        .x_label_formatter(&|v| format!("{}", v.round()))
        .label_style(("sans-serif", (13.0 * s) as u32))
        .draw()
        .map_err(err)?;
    let signs = &view.run.same_sign[..shown.min(view.run.same_sign.len())];
    let mut bars = Vec::new();
    let mut i = 0;
    while i < signs.len() {
        let j = signs[i..].iter().position(|&x| x != signs[i]).map_or(signs.len(), |d| i + d);
        bars.push(Rectangle::new([(i as f64, 0.0), (j as f64, 1.0)], if signs[i] { SAME } else { OPPOSITE }.filled()));
        i = j;
    }
    st.draw_series(bars).map_err(err)?;
    let (sx0, sy0) = st.plotting_area().get_pixel_range();
    root.draw(&Text::new(labels.strip.to_string(), (sx0.start, sy0.start - (18.0 * s) as i32), ("sans-serif", (13.0 * s) as u32)))
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(Layout { plane })
}

fn text_anchor_centre() -> plotters::style::text_anchor::Pos {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    Pos::new(HPos::Center, VPos::Center)
}

/// The chart of `p` as SVG, every step shown, the contours left unpainted
/// (a native SVG has no canvas to put them on).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg(p: &super::ZigzagParams, lang: crate::i18n::Lang, size: (u32, u32)) -> String {
    use crate::i18n::{t, tf};
    let view = super::model::compute(p);
    let banner = match view.run.outcome {
        super::model::Outcome::Diverged(n) => Some(tf(lang, "zigzag.diverged_banner", &[("n", &n.to_string())])),
        _ => None,
    };
    let labels = Labels {
        w1: t(lang, "zigzag.axis_w1"),
        w2: t(lang, "zigzag.axis_w2"),
        loss: t(lang, "zigzag.loss"),
        start: t(lang, "zigzag.start"),
        optimum: t(lang, "zigzag.optimum"),
        strip: t(lang, "zigzag.strip"),
        banner: banner.as_deref(),
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        if let Err(e) = draw(&root, &view, &labels, usize::MAX, 1.0, |_| Ok(())) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

/// The chart at the widget's default settings as SVG (for the registry's tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    svg(&super::ZigzagParams::default(), lang, (640, 560))
}

// Natively only: they read the SVG renders, which the page's build leaves out.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::model::{compute, Outcome};
    use super::super::{Inputs, ZigzagParams};
    use super::*;
    use crate::i18n::Lang;

    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!(">\n{s}\n</text>"))
    }

    /// The fill colours of every rect, in order.
    fn rect_fills(svg: &str) -> Vec<String> {
        svg.split("<rect")
            .skip(1)
            .filter_map(|r| r.split('>').next().and_then(|a| a.split("fill=\"").nth(1)).map(|f| f[..7].to_string()))
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn clipping_keeps_the_inside_and_cuts_at_the_edge() {
        assert_eq!(clip((0.0, 0.0), (1.0, 1.0), 2.0), Some(((0.0, 0.0), (1.0, 1.0))));
        assert_eq!(clip((0.0, 0.0), (4.0, 0.0), 2.0), Some(((0.0, 0.0), (2.0, 0.0))));
        assert_eq!(clip((3.0, 3.0), (4.0, 5.0), 2.0), None);
        let runs = clipped_runs(&[[0.0, 0.0], [1.0, 0.0], [5.0, 0.0], [1.0, 1.0], [0.0, 1.0]], 2.0);
        // In, out through the right edge, back in: two runs.
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[0], vec![(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]);
        assert_eq!(*runs[1].last().unwrap(), (0.0, 1.0));
        assert!(runs.iter().flatten().all(|p| p.0.abs() <= 2.0 && p.1.abs() <= 2.0));
    }

    #[test]
    fn the_strip_draws_each_step_with_its_sign() {
        for inputs in Inputs::ALL {
            let p = ZigzagParams { inputs, ..ZigzagParams::default() };
            let view = compute(&p);
            let svg = svg(&p, Lang::En, (640, 560));
            let fills = rect_fills(&svg);
            let (same, opposite) = (fills.iter().filter(|f| **f == hex(SAME)).count(), fills.iter().filter(|f| **f == hex(OPPOSITE)).count());
            // Runs of equal steps, counted from the view.
            let s = &view.run.same_sign;
            let runs = 1 + s.windows(2).filter(|w| w[0] != w[1]).count();
            assert_eq!(same + opposite, runs, "{inputs:?}");
            match inputs {
                // Every step one sign: one dark bar, no light one.
                Inputs::Positive => assert_eq!((same, opposite), (1, 0)),
                Inputs::Centred => assert!(opposite >= 1 && same >= 1),
            }
        }
    }

    #[test]
    fn the_path_is_drawn_up_to_the_steps_shown() {
        let p = ZigzagParams { steps: 100, lr: 0.2, ..ZigzagParams::default() };
        let view = compute(&p);
        assert!(view.run.path.len() > 50);
        let labels = Labels { w1: "w1", w2: "w2", loss: "loss", start: "start", optimum: "optimum", strip: "signs", banner: None };
        let render = |shown: usize| {
            let mut out = String::new();
            {
                let root = SVGBackend::with_string(&mut out, (640, 560)).into_drawing_area();
                draw(&root, &view, &labels, shown, 1.0, |_| Ok(())).unwrap();
            }
            out
        };
        // A dot per step shown (black, small), plus the start ring (two circles).
        for shown in [0, 10, 40] {
            let svg = render(shown);
            let dots = svg.matches("<circle").count() - 2;
            assert_eq!(dots, shown, "{shown} steps shown");
        }
        let full = render(usize::MAX);
        assert!(has_text(&full, "start") && has_text(&full, "optimum") && has_text(&full, "loss"));
    }

    #[test]
    fn divergence_shows_a_banner_and_no_number_is_infinite() {
        let p = ZigzagParams { lr: 10.0, ..ZigzagParams::default() };
        assert!(matches!(compute(&p).run.outcome, Outcome::Diverged(_)));
        for lang in [Lang::En, Lang::ZhTw] {
            let svg = svg(&p, lang, (640, 560));
            assert!(svg.contains(if lang == Lang::En { "Diverged at step" } else { "發散" }));
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
        assert!(!svg_at_defaults(Lang::En).contains("Diverged"));
    }

    #[test]
    fn the_loss_scale_is_labelled_in_powers_of_ten() {
        let svg = svg_at_defaults(Lang::En);
        let view = compute(&ZigzagParams::default());
        let (lo, hi) = view.log_loss;
        for e in (lo.ceil() as i32)..=(hi.floor() as i32) {
            assert!(has_text(&svg, &pow10(e)), "tick {}", pow10(e));
        }
    }
}
