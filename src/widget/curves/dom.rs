//! The `curves` widget in the page: the canvas with its pointer and keyboard readout, and the property table.

use plotters::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlCanvasElement, HtmlElement, KeyboardEvent, PointerEvent};

use super::chart::{draw_curves, CurvesView};
use super::{formula, saturation, slope_where, CurvesParams};
use crate::activation::{Activation, ALL};
use crate::chart::{css_colour, PlotMap};
use crate::i18n::{activation_label, fmt_num, fmt_range, t, tf, Lang};
use crate::web::dom::{canvas_backend, element, find, fit_canvas};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// The widget's state: its params, DOM handles and the readout position.
pub struct Curves {
    params: CurvesParams,
    canvas: HtmlCanvasElement,
    readout: Element,
    table_body: Element,
    /// The readout's x, set by pointer, touch or keyboard.
    hover: Option<f64>,
    /// From the last draw: where the x-axis is, in canvas pixels.
    map: Option<PlotMap>,
    dpr: f64,
}

/// Finds the widget's elements and asks for its pointer and keyboard events.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let canvas: HtmlCanvasElement = find(root, "canvas")?;
    bind.on(&canvas, "pointermove", "hover");
    bind.on(&canvas, "pointerdown", "hover");
    bind.on(&canvas, "keydown", "key");
    Ok(Box::new(Curves {
        params: CurvesParams::default(),
        readout: find(root, ".readout")?,
        table_body: find(root, "table.props tbody")?,
        canvas,
        hover: None,
        map: None,
        dpr: 1.0,
    }))
}

impl Curves {
    /// The readout x for a key press, if the key moves it.
    fn key_x(&self, k: &KeyboardEvent) -> Option<f64> {
        let range = self.params.range;
        let step = range / if k.shift_key() { 10.0 } else { 100.0 };
        let x = self.hover.unwrap_or(0.0);
        match k.key().as_str() {
            "ArrowLeft" => Some((x - step).max(-range)),
            "ArrowRight" => Some((x + step).min(range)),
            "Home" => Some(-range),
            "End" => Some(range),
            _ => None,
        }
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

impl Widget for Curves {
    type P = CurvesParams;

    fn params(&self) -> &CurvesParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut CurvesParams {
        &mut self.params
    }

    fn changed(&mut self, _rebuild: bool) {
        self.hover = self.hover.map(|x| x.clamp(-self.params.range, self.params.range));
    }

    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        let x = match action {
            "hover" => event.dyn_ref::<PointerEvent>().and_then(|p| self.map.map(|m| m.x_at(p.offset_x() as f64 * self.dpr))),
            "key" => {
                let x = event.dyn_ref::<KeyboardEvent>().and_then(|k| self.key_x(k));
                if x.is_some() {
                    event.prevent_default();
                }
                x
            }
            _ => None,
        };
        match x {
            Some(x) => {
                self.hover = Some(x);
                Dirty::DRAW
            }
            None => Dirty::NONE,
        }
    }

    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        self.canvas.set_attribute("aria-label", t(lang, "curves.canvas_label"))?;
        self.table_body.set_inner_html("");
        for a in ALL {
            let p = a.properties();
            let row = element("tr", "")?;
            let cells = [
                activation_label(lang, a).to_string(),
                formula(a),
                fmt_range(p.range, p.range_closed),
                t(lang, if p.zero_centred { "curves.yes" } else { "curves.no" }).to_string(),
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

    /// Draws the chart at device-pixel resolution and fills the readout.
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let css_w = cx.width.max(200.0);
        let css_h = (css_w * 0.8).clamp(440.0, 720.0);
        fit_canvas(&self.canvas, css_w, css_h, cx.dpr)?;
        self.dpr = cx.dpr;
        let shown: Vec<Activation> = self.params.shown().collect();
        let backend = canvas_backend(&self.canvas, cx.lang)?;
        let root = backend.into_drawing_area();
        let view = CurvesView {
            shown: &shown,
            range: self.params.range,
            hover: self.hover,
            scale: cx.dpr,
            f_label: t(cx.lang, "curves.panel_f"),
            df_label: t(cx.lang, "curves.panel_df"),
            sigmoid_peak_label: t(cx.lang, "curves.sigmoid_peak"),
        };
        self.map = Some(draw_curves(&root, &view).map_err(|e| JsValue::from_str(&e))?);
        self.fill_readout(&shown, cx.lang)
    }
}
