//! The `dead-relu` widget in the page: play, pause, one step, reset and the presets; training a few steps per frame within the shell's budget; the canvas, the key sentence and the presets' stories.

use plotters::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlCanvasElement};

use super::chart::{draw, draw_marks, grid_rgba, wide, Labels, View};
use super::model::{Outcomes, Run, HORIZON};
use super::{key_parts, key_sentence, silent_sentence, story, DeadReluParams, PRESETS};
use crate::i18n::{fmt_num, t, tf, Lang};
use crate::web::dom::{canvas_backend, context2d, find, fit_canvas, put_rgba};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// Training steps per frame while playing: about 600 a second, slow enough
/// to watch units die, fast enough that a preset's 1000 steps take under two seconds.
const STEPS_PER_FRAME: u64 = 10;
/// Steps per slice of the presets' background computation.
const OUTCOME_SLICE: u64 = 50;

/// The widget's state: its params, the run it shows, the presets' outcomes, DOM handles.
pub struct DeadRelu {
    params: DeadReluParams,
    run: Run,
    outcomes: Outcomes,
    playing: bool,
    /// A preset trains up to here, then pauses.
    stop_at: Option<u64>,
    root: Element,
    canvas: HtmlCanvasElement,
    play: Element,
    status: Element,
    /// The key number in large type, and the rest of its sentence.
    key: Element,
    key_rest: Element,
    silent: Element,
    alert: Element,
    /// Per preset: its button and the element holding its story.
    presets: Vec<(Element, Element)>,
    /// Stories written so far, and in which language.
    stories: (usize, Option<Lang>),
}

/// Finds the widget's elements and asks for its button clicks.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let play: Element = find(root, "button.play")?;
    bind.on(&play, "click", "play");
    for (selector, action) in [("button.step", "step"), ("button.reset", "reset")] {
        let button: Element = find(root, selector)?;
        bind.on(&button, "click", action);
    }
    let mut presets = Vec::new();
    for p in &PRESETS {
        let button: Element = find(root, &format!("button[data-preset=\"{}\"]", p.name))?;
        bind.on(&button, "click", "preset");
        let story: Element = find(root, &format!(".story[data-for=\"{}\"]", p.name))?;
        presets.push((button, story));
    }
    // The key number in large type beside the figure, the rest of its
    // sentence after it (the page's paragraph comes empty).
    let key_p: Element = find(root, ".key-number")?;
    key_p.set_inner_html(r#"<strong class="big"></strong> <span class="sentence"></span>"#);
    let key = find(&key_p, ".big")?;
    let key_rest = find(&key_p, ".sentence")?;
    let params = DeadReluParams::default();
    Ok(Box::new(DeadRelu {
        run: Run::new(&params),
        outcomes: Outcomes::new(PRESETS.iter().map(|p| p.params.clone())),
        params,
        playing: false,
        stop_at: None,
        canvas: find(root, "canvas")?,
        status: find(root, ".status")?,
        key,
        key_rest,
        silent: find(root, ".key-silent")?,
        alert: find(root, ".diverged")?,
        root: root.clone(),
        play,
        presets,
        stories: (0, None),
    }))
}

impl DeadRelu {
    fn restart(&mut self) {
        self.run = Run::new(&self.params);
        self.stop_at = None;
    }

    /// Writes the stories that are ready (and not yet written in `lang`),
    /// and puts each preset's dead share on its button for the tests.
    fn write_stories(&mut self, lang: Lang) -> Result<(), JsValue> {
        let done = &self.outcomes.done;
        if self.stories == (done.len(), Some(lang)) {
            return Ok(());
        }
        for (i, (button, el)) in self.presets.iter().enumerate() {
            match (story(lang, i, done), done.get(i)) {
                (Some(s), Some(o)) => {
                    el.set_text_content(Some(&s));
                    button.set_attribute("data-dead", &o.dead.to_string())?;
                }
                _ => el.set_text_content(Some(t(lang, "dead-relu.computing"))),
            }
        }
        if self.outcomes.finished() {
            self.root.set_attribute("data-presets", "ready")?;
        }
        self.stories = (done.len(), Some(lang));
        Ok(())
    }
}

impl Widget for DeadRelu {
    type P = DeadReluParams;

    fn params(&self) -> &DeadReluParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut DeadReluParams {
        &mut self.params
    }

    /// A structural change starts a new run (playing on if it was); the
    /// learning rate and the optimiser take effect on the next step.
    fn changed(&mut self, rebuild: bool) {
        if rebuild {
            self.restart();
        } else {
            self.run.set_lr(self.params.lr);
            self.run.set_rule(self.params.opt);
            self.stop_at = None;
        }
    }

    fn running(&self) -> bool {
        (self.playing && self.run.diverged().is_none()) || !self.outcomes.finished()
    }

    /// While playing, up to [`STEPS_PER_FRAME`] steps and one measurement;
    /// then, with what is left of the budget, the presets' outcomes.
    fn step(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty {
        let start = now();
        let mut dirty = Dirty::NONE;
        if self.playing {
            let want = match self.stop_at {
                Some(stop) => STEPS_PER_FRAME.min(stop.saturating_sub(self.run.steps())),
                None => STEPS_PER_FRAME,
            };
            let mut taken = 0;
            while taken < want {
                let t = self.run.train(1);
                taken += t;
                // Keep a third of the budget for measuring and drawing.
                if t == 0 || now() - start > 0.66 * budget_ms {
                    break;
                }
            }
            self.run.observe();
            let stopped = self.stop_at.is_some_and(|s| self.run.steps() >= s);
            if stopped || self.run.diverged().is_some() {
                self.playing = false;
                self.stop_at = None;
            }
            dirty |= Dirty::DRAW;
        }
        if !self.outcomes.finished() {
            let before = self.outcomes.done.len();
            while now() - start < budget_ms && !self.outcomes.work(OUTCOME_SLICE) {}
            if self.outcomes.done.len() > before {
                dirty |= Dirty::DRAW;
            }
        }
        dirty
    }

    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        match action {
            "play" => {
                if self.run.diverged().is_none() {
                    self.playing = !self.playing;
                    self.stop_at = None;
                }
                Dirty::DRAW
            }
            "step" => {
                self.playing = false;
                self.stop_at = None;
                if self.run.train(1) > 0 || self.run.diverged().is_some() {
                    self.run.observe();
                }
                Dirty::DRAW
            }
            "reset" => {
                self.playing = false;
                self.restart();
                Dirty::DRAW
            }
            "preset" => {
                let name = event
                    .current_target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| e.get_attribute("data-preset"));
                let Some(p) = PRESETS.iter().find(|p| Some(p.name) == name.as_deref()) else {
                    return Dirty::NONE;
                };
                self.params = p.params.clone();
                self.restart();
                self.playing = true;
                self.stop_at = Some(HORIZON);
                Dirty::DRAW | Dirty::URL | Dirty::CONTROLS
            }
            _ => Dirty::NONE,
        }
    }

    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        self.stories.1 = None;
        self.write_stories(lang)
    }

    fn status(&self) -> Option<String> {
        self.run.diverged().map(|n| format!("diverged at step {n}"))
    }

    /// Draws the figure at device-pixel resolution, then the sentences and
    /// the state the tests read (`data-step`, `data-dead`, `data-state`).
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let lang = cx.lang;
        let css_w = cx.width.max(200.0);
        let css_h = if wide(css_w) { (css_w * 0.56).clamp(380.0, 620.0) } else { (css_w * 1.7).clamp(640.0, 960.0) };
        fit_canvas(&self.canvas, css_w, css_h, cx.dpr)?;
        let diverged = self.run.diverged();
        let labels = Labels::new(lang, self.run.units.len(), diverged);
        let view =
            View { units: &self.run.units, series: &self.run.series, act: self.params.act, scale: cx.dpr, labels: &labels };
        let rect = {
            let root = canvas_backend(&self.canvas, lang)?.into_drawing_area();
            draw(&root, &view).map_err(|e| JsValue::from_str(&e))?
        };
        // The cells, one pixel buffer put where the chart left room; then the
        // marks (and the diverged veil), which the buffer would otherwise cover.
        let pixels = grid_rgba(view.units, rect);
        put_rgba(&context2d(&self.canvas)?, &pixels, rect.w, rect.h, (rect.x as f64, rect.y as f64))?;
        let root = canvas_backend(&self.canvas, lang)?.into_drawing_area();
        draw_marks(&root, &view, rect).map_err(|e| JsValue::from_str(&e))?;
        root.present().map_err(|e| JsValue::from_str(&format!("{e:?}")))?;

        let mut key = key_sentence(lang, &self.run);
        // Rewritten only when it changes: it is a live region, read aloud on change.
        let (big, rest) = key_parts(lang, &self.run);
        if self.key.text_content().as_deref() != Some(big.as_str()) {
            self.key.set_text_content(Some(&big));
        }
        if self.key_rest.text_content().as_deref() != Some(rest.as_str()) {
            self.key_rest.set_text_content(Some(&rest));
        }
        let silent = silent_sentence(lang, &self.run);
        self.silent.set_text_content(silent.as_deref());
        if let Some(s) = silent {
            key = format!("{key} {s}");
        }
        self.canvas.set_attribute("aria-label", &tf(lang, "dead-relu.canvas_label", &[("key", &key)]))?;
        let loss = self.run.loss();
        self.status.set_text_content(Some(&tf(
            lang,
            "dead-relu.status",
            &[
                ("step", &self.run.steps().to_string()),
                ("epoch", &fmt_num(self.run.trainer.epoch(), 4)),
                ("loss", &if loss.is_finite() { fmt_num(loss, 3) } else { "—".into() }),
            ],
        )));
        match diverged {
            Some(step) => {
                self.alert.set_text_content(Some(&tf(lang, "dead-relu.diverged", &[("step", &step.to_string())])));
                self.alert.remove_attribute("hidden")?;
            }
            None => self.alert.set_attribute("hidden", "")?,
        }
        let play_key = if self.playing { "dead-relu.pause" } else { "dead-relu.play" };
        self.play.set_attribute("data-i18n", play_key)?;
        self.play.set_text_content(Some(t(lang, play_key)));
        self.play.set_attribute("aria-pressed", if self.playing { "true" } else { "false" })?;
        let state = match (diverged, self.playing) {
            (Some(_), _) => "diverged",
            (None, true) => "running",
            (None, false) => "paused",
        };
        self.root.set_attribute("data-state", state)?;
        self.root.set_attribute("data-step", &self.run.steps().to_string())?;
        self.root.set_attribute("data-dead", &self.run.dead().to_string())?;
        self.write_stories(lang)
    }
}
