//! The `cost` chart: one row per activation with a bar for f above a lighter bar for f′, lengths in nanoseconds per evaluation on a linear or log axis, each bar labelled with its value, a whisker where the clock allows an error.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::activation::Activation;
use crate::chart::palette;
use crate::chart::scale::pow10;

use super::model::sig;

/// What one bar shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BarValue {
    /// Not timed yet.
    Pending,
    /// The clock could not time it.
    Unmeasurable,
    /// Median nanoseconds per evaluation, and the relative error the clock's tick allows.
    Measured { ns: f64, bound: f64 },
}

/// One activation's row.
#[derive(Clone, Debug, PartialEq)]
pub struct CostRow {
    pub act: Activation,
    /// Its short name, already translated.
    pub label: String,
    pub f: BarValue,
    pub df: BarValue,
}

/// Everything the chart needs, already decided by the caller.
pub struct CostView<'a> {
    pub rows: &'a [CostRow],
    /// Log axis (ratios as equal distances) or linear (lengths as costs).
    pub log: bool,
    /// Device pixels per CSS pixel: fonts and lines scale with it.
    pub scale: f64,
    /// Texts, already translated.
    pub axis_label: &'a str,
    pub unmeasurable: &'a str,
    pub pending: &'a str,
}

/// What was drawn, for the page's data attributes and the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    /// Bars drawn (measured values).
    pub bars: usize,
    /// Rows with at least one bar.
    pub rows: usize,
}

/// A tick label of the log axis: 10^k written as on paper ("10⁻¹"), blank between powers.
fn pow10_label(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        pow10(x.round() as i32)
    } else {
        String::new()
    }
}

/// Approximate width of a text in CSS pixels at 14 px (CJK characters are wider).
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c as u32 >= 0x2E80 { 14.0 } else { 7.6 }).sum()
}

/// The label beside a bar: "f′ 3.2 ns".
fn value_label(part: &str, ns: f64) -> String {
    format!("{part} {} ns", sig(ns, 3))
}

/// Draws the bars into `root` (cleared first).
pub fn draw_cost<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, view: &CostView) -> Result<Drawn, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("drawing the cost chart failed: {e:?}");
    root.fill(&WHITE).map_err(err)?;
    let (w, _) = root.dim_in_pixel();
    let s = view.scale.max(0.5);
    let font = (14.0 * s) as u32;
    let n = view.rows.len().max(1);

    // The bar ends, whiskers included, and the smallest value (for the log axis).
    let measured = || view.rows.iter().flat_map(|r| [r.f, r.df]).filter_map(|v| match v {
        BarValue::Measured { ns, bound } if ns.is_finite() && ns > 0.0 => Some((ns, bound.max(0.0))),
        _ => None,
    });
    let max_end = measured().map(|(ns, b)| ns * (1.0 + b)).fold(0.0, f64::max);
    let min_v = measured().map(|(ns, b)| (ns * (1.0 - b)).max(ns * 0.1)).fold(f64::INFINITY, f64::min);

    let label_w = (view.rows.iter().map(|r| text_width(&r.label)).fold(0.0, f64::max) + 18.0) * s;
    let margin = 10.0 * s;
    let plot_w = (w as f64 - label_w - 2.0 * margin).max(50.0);
    // Room right of the longest bar for its value label.
    let room = (text_width(&value_label("f′", 888.0)) + 10.0) * s;
    let frac = (room / plot_w).min(0.6);
    let (x0, x1) = if view.log {
        let (lo, hi) = if max_end > 0.0 { (min_v.log10().floor(), max_end.log10()) } else { (-1.0, 1.0) };
        let hi = lo + (hi - lo).max(0.5) / (1.0 - frac);
        (lo, hi.max(lo + 1.0))
    } else {
        (0.0, if max_end > 0.0 { max_end / (1.0 - frac) } else { 1.0 })
    };
    let x_of = |ns: f64| if view.log { ns.log10().max(x0) } else { ns };

    let mut chart = ChartBuilder::on(root)
        .margin(margin as u32)
        .x_label_area_size((40.0 * s) as u32)
        .y_label_area_size(label_w as u32)
        .build_cartesian_2d(x0..x1, -0.5..(n as f64 - 0.5))
        .map_err(err)?;
    let x_ticks = if view.log {
        (x1.floor() - x0) as usize + 1
    } else {
        ((plot_w / (80.0 * s)) as usize).clamp(3, 10)
    };
    let log_fmt = |x: &f64| pow10_label(*x);
    let lin_fmt = |x: &f64| sig(*x, 2);
    let x_fmt: &dyn Fn(&f64) -> String = if view.log { &log_fmt } else { &lin_fmt };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(x_ticks)
        .x_label_formatter(x_fmt)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(222, 222, 222))
        .x_desc(view.axis_label)
        .label_style(("sans-serif", font))
        .axis_desc_style(("sans-serif", font))
        .draw()
        .map_err(err)?;

    let right = Pos::new(HPos::Right, VPos::Center);
    let left = Pos::new(HPos::Left, VPos::Center);
    let ink = RGBColor(40, 40, 40);
    let grey = RGBColor(110, 110, 110);
    let mut drawn = Drawn { bars: 0, rows: 0 };
    for (i, row) in view.rows.iter().enumerate() {
        let yc = (n - 1 - i) as f64;
        // The row's name, right-aligned against the plot.
        let (px, py) = chart.backend_coord(&(x0, yc));
        root.draw(&Text::new(
            row.label.clone(),
            (px - (8.0 * s) as i32, py),
            ("sans-serif", font).into_font().color(&ink).pos(right),
        ))
        .map_err(err)?;
        let c = palette(row.act);
        let mut any = false;
        // f above the centre line, f′ below it.
        for (value, part, (ya, yb), fill) in
            [(row.f, "f", (yc + 0.04, yc + 0.40), c.mix(1.0)), (row.df, "f′", (yc - 0.40, yc - 0.04), c.mix(0.45))]
        {
            let ym = (ya + yb) / 2.0;
            match value {
                BarValue::Measured { ns, bound } if ns.is_finite() && ns > 0.0 => {
                    chart.draw_series([Rectangle::new([(x0, ya), (x_of(ns), yb)], fill.filled())]).map_err(err)?;
                    let mut end = x_of(ns);
                    if bound > 0.002 {
                        let (a, b) = (x_of((ns * (1.0 - bound)).max(ns * 0.1)), x_of(ns * (1.0 + bound)));
                        let style = ShapeStyle::from(&ink).stroke_width((1.5 * s).max(1.0) as u32);
                        let h = 0.08;
                        chart
                            .draw_series([
                                PathElement::new(vec![(a, ym), (b, ym)], style),
                                PathElement::new(vec![(a, ym - h), (a, ym + h)], style),
                                PathElement::new(vec![(b, ym - h), (b, ym + h)], style),
                            ])
                            .map_err(err)?;
                        end = end.max(b);
                    }
                    chart
                        .draw_series([EmptyElement::at((end, ym))
                            + Text::new(
                                value_label(part, ns),
                                ((6.0 * s) as i32, 0),
                                ("sans-serif", font).into_font().color(&ink).pos(left),
                            )])
                        .map_err(err)?;
                    drawn.bars += 1;
                    any = true;
                }
                BarValue::Unmeasurable => {
                    chart
                        .draw_series([EmptyElement::at((x0, ym))
                            + Text::new(
                                format!("{part}: {}", view.unmeasurable),
                                ((6.0 * s) as i32, 0),
                                ("sans-serif", font).into_font().color(&grey).pos(left),
                            )])
                        .map_err(err)?;
                }
                _ => {}
            }
        }
        if row.f == BarValue::Pending && row.df == BarValue::Pending {
            chart
                .draw_series([EmptyElement::at((x0, yc))
                    + Text::new(
                        view.pending.to_string(),
                        ((6.0 * s) as i32, 0),
                        ("sans-serif", font).into_font().color(&grey).pos(left),
                    )])
                .map_err(err)?;
        }
        if any {
            drawn.rows += 1;
        }
    }
    root.present().map_err(err)?;
    Ok(drawn)
}

/// The chart's height in CSS pixels for `rows` rows.
pub fn css_height(rows: usize) -> f64 {
    54.0 * rows.max(1) as f64 + 70.0
}

/// The chart at the widget's default settings before anything is timed
/// (what the page shows first), as SVG for the registry's tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_at_defaults(lang: crate::i18n::Lang) -> String {
    use super::model::short_label;
    use crate::activation::ALL;
    use crate::i18n::t;
    let rows: Vec<CostRow> = ALL
        .into_iter()
        .map(|a| CostRow { act: a, label: short_label(lang, a).into(), f: BarValue::Pending, df: BarValue::Pending })
        .collect();
    let view = CostView {
        rows: &rows,
        log: super::CostParams::default().log,
        scale: 1.0,
        axis_label: t(lang, "cost.axis"),
        unmeasurable: t(lang, "cost.unmeasurable"),
        pending: t(lang, "cost.pending"),
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (800, css_height(rows.len()) as u32)).into_drawing_area();
        if let Err(e) = draw_cost(&root, &view) {
            return format!("<!-- {e} -->");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::ALL;

    fn svg(rows: &[CostRow], log: bool) -> (String, Drawn) {
        let view = CostView { rows, log, scale: 1.0, axis_label: "ns per eval", unmeasurable: "unmeasurable", pending: "waiting" };
        let mut out = String::new();
        let drawn = {
            let root = SVGBackend::with_string(&mut out, (800, css_height(rows.len()) as u32)).into_drawing_area();
            draw_cost(&root, &view).unwrap()
        };
        (out, drawn)
    }

    /// The text of every `<text>` element, trimmed.
    fn texts(out: &str) -> Vec<String> {
        out.split("<text").skip(1).map(|t| t.split_once('>').map_or("", |x| x.1).split("</text>").next().unwrap_or("").trim().to_string()).collect()
    }

    fn hex(a: Activation) -> String {
        let c = palette(a);
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Rectangles filled with `a`'s colour.
    fn bars_of(out: &str, a: Activation) -> usize {
        out.split("<rect").skip(1).filter(|r| r.split("/>").next().unwrap_or("").contains(&format!("fill=\"{}\"", hex(a)))).count()
    }

    fn m(ns: f64) -> BarValue {
        BarValue::Measured { ns, bound: 0.02 }
    }

    fn row(a: Activation, f: BarValue, df: BarValue) -> CostRow {
        CostRow { act: a, label: a.name().into(), f, df }
    }

    #[test]
    fn every_measured_bar_is_drawn_in_its_colour_and_labelled() {
        // Nine rows, with values spread over two decades as measured ones are.
        let rows: Vec<CostRow> =
            ALL.iter().enumerate().map(|(i, &a)| row(a, m(0.3 * 1.7f64.powi(i as i32)), m(0.5 + i as f64))).collect();
        for log in [false, true] {
            let (out, drawn) = svg(&rows, log);
            assert_eq!(drawn, Drawn { bars: 18, rows: 9 });
            for a in ALL {
                assert_eq!(bars_of(&out, a), 2, "{a}: f and f′ bars, log {log}");
                assert!(texts(&out).contains(&a.name().to_string()), "{a} is named on its row");
            }
            let t = texts(&out);
            assert_eq!(t.iter().filter(|t| t.ends_with(" ns")).count(), 18, "every bar carries its value: {t:?}");
            assert!(t.contains(&"f 0.3 ns".to_string()) && t.contains(&"f′ 0.5 ns".to_string()), "{t:?}");
        }
    }

    #[test]
    fn the_log_axis_is_ticked_at_powers_of_ten() {
        let rows = [row(Activation::Relu, m(0.25), m(0.3)), row(Activation::Gelu, m(22.0), m(35.0))];
        let (out, _) = svg(&rows, true);
        let t = texts(&out);
        for tick in ["10⁻¹", "10⁰", "10¹"] {
            assert!(t.contains(&tick.to_string()), "{tick} missing: {t:?}");
        }
        let (lin, _) = svg(&rows, false);
        assert!(!lin.contains("10⁰"));
    }

    #[test]
    fn unmeasured_bars_say_why_instead_of_drawing_nothing_silently() {
        let rows = [
            row(Activation::Sigmoid, BarValue::Unmeasurable, BarValue::Unmeasurable),
            row(Activation::Relu, BarValue::Pending, BarValue::Pending),
            row(Activation::Tanh, m(10.0), BarValue::Pending),
        ];
        let (out, drawn) = svg(&rows, false);
        assert_eq!(drawn, Drawn { bars: 1, rows: 1 });
        assert_eq!(bars_of(&out, Activation::Sigmoid), 0);
        let t = texts(&out);
        assert_eq!(t.iter().filter(|t| t.ends_with(": unmeasurable")).count(), 2, "{t:?}");
        assert_eq!(t.iter().filter(|t| *t == "waiting").count(), 1, "{t:?}");
        assert!(!out.contains("NaN") && !out.contains("inf"));
    }

    #[test]
    fn whiskers_show_the_clocks_error_only_where_it_matters() {
        let tight = [row(Activation::Silu, BarValue::Measured { ns: 5.0, bound: 0.0 }, BarValue::Pending)];
        let loose = [row(Activation::Silu, BarValue::Measured { ns: 5.0, bound: 0.3 }, BarValue::Pending)];
        // Polylines in the ink colour (the grid and axes are greys).
        let lines = |out: &str| out.split("<polyline").skip(1).filter(|p| p.split("/>").next().unwrap_or("").contains("#282828")).count();
        let (a, _) = svg(&tight, false);
        let (b, _) = svg(&loose, false);
        assert_eq!((lines(&a), lines(&b)), (0, 3), "a bar and two caps");
    }

    #[test]
    fn superscripts() {
        assert_eq!(pow10_label(-1.0), "10⁻¹");
        assert_eq!(pow10_label(12.0), "10¹²");
        assert_eq!(pow10_label(0.5), "");
    }
}
