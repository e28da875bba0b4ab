//! The `curves` widget in the page: activation checkboxes, the x-range slider, the canvas with its readout, and the property table.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlInputElement};

use super::dom::{element, find, window};
use crate::activation::{Activation, ALL};
use crate::chart::curves::{draw_curves, CurvesView};
use crate::chart::{css_colour, PlotMap};
use crate::i18n::{activation_label, fmt_num, fmt_range, saturation, slope_where, t, tf, Lang};
use crate::params::{CurvesParams, RANGE};

pub const ID: &str = "curves";

/// The widget's DOM handles and view state (hover) beside the URL state it draws.
pub struct Curves {
    pub root: Element,
    canvas: HtmlCanvasElement,
    pub boxes: Vec<HtmlInputElement>,
    pub range_input: HtmlInputElement,
    range_output: Element,
    readout: Element,
    table_body: Element,
    /// The readout's x, set by pointer, touch or keyboard.
    pub hover: Option<f64>,
    /// From the last draw: where the x-axis is, in canvas pixels.
    map: Option<PlotMap>,
    dpr: f64,
}

/// The formula column of the table (notation, the same in both languages).
fn formula(a: Activation) -> String {
    match a {
        Activation::Identity => "x".into(),
        Activation::Sigmoid => "1 / (1 + e⁻ˣ)".into(),
        Activation::Tanh => "(eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)".into(),
        Activation::Relu => "max(0, x)".into(),
        Activation::LeakyRelu(al) => format!("x > 0 ? x : {}·x", fmt_num(al, 3)),
        Activation::Softplus => "ln(1 + eˣ)".into(),
        Activation::Elu(al) => format!("x > 0 ? x : {}·(eˣ − 1)", fmt_num(al, 3)),
        Activation::Gelu => "x · Φ(x)".into(),
        Activation::Silu => "x · σ(x)".into(),
    }
}

impl Curves {
    /// Finds the widget's elements and builds the checkbox list (one per activation).
    pub fn new(root: Element) -> Result<Curves, JsValue> {
        let list: Element = find(&root, ".act-list")?;
        let mut boxes = Vec::new();
        for a in ALL {
            let label = element("label", "act")?;
            let input: HtmlInputElement = element("input", "")?.dyn_into()?;
            input.set_type("checkbox");
            input.set_name("act");
            input.set_value(a.name());
            let swatch: HtmlElement = element("span", "swatch")?.dyn_into()?;
            swatch.style().set_property("background", &css_colour(a))?;
            let text = element("span", "")?;
            text.set_attribute("data-i18n", &format!("act.{}", a.name()))?;
            label.append_child(&input)?;
            label.append_child(&swatch)?;
            label.append_child(&text)?;
            list.append_child(&label)?;
            boxes.push(input);
        }
        let range_input: HtmlInputElement = find(&root, "input[name=range]")?;
        range_input.set_min(&RANGE.min.to_string());
        range_input.set_max(&RANGE.max.to_string());
        Ok(Curves {
            canvas: find(&root, "canvas")?,
            range_output: find(&root, "output.range-value")?,
            readout: find(&root, ".readout")?,
            table_body: find(&root, "table.props tbody")?,
            boxes,
            range_input,
            root,
            hover: None,
            map: None,
            dpr: 1.0,
        })
    }

    /// Puts the controls in the state of `p` (after URL parsing or a reset).
    pub fn sync_controls(&self, p: &CurvesParams) {
        for (b, on) in self.boxes.iter().zip(p.shown) {
            b.set_checked(on);
        }
        self.range_input.set_value(&p.range.to_string());
        self.range_output.set_text_content(Some(&fmt_num(p.range, 2)));
    }

    /// Rebuilds the language-dependent parts that are not plain `data-i18n` text.
    pub fn translate(&self, lang: Lang) -> Result<(), JsValue> {
        self.canvas.set_attribute("aria-label", t(lang, "curves.canvas_label"))?;
        self.table_body.set_inner_html("");
        for a in ALL {
            let p = a.properties();
            let row = element("tr", "")?;
            let cells = [
                activation_label(lang, a).to_string(),
                formula(a),
                fmt_range(p.range, p.range_closed),
                t(lang, if p.zero_centred { "yes" } else { "no" }).to_string(),
                fmt_num(p.max_slope, 4),
                slope_where(lang, p.max_slope_where, p.max_slope_at),
                saturation(lang, p.saturation).to_string(),
            ];
            for (i, c) in cells.iter().enumerate() {
                let cell = element(if i == 0 { "th" } else { "td" }, "")?;
                if i == 0 {
                    cell.set_attribute("scope", "row")?;
                }
                cell.set_text_content(Some(c));
                row.append_child(&cell)?;
            }
            self.table_body.append_child(&row)?;
        }
        Ok(())
    }

    /// Maps a pointer position (CSS pixels from the canvas' left edge) to x.
    pub fn x_at_css(&self, css_x: f64) -> Option<f64> {
        self.map.map(|m| m.x_at(css_x * self.dpr))
    }

    /// Draws the chart at device-pixel resolution and fills the readout.
    pub fn draw(&mut self, p: &CurvesParams, lang: Lang) -> Result<(), JsValue> {
        let dpr = window()?.device_pixel_ratio().clamp(1.0, 4.0);
        let css_w = self.canvas.get_bounding_client_rect().width().max(200.0);
        let css_h = (css_w * 0.8).clamp(440.0, 720.0);
        self.canvas.style().set_property("height", &format!("{css_h}px"))?;
        let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        self.dpr = dpr;
        let shown: Vec<Activation> = p.shown().collect();
        let backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| JsValue::from_str(t(lang, "error.no_canvas")))?;
        let root = backend.into_drawing_area();
        let view = CurvesView {
            shown: &shown,
            range: p.range,
            hover: self.hover,
            scale: dpr,
            f_label: t(lang, "curves.panel_f"),
            df_label: t(lang, "curves.panel_df"),
            sigmoid_peak_label: t(lang, "curves.sigmoid_peak"),
        };
        self.map = Some(draw_curves(&root, &view).map_err(|e| JsValue::from_str(&e))?);
        self.fill_readout(&shown, lang)
    }

    fn fill_readout(&self, shown: &[Activation], lang: Lang) -> Result<(), JsValue> {
        self.readout.set_inner_html("");
        if shown.is_empty() {
            self.readout.set_text_content(Some(t(lang, "curves.none")));
            return Ok(());
        }
        let Some(x) = self.hover else { return Ok(()) };
        let head = element("p", "readout-x")?;
        head.set_text_content(Some(&tf(lang, "curves.readout_x", &[("x", &fmt_num(x, 4))])));
        self.readout.append_child(&head)?;
        let list = element("ul", "")?;
        for a in shown {
            let item: HtmlElement = element("li", "")?.dyn_into()?;
            item.style().set_property("border-left-color", &css_colour(*a))?;
            item.set_text_content(Some(&format!(
                "{}: f = {}, f′ = {}",
                activation_label(lang, *a),
                fmt_num(a.f(x), 5),
                fmt_num(a.df(x), 5)
            )));
            list.append_child(&item)?;
        }
        self.readout.append_child(&list)?;
        Ok(())
    }
}
