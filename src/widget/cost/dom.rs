//! The `cost` widget in the page: the benchmark run in slices by the shell's frame loop, the "measure again" button, the browser's name, the bar chart, the key ratio, the clock's verdict.

use plotters::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{Element, Event, HtmlCanvasElement};

use super::chart::{css_height, draw_cost, CostView};
use super::{model, CostParams};
use crate::activation::ALL;
use crate::cost::{Bench, ClockVerdict, INPUTS, INPUT_RANGE, MIN_RUN_MS};
use crate::i18n::{fmt_num, t, tf, Lang};
use crate::web::dom::{canvas_backend, find, fit_canvas, window};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// The seed of the inputs every bar is timed on.
const SEED: u64 = 1;

/// The widget's state: its params, the benchmark in progress and DOM handles.
pub struct Cost {
    params: CostParams,
    bench: Bench,
    root: Element,
    canvas: HtmlCanvasElement,
    key: Element,
    big: Element,
    sentence: Element,
    status: Element,
    progress: Element,
    clock: Element,
    browser: Element,
    how: Element,
    /// The browser's short name, from `navigator.userAgent`.
    ua_name: Option<String>,
}

/// Finds the widget's elements and asks for the button's clicks.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let again: Element = find(root, "button.again")?;
    bind.on(&again, "click", "again");
    let ua = window()?.navigator().user_agent().unwrap_or_default();
    let params = CostParams::default();
    Ok(Box::new(Cost {
        bench: Bench::new(&ALL, params.runs, SEED),
        params,
        root: root.clone(),
        canvas: find(root, "canvas")?,
        key: find(root, ".key-number")?,
        big: find(root, ".key-number .big")?,
        sentence: find(root, ".key-number .sentence")?,
        status: find(root, ".status")?,
        progress: find(root, "progress")?,
        clock: find(root, ".clock")?,
        browser: find(root, ".browser")?,
        how: find(root, ".how")?,
        ua_name: model::browser(&ua),
    }))
}

impl Cost {
    /// Throws away the results and starts over (from the clock probe).
    fn restart(&mut self) {
        self.bench = Bench::new(&ALL, self.params.runs, SEED);
    }

    /// The `data-state` of the section: what the tests wait for.
    fn state(&self) -> &'static str {
        match (self.bench.done(), self.bench.verdict()) {
            (true, ClockVerdict::Tick(_)) => "done",
            (true, _) => "unmeasurable",
            (false, _) if !self.bench.started() => "waiting",
            _ => "measuring",
        }
    }

    fn fill_text(&self, lang: Lang, key: &model::Key) -> Result<(), JsValue> {
        set_text(&self.big, key.big.as_deref().unwrap_or(""));
        set_text(&self.sentence, &key.sentence);
        // A live region: rewritten only when it says something new.
        set_text(&self.status, &model::status(&self.bench, lang));
        self.progress.set_attribute("value", &format!("{:.3}", self.bench.progress()))?;
        match model::clock_note(&self.bench, lang) {
            Some((note, warn)) => {
                set_text(&self.clock, &note);
                self.clock.set_class_name(if warn { "clock notice" } else { "clock note" });
            }
            None => {
                self.clock.set_text_content(None);
                self.clock.set_class_name("clock note");
            }
        }
        Ok(())
    }
}

/// Sets an element's text unless it already says exactly that.
fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

impl Widget for Cost {
    type P = CostParams;

    fn params(&self) -> &CostParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut CostParams {
        &mut self.params
    }

    /// A new number of runs starts a new measurement; the axis only redraws.
    fn changed(&mut self, rebuild: bool) {
        if rebuild && self.bench.runs() != self.params.runs.max(1) {
            self.restart();
        }
    }

    fn running(&self) -> bool {
        !self.bench.done()
    }

    /// Measures for about `budget_ms`; redraws when a run was filed or the clock judged.
    fn step(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty {
        let before = (self.bench.runs_completed(), self.bench.verdict(), self.bench.started());
        self.bench.advance(budget_ms, &mut || now());
        if (self.bench.runs_completed(), self.bench.verdict(), self.bench.started()) != before {
            Dirty::DRAW
        } else {
            Dirty::NONE
        }
    }

    fn handle(&mut self, action: &str, _event: &Event) -> Dirty {
        if action == "again" {
            self.restart();
            return Dirty::DRAW;
        }
        Dirty::NONE
    }

    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        let name = self.ua_name.clone().unwrap_or_else(|| t(lang, "cost.browser_unknown").to_string());
        self.browser.set_text_content(Some(&tf(lang, "cost.browser", &[("browser", &name)])));
        self.how.set_text_content(Some(&tf(
            lang,
            "cost.how",
            &[
                ("inputs", &INPUTS.to_string()),
                ("range", &fmt_num(INPUT_RANGE, 0)),
                ("ms", &fmt_num(MIN_RUN_MS, 0)),
            ],
        )));
        Ok(())
    }

    /// Draws the bars at device-pixel resolution, the key ratio and the notes,
    /// and records what was drawn in `data-` attributes.
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let rows = model::rows(&self.bench, cx.lang);
        let css_w = cx.width.max(200.0);
        let css_h = css_height(rows.len());
        fit_canvas(&self.canvas, css_w, css_h, cx.dpr)?;
        let backend = canvas_backend(&self.canvas, cx.lang)?;
        let view = CostView {
            rows: &rows,
            log: self.params.log,
            scale: cx.dpr,
            axis_label: t(cx.lang, "cost.axis"),
            unmeasurable: t(cx.lang, "cost.unmeasurable"),
            pending: t(cx.lang, "cost.pending"),
        };
        let drawn = draw_cost(&backend.into_drawing_area(), &view).map_err(|e| JsValue::from_str(&e))?;

        let key = model::key(&self.bench, cx.lang);
        self.fill_text(cx.lang, &key)?;
        self.canvas.set_attribute("aria-label", &tf(cx.lang, "cost.canvas_label", &[("key", &key.sentence)]))?;
        let r = &self.root;
        r.set_attribute("data-state", self.state())?;
        r.set_attribute("data-bars", &drawn.bars.to_string())?;
        r.set_attribute("data-rows", &drawn.rows.to_string())?;
        r.set_attribute("data-axis", if self.params.log { "log" } else { "linear" })?;
        if self.bench.done() {
            r.set_attribute("data-cost", &model::report_json(&self.bench))?;
        } else {
            r.remove_attribute("data-cost")?;
        }
        self.key.set_attribute("data-ratio", &key.big.unwrap_or_default())?;
        Ok(())
    }
}
