//! The `linearity` chart: axes around the input plane (whose pixels the caller paints), points A and B, and the output's colour scale.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::model::View;
use crate::chart::heatmap::PlaneMap;
use crate::chart::label::boxed;
use crate::chart::scale::diverging;

/// Steps of the colour-scale bar.
pub const SCALE_STEPS: usize = 48;

/// What the chart draws besides the view, already translated.
pub struct Labels<'a> {
    pub x: &'a str,
    pub y: &'a str,
    pub scale: &'a str,
    pub a: &'a str,
    pub b: &'a str,
}

/// Draws into `root` (cleared first): axes around a square plot area,
/// `paint` called with that area so the caller can put the plane's pixels
/// there, then A and B over it and the colour scale beside it. Returns where
/// the plane landed, to map a pointer back to the plane.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &View,
    labels: &Labels,
    scale: f64,
    paint: impl FnOnce(PlaneMap) -> Result<(), String>,
) -> Result<PlaneMap, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the plane failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let s = scale.max(0.5);
    let font = (14.0 * s) as u32;
    let (w, h) = root.dim_in_pixel();
    let e = view.extent;
    let (margin, x_area, y_area, legend_w) = ((8.0 * s) as u32, (36.0 * s) as u32, (44.0 * s) as u32, (96.0 * s) as u32);
    // The plane is square: the largest square that leaves room for the axes and the legend.
    let side = (w.saturating_sub(legend_w + y_area + 2 * margin)).min(h.saturating_sub(x_area + 2 * margin)).max(10);
    let (plane_area, legend_area) = root.split_horizontally(side + y_area + 2 * margin);
    let plane_area = plane_area.shrink((0, 0), (side + y_area + 2 * margin, side + x_area + 2 * margin));
    let mut chart = ChartBuilder::on(&plane_area)
        .margin(margin)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(-e..e, -e..e)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(5)
        .y_labels(5)
        .x_desc(labels.x)
        .y_desc(labels.y)
        .label_style(("sans-serif", font))
        .axis_desc_style(("sans-serif", font))
        .draw()
        .map_err(err)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let map = PlaneMap { left: px.start, top: py.start, right: px.end, bottom: py.end, x: (-e, e), y: (-e, e) };
    paint(map)?;

    // A and B: a ring with a letter beside it, readable on any colour.
    let r = (7.0 * s) as i32;
    let stroke = (2.0 * s).max(1.0) as u32;
    for (probe, name) in [(view.a, labels.a), (view.b, labels.b)] {
        let at = (probe.at[0], probe.at[1]);
        chart.draw_series([Circle::new(at, r, WHITE.stroke_width(stroke + 2))]).map_err(err)?;
        chart.draw_series([Circle::new(at, r, BLACK.stroke_width(stroke))]).map_err(err)?;
        // The letter on the side of the point facing the plane's centre, so it stays inside.
        let (px, py) = chart.backend_coord(&at);
        let f = (16.0 * s) as i32;
        let lx = if at.0 > 0.0 { px - r - f - 4 } else { px + r + 4 };
        let ly = if at.1 > 0.0 { py + r } else { py - r - f };
        boxed(root, name, (lx, ly), f as u32, (2.0 * s) as i32).map_err(err)?;
    }

    // The colour scale: a vertical bar from -out_max to +out_max.
    let m = view.out_max;
    let mut bar = ChartBuilder::on(&legend_area)
        .margin_top(margin + (24.0 * s) as u32)
        .margin_bottom(margin + x_area)
        // A bar 24 px wide, whatever room is left beside the plane.
        .margin_right(legend_area.dim_in_pixel().0.saturating_sub(margin + (68.0 * s) as u32))
        // Tick labels on the left: plotters measures right-hand labels by
        // laying them out in the page, which the page's CSP refuses.
        .y_label_area_size((44.0 * s) as u32)
        .build_cartesian_2d(0.0..1.0, -m..m)
        .map_err(err)?;
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(3)
        .label_style(("sans-serif", (13.0 * s) as u32))
        .draw()
        .map_err(err)?;
    let step = 2.0 * m / SCALE_STEPS as f64;
    bar.draw_series((0..SCALE_STEPS).map(|i| {
        let lo = -m + i as f64 * step;
        Rectangle::new([(0.0, lo), (1.0, lo + step)], diverging((lo + step / 2.0) / m).filled())
    }))
    .map_err(err)?;
    let (lx, ly) = bar.plotting_area().get_pixel_range();
    // Plotting ranges are in the root's pixels.
    root.draw(&Text::new(labels.scale.to_string(), (lx.start - (40.0 * s) as i32, ly.start - (22.0 * s) as i32), ("sans-serif", font)))
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(map)
}

/// The chart at the widget's default settings as SVG (for the registry's tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    svg(&super::LinearityParams::default(), lang, (640, 480))
}

/// The chart of `p` as SVG, with the plane's pixels as an outline only
/// (a native SVG has no canvas to put them on).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg(p: &super::LinearityParams, lang: crate::i18n::Lang, size: (u32, u32)) -> String {
    use crate::i18n::t;
    let view = super::model::compute(p);
    let labels = Labels {
        x: "x₁",
        y: "x₂",
        scale: t(lang, "linearity.scale"),
        a: t(lang, "linearity.point_a"),
        b: t(lang, "linearity.point_b"),
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        if let Err(e) = draw(&root, &view, &labels, 1.0, |_| Ok(())) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

// Natively only: they read the SVG renders, which the page's build leaves out.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::model::compute;
    use super::super::{Act, LinearityParams};
    use super::*;

    fn render(p: &LinearityParams, size: (u32, u32)) -> (String, PlaneMap, Option<PlaneMap>) {
        let view = compute(p);
        let labels = Labels { x: "x1", y: "x2", scale: "output", a: "A", b: "B" };
        let mut painted = None;
        let mut out = String::new();
        let map = {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            draw(&root, &view, &labels, 1.0, |m| {
                painted = Some(m);
                Ok(())
            })
            .unwrap()
        };
        (out, map, painted)
    }

    /// Whether some text element of the SVG reads `s`.
    fn has_text(svg: &str, s: &str) -> bool {
        svg.contains(&format!(">\n{s}\n</text>"))
    }

    /// The (cx, cy) of every circle in the SVG.
    fn circles(svg: &str) -> Vec<(f64, f64)> {
        let attr = |tag: &str, name: &str| -> f64 {
            let i = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            tag[i..].split('"').next().unwrap().parse().unwrap()
        };
        svg.split("<circle").skip(1).map(|c| (attr(c, "cx"), attr(c, "cy"))).collect()
    }

    #[test]
    fn the_plane_is_square_painted_once_and_inside_the_picture() {
        for size in [(640, 480), (420, 560), (900, 400)] {
            let (_, map, painted) = render(&LinearityParams::default(), size);
            assert_eq!(painted, Some(map), "the caller paints exactly where the axes are");
            let (w, h) = map.size();
            assert!(w.abs_diff(h) <= 1 && w >= 200, "{size:?}: {w}x{h}");
            assert!(map.left > 0 && map.top >= 0 && map.right < size.0 as i32 && map.bottom < size.1 as i32);
        }
    }

    #[test]
    fn a_and_b_are_marked_where_they_are() {
        let mut p = LinearityParams { act: Act::Relu, ..LinearityParams::default() };
        p.a = [-1.5, 1.0];
        p.b = [0.5, -1.25];
        let (svg, map, _) = render(&p, (640, 480));
        assert!(has_text(&svg, "A") && has_text(&svg, "B"), "labels A and B");
        let cs = circles(&svg);
        // Two rings (white under black) per point.
        assert_eq!(cs.len(), 4);
        for at in [p.a, p.b] {
            let (x, y) = map.to_px(at);
            let n = cs.iter().filter(|c| (c.0 - x).abs() <= 2.0 && (c.1 - y).abs() <= 2.0).count();
            assert_eq!(n, 2, "a ring at {at:?} = ({x}, {y})");
        }
    }

    #[test]
    fn the_colour_scale_runs_over_the_output_range_in_the_diverging_colours() {
        let (svg, _, _) = render(&LinearityParams::default(), (640, 480));
        assert!(has_text(&svg, "output"));
        let first = diverging(-1.0 + 1.0 / SCALE_STEPS as f64);
        let last = diverging(1.0 - 1.0 / SCALE_STEPS as f64);
        let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        assert!(svg.contains(&hex(first)) && svg.contains(&hex(last)));
        let bars = svg.matches("<rect").count();
        // The background, then one rectangle per step of the bar.
        assert!(bars > SCALE_STEPS, "{bars} rectangles");
    }

    #[test]
    fn every_activation_draws_and_a_tiny_canvas_does_not_fail() {
        for act in Act::ALL {
            let p = LinearityParams { act, ..LinearityParams::default() };
            let (svg, _, _) = render(&p, (640, 480));
            assert!(svg.contains("<svg"));
        }
        let (svg, _, _) = render(&LinearityParams::default(), (60, 40));
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn the_registry_render_is_translated() {
        let zh = svg_at_defaults(crate::i18n::Lang::ZhTw);
        assert!(has_text(&zh, "輸出"), "the scale's title in Chinese");
        assert!(!zh.starts_with("<!--"));
    }
}
