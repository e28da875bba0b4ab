//! The `zigzag` widget in the page: the contours put on the canvas with one `put_image_data`, the path replayed step by step, the start dragged by pointer, the steps for both kinds of input in text, and a reset.

use plotters::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlCanvasElement, PointerEvent};

use super::chart::{draw, Labels};
use super::model::{compute, Outcome, View};
use super::{ZigzagParams, WINDOW};
use crate::chart::heatmap::PlaneMap;
use crate::i18n::{t, tf, Lang};
use crate::web::dom::{canvas_backend, context2d, document, find, fit_canvas, put_square};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// Frames a replay of the whole path takes (about a second and a half).
const REPLAY_FRAMES: usize = 90;

/// The widget's state: params, DOM handles, the view last computed, the replay and the drag.
pub struct Zigzag {
    params: ZigzagParams,
    canvas: HtmlCanvasElement,
    /// The contour pixels at grid resolution, stretched onto the canvas.
    image: HtmlCanvasElement,
    key_value: Element,
    compare_text: Element,
    sign_text: Element,
    view: Option<(ZigzagParams, View)>,
    /// Steps of the path drawn so far (the replay's position).
    shown: usize,
    map: Option<PlaneMap>,
    dragging: bool,
    dpr: f64,
}

/// Finds the widget's elements and asks for its pointer events and the reset button.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let canvas: HtmlCanvasElement = find(root, "canvas.field")?;
    for (event, action) in
        [("pointerdown", "down"), ("pointermove", "move"), ("pointerup", "up"), ("pointercancel", "up")]
    {
        bind.on(&canvas, event, action);
    }
    let reset: Element = find(root, "button.reset")?;
    bind.on(&reset, "click", "reset");
    let image: HtmlCanvasElement = document()?.create_element("canvas")?.dyn_into()?;
    Ok(Box::new(Zigzag {
        params: ZigzagParams::default(),
        key_value: find(root, ".key-value")?,
        compare_text: find(root, ".compare-text")?,
        sign_text: find(root, ".sign-text")?,
        canvas,
        image,
        view: None,
        shown: 0,
        map: None,
        dragging: false,
        dpr: 1.0,
    }))
}

/// An outcome in words.
fn outcome(lang: Lang, o: Outcome, steps: usize) -> String {
    match o {
        Outcome::Reached(n) => tf(lang, "zigzag.reached", &[("n", &n.to_string())]),
        Outcome::Diverged(n) => tf(lang, "zigzag.diverged", &[("n", &n.to_string())]),
        Outcome::NotYet => tf(lang, "zigzag.not_reached", &[("n", &steps.to_string())]),
    }
}

/// An outcome for the page's tests: `12`, `diverged:4` or `none`.
fn outcome_attr(o: Outcome) -> String {
    match o {
        Outcome::Reached(n) => n.to_string(),
        Outcome::Diverged(n) => format!("diverged:{n}"),
        Outcome::NotYet => "none".into(),
    }
}

impl Zigzag {
    /// The view for the current params (recomputed when they changed).
    fn update(&mut self) {
        if self.view.as_ref().is_none_or(|(p, _)| *p != self.params) {
            self.view = Some((self.params.clone(), compute(&self.params)));
        }
    }

    fn path_steps(&self) -> usize {
        self.view.as_ref().map_or(0, |(_, v)| v.run.path.len() - 1)
    }

    /// Puts the start at the pointer (on the slider's 0.01 grid).
    fn move_start(&mut self, p: &PointerEvent) -> Dirty {
        let Some(m) = self.map else { return Dirty::NONE };
        let at = m.to_data(p.offset_x() as f64 * self.dpr, p.offset_y() as f64 * self.dpr);
        let at = at.map(|x| ((x * 100.0).round() / 100.0).clamp(-WINDOW, WINDOW));
        if at == self.params.start {
            return Dirty::NONE;
        }
        self.params.start = at;
        // While dragging, the whole path follows at once.
        self.shown = usize::MAX;
        Dirty::DRAW | Dirty::URL | Dirty::CONTROLS
    }

    fn write_text(&self, lang: Lang, v: &View) -> Result<(), JsValue> {
        let chosen = v.run.outcome;
        let value = match chosen {
            Outcome::Reached(n) => n.to_string(),
            Outcome::Diverged(_) => "∞".into(),
            Outcome::NotYet => format!("> {}", v.steps),
        };
        self.key_value.set_text_content(Some(&value));
        self.key_value.set_attribute("data-value", &outcome_attr(chosen))?;
        let (pos, cen) = (outcome(lang, v.positive, v.steps), outcome(lang, v.centred, v.steps));
        self.compare_text.set_text_content(Some(&tf(lang, "zigzag.compare", &[("positive", &pos), ("centred", &cen)])));
        self.compare_text.set_attribute("data-positive", &outcome_attr(v.positive))?;
        self.compare_text.set_attribute("data-centred", &outcome_attr(v.centred))?;
        let (same, steps) = (v.run.same_sign_steps().to_string(), v.run.same_sign.len().to_string());
        let mut sign = tf(lang, "zigzag.same_sign", &[("same", &same), ("steps", &steps)]);
        if let Outcome::Diverged(n) = chosen {
            sign = format!("{} {sign}", tf(lang, "zigzag.diverged_banner", &[("n", &n.to_string())]));
        }
        self.sign_text.set_text_content(Some(&sign));
        self.sign_text.set_class_name(if matches!(chosen, Outcome::Diverged(_)) { "sign-text diverged" } else { "sign-text" });
        let alt = tf(lang, "zigzag.alt", &[("outcome", &outcome(lang, chosen, v.steps)), ("same", &same), ("steps", &steps)]);
        self.canvas.set_attribute("aria-label", &format!("{} {alt}", t(lang, "zigzag.canvas_label")))?;
        Ok(())
    }
}

impl Widget for Zigzag {
    type P = ZigzagParams;

    fn params(&self) -> &ZigzagParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut ZigzagParams {
        &mut self.params
    }

    /// A change from a control or the address replays the path from its start.
    fn changed(&mut self, _rebuild: bool) {
        self.shown = 0;
    }

    fn running(&self) -> bool {
        self.shown < self.path_steps()
    }

    /// One frame of the replay: a slice of the path, the whole of it in about `REPLAY_FRAMES` frames.
    fn step(&mut self, _budget_ms: f64, _now: &dyn Fn() -> f64) -> Dirty {
        let total = self.path_steps();
        if self.shown >= total {
            return Dirty::NONE;
        }
        self.shown = (self.shown + total.div_ceil(REPLAY_FRAMES).max(1)).min(total);
        Dirty::DRAW
    }

    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        if action == "reset" {
            self.params = ZigzagParams::default();
            self.shown = 0;
            return Dirty::DRAW | Dirty::URL | Dirty::CONTROLS;
        }
        let Some(p) = event.dyn_ref::<PointerEvent>() else { return Dirty::NONE };
        match action {
            "down" => {
                let Some(m) = self.map else { return Dirty::NONE };
                let (px, py) = (p.offset_x() as f64 * self.dpr, p.offset_y() as f64 * self.dpr);
                if px < m.left as f64 || px > m.right as f64 || py < m.top as f64 || py > m.bottom as f64 {
                    return Dirty::NONE;
                }
                self.dragging = true;
                let _ = self.canvas.set_pointer_capture(p.pointer_id());
                event.prevent_default();
                self.move_start(p)
            }
            "move" if self.dragging => self.move_start(p),
            "move" => Dirty::NONE,
            _ => {
                self.dragging = false;
                Dirty::NONE
            }
        }
    }

    /// Draws the contours, the path replayed so far and the strip, then the text.
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let css_w = cx.width.max(200.0);
        let css_h = (css_w * 0.9).clamp(320.0, 700.0);
        fit_canvas(&self.canvas, css_w, css_h, cx.dpr)?;
        self.dpr = cx.dpr;
        let lang = cx.lang;
        self.update();
        let Some((_, view)) = self.view.as_ref() else { return Ok(()) };
        let side = view.side as u32;
        put_square(&self.image, &view.rgba, side)?;
        let ctx = context2d(&self.canvas)?;
        let backend = canvas_backend(&self.canvas, lang)?;
        let root = backend.into_drawing_area();
        let banner = match view.run.outcome {
            Outcome::Diverged(n) if self.shown >= view.run.path.len() - 1 => {
                Some(tf(lang, "zigzag.diverged_banner", &[("n", &n.to_string())]))
            }
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
        let image = &self.image;
        let paint = |m: PlaneMap| {
            let (pw, ph) = m.size();
            ctx.set_image_smoothing_enabled(true);
            ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, m.left as f64, m.top as f64, pw as f64, ph as f64)
                .map_err(|e| format!("{e:?}"))
        };
        let layout = draw(&root, view, &labels, self.shown, cx.dpr, paint).map_err(|e| JsValue::from_str(&e))?;
        self.write_text(lang, view)?;
        self.canvas.set_attribute("data-plane", &layout.plane.attr())?;
        self.map = Some(layout.plane);
        Ok(())
    }
}
