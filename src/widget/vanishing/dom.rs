//! The `vanishing` widget in the page: the canvas, the key number and its sentence, the training status, and the "show the math" table, trained a few steps per frame while `train` is on.

use plotters::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{Element, Event, HtmlCanvasElement};

use super::chart::{draw, heat_rgba, Frame};
use super::model::{Model, View};
use super::{chart_labels, fmt_sci, math_total, sentence, slopes_sentence, status, VanishingParams};
use crate::i18n::{fmt_num, t, Lang};
use crate::web::dom::{canvas_backend, context2d, element, find, fit_canvas, put_rgba};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// Most training steps in one frame: few enough that the reader can watch
/// the gradients change (about 300 steps a second; a ReLU network learns
/// the task in one or two seconds at the default rate), while a big network
/// stops earlier, at the frame's budget.
const MAX_STEPS_PER_FRAME: usize = 5;

/// The widget's state: its params, the model (built on demand), the last
/// measured view, and the elements it writes.
pub struct Vanishing {
    params: VanishingParams,
    model: Option<Model>,
    view: Option<View>,
    /// Milliseconds the last measurement took (to leave room for it in the budget).
    view_ms: f64,
    root: Element,
    canvas: HtmlCanvasElement,
    key: Element,
    sentence: Element,
    slopes: Element,
    status: Element,
    math: Element,
    math_body: Element,
    math_total: Element,
}

/// Finds the widget's elements and asks for the math panel's toggle.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let math: Element = find(root, "details.math")?;
    bind.on(&math, "toggle", "math");
    Ok(Box::new(Vanishing {
        params: VanishingParams::default(),
        model: None,
        view: None,
        view_ms: 0.0,
        canvas: find(root, "canvas")?,
        key: find(root, ".key-number .big")?,
        sentence: find(root, ".sentence")?,
        slopes: find(root, ".slopes")?,
        status: find(root, ".status")?,
        math_body: find(root, "table.math tbody")?,
        math_total: find(root, ".math-total")?,
        math,
        root: root.clone(),
    }))
}

impl Vanishing {
    /// The model, rebuilt from the params if a structural control changed.
    fn model(&mut self) -> &mut Model {
        let p = &self.params;
        self.model.get_or_insert_with(|| Model::new(p))
    }

    /// The view, measured now if the model changed since the last one.
    fn view(&mut self) -> View {
        if self.view.is_none() || self.model.is_none() {
            let v = self.model().view();
            self.view = Some(v);
        }
        self.view.clone().expect("just measured")
    }

    fn fill_math(&self, v: &View, lang: Lang) -> Result<(), JsValue> {
        self.math_body.set_inner_html("");
        let (mut est, mut measured) = (1.0, Some(1.0));
        // From the output layer back to layer 1, as the gradient travels.
        for r in v.math.iter().rev() {
            est *= r.estimate;
            measured = measured.zip(r.measured).map(|(a, b)| a * b);
            let from = if r.layer == v.depth { t(lang, "vanishing.axis.out").to_string() } else { (r.layer + 1).to_string() };
            let cells = [
                format!("{} ← {from}", r.layer),
                fmt_num(r.rms_slope, 3),
                fmt_num(r.weight_norm, 3),
                fmt_num(r.gain, 3),
                fmt_num(r.estimate, 3),
                r.measured.map_or_else(|| "—".into(), |m| fmt_sci(m, 3)),
                fmt_sci(est, 2),
                measured.map_or_else(|| "—".into(), |m| fmt_sci(m, 2)),
            ];
            let row = element("tr", "")?;
            for (i, c) in cells.iter().enumerate() {
                let cell = element(if i == 0 { "th" } else { "td" }, "")?;
                if i == 0 {
                    cell.set_attribute("scope", "row")?;
                }
                cell.set_text_content(Some(c));
                row.append_child(&cell)?;
            }
            self.math_body.append_child(&row)?;
        }
        self.math_total.set_text_content(Some(&math_total(lang, v)));
        Ok(())
    }

    /// The key number, the sentences, the status and (when open) the math.
    fn fill_text(&self, v: &View, lang: Lang) -> Result<(), JsValue> {
        let key = v.ratio.map_or_else(|| "—".to_string(), |r| fmt_sci(r, 2));
        self.key.set_text_content(Some(&key));
        // The raw number, for tests and for anyone reading the page's data.
        self.key.set_attribute("data-value", &v.ratio.map_or_else(String::new, |r| format!("{r:e}")))?;
        let said = sentence(lang, v);
        self.sentence.set_text_content(Some(&said));
        self.slopes.set_text_content(Some(&slopes_sentence(lang, v)));
        self.status.set_text_content(Some(&status(lang, v, self.params.train)));
        self.status.set_class_name(if v.diverged.is_some() { "status notice" } else { "status" });
        let training = match (v.diverged, self.params.train) {
            (Some(_), _) => "diverged",
            (None, true) => "running",
            (None, false) => "off",
        };
        self.root.set_attribute("data-training", training)?;
        self.root.set_attribute("data-step", &v.step.to_string())?;
        self.canvas.set_attribute("aria-label", &format!("{} {said}", t(lang, "vanishing.canvas_label")))?;
        if self.math.has_attribute("open") {
            self.fill_math(v, lang)?;
        }
        Ok(())
    }
}

impl Widget for Vanishing {
    type P = VanishingParams;

    fn params(&self) -> &VanishingParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut VanishingParams {
        &mut self.params
    }

    /// Structural changes drop the model (rebuilt at the next draw); the
    /// learning rate goes to the running model and the train toggle starts
    /// or stops the steps, except after a divergence, where either starts
    /// again from the initial network (see `Model::hot_change`).
    fn changed(&mut self, rebuild: bool) {
        if rebuild {
            self.model = None;
            self.view = None;
        } else if let Some(m) = self.model.as_mut() {
            if m.hot_change(&self.params) {
                self.view = None;
            }
        }
    }

    fn running(&self) -> bool {
        self.params.train && self.model.as_ref().is_none_or(|m| m.diverged().is_none())
    }

    /// Trains as many steps as fit in the budget (at least one), leaving
    /// room for measuring the gradients once afterwards.
    fn step(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty {
        let start = now();
        let room = budget_ms - self.view_ms;
        let lr = self.params.lr;
        let model = self.model();
        model.set_lr(lr);
        let mut steps = 0;
        while steps < MAX_STEPS_PER_FRAME {
            if model.train(1) == 0 {
                break;
            }
            steps += 1;
            let per_step = (now() - start) / steps as f64;
            if now() - start + per_step > room {
                break;
            }
        }
        let t0 = now();
        self.view = Some(self.model().view());
        self.view_ms = now() - t0;
        Dirty::DRAW
    }

    fn handle(&mut self, action: &str, _event: &Event) -> Dirty {
        match action {
            "math" => Dirty::DRAW,
            _ => Dirty::NONE,
        }
    }

    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        self.canvas.set_attribute("aria-label", t(lang, "vanishing.canvas_label"))
    }

    fn status(&self) -> Option<String> {
        self.model.as_ref()?.diverged().map(|n| format!("diverged at step {n}"))
    }

    /// Draws the chart at device-pixel resolution and writes the text around it.
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let view = self.view();
        let css_w = cx.width.max(200.0);
        let css_h = (css_w * 0.72).clamp(420.0, 760.0);
        fit_canvas(&self.canvas, css_w, css_h, cx.dpr)?;
        let backend = canvas_backend(&self.canvas, cx.lang)?;
        let root = backend.into_drawing_area();
        let frame = Frame { view: &view, scale: cx.dpr, labels: chart_labels(cx.lang, &view) };
        let rect = draw(&root, &frame).map_err(|e| JsValue::from_str(&e))?;
        drop(root);
        // The heat strip's cells, one pixel buffer put where the chart left room.
        let pixels = heat_rgba(&view, rect.w, rect.h);
        put_rgba(&context2d(&self.canvas)?, &pixels, rect.w, rect.h, (rect.x as f64, rect.y as f64))?;
        self.fill_text(&view, cx.lang)
    }
}
