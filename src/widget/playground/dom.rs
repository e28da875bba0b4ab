//! The `playground` widget in the page: the buttons, one plane per network (a 100x100 field canvas stretched by CSS under a points canvas), the gradient and loss charts, the budgeted training in each frame, and points added by clicking.

use plotters::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, Event, HtmlCanvasElement, HtmlElement, MouseEvent};

use super::chart::{draw_log_axes, draw_log_lines, draw_points, paint, grad_lines, layer_legend, loss_lines, LogFrame, LogView, PointsView};
use super::model::{Model, Task, GRID, TARGET_LOSS};
use super::PlaygroundParams;
use crate::chart::scale::Lut;
use crate::chart::{css_colour, palette};
use crate::i18n::{activation_label, fmt_num, sci, t, tf, Lang};
use crate::web::dom::{canvas_backend, context2d, find, fit_canvas, put_rgba};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// Largest plane, in CSS pixels.
const PLANE_MAX: f64 = 440.0;
/// Space between the two columns of compare mode, in CSS pixels (the CSS gap).
const COLUMN_GAP: f64 = 16.0;
/// The narrowest gradient chart put beside a plane, in CSS pixels.
const SIDE_CHART_MIN: f64 = 320.0;

/// An element whose text is set only when it changes (no needless style work per frame).
struct Text {
    el: Element,
    last: String,
}

impl Text {
    fn new(el: Element) -> Text {
        Text { el, last: String::new() }
    }

    fn set(&mut self, s: &str) {
        if self.last != s {
            self.el.set_text_content(Some(s));
            self.last = s.to_string();
        }
    }
}

/// A log chart in two stacked canvases: the axes, redrawn only when the
/// chart's frame (decades, x range), size or language changes, and the
/// lines over them, redrawn when a record is added. Most frames repaint
/// only the lines.
struct LayeredChart {
    axes: HtmlCanvasElement,
    lines: HtmlCanvasElement,
    lines_ctx: CanvasRenderingContext2d,
    frame_at: Option<(LogFrame, u32, u32, Lang)>,
    lines_at: Option<(u64, usize)>,
}

impl LayeredChart {
    fn mount(root: &Element, axes: &str, lines: &str) -> Result<LayeredChart, JsValue> {
        let lines: HtmlCanvasElement = find(root, lines)?;
        Ok(LayeredChart { axes: find(root, axes)?, lines_ctx: context2d(&lines)?, lines, frame_at: None, lines_at: None })
    }

    /// Whether a chart whose records are summed up by `key` needs drawing.
    fn stale(&self, key: (u64, usize), css_w: f64, dpr: f64, lang: Lang) -> bool {
        let w = (css_w * dpr).round() as u32;
        self.lines_at != Some(key) || self.frame_at.is_none_or(|(_, fw, _, fl)| fw != w || fl != lang)
    }

    fn draw(&mut self, view: &LogView, key: (u64, usize), css_w: f64, css_h: f64, dpr: f64, lang: Lang) -> Result<(), JsValue> {
        fit_canvas(&self.axes, css_w, css_h, dpr)?;
        fit_canvas(&self.lines, css_w, css_h, dpr)?;
        let (w, h) = (self.axes.width(), self.axes.height());
        let frame = LogFrame::of(view);
        let err = |e: String| JsValue::from_str(&e);
        let new_frame = self.frame_at != Some((frame, w, h, lang));
        if new_frame {
            let backend = canvas_backend(&self.axes, lang)?;
            draw_log_axes(&backend.into_drawing_area(), view, &frame).map_err(err)?;
            self.frame_at = Some((frame, w, h, lang));
        }
        if new_frame || self.lines_at != Some(key) {
            self.lines_ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
            let backend = canvas_backend(&self.lines, lang)?;
            draw_log_lines(&backend.into_drawing_area(), view, &frame).map_err(err)?;
            self.lines_at = Some(key);
        }
        Ok(())
    }

    fn invalidate(&mut self) {
        self.frame_at = None;
        self.lines_at = None;
    }
}

/// The records of `runs` summed up: changes whenever one is added.
fn records_key<'a>(runs: impl Iterator<Item = &'a super::model::Run>) -> (u64, usize) {
    runs.fold((0, 0), |(s, n), r| (s + r.history().last().map_or(0, |r| r.step), n + r.history().len()))
}

/// An activation's name without its gloss: `sigmoid σ` for `sigmoid σ（S 型函數）`,
/// short enough to label a line's end.
fn short_label(lang: Lang, a: crate::activation::Activation) -> &'static str {
    let full = activation_label(lang, a);
    full.split(['（', '(']).next().unwrap_or(full).trim()
}

/// One network's column: its plane and its gradient chart.
struct Column {
    figure: Element,
    caption: Text,
    plane: HtmlElement,
    field_ctx: CanvasRenderingContext2d,
    points: HtmlCanvasElement,
    grads: LayeredChart,
    empty: Element,
    diverged: Text,
    diverged_box: Element,
    status: Text,
    /// What was last drawn: the model version of the field, the points
    /// version and size of the points layer, the chart's key.
    field_at: Option<u64>,
    points_at: Option<(u64, u64, u32)>,
    plane_css: f64,
    /// The activation colour the figure's rule was last given.
    colour: String,
    /// The plane's text alternative as last set.
    label: String,
}

impl Column {
    fn mount(figure: Element) -> Result<Column, JsValue> {
        let field: HtmlCanvasElement = find(&figure, "canvas.pg-field")?;
        field.set_width(GRID as u32);
        field.set_height(GRID as u32);
        let diverged_box: Element = find(&figure, ".pg-diverged")?;
        Ok(Column {
            caption: Text::new(find(&figure, ".pg-caption")?),
            plane: find(&figure, ".pg-plane")?,
            field_ctx: context2d(&field)?,
            points: find(&figure, "canvas.pg-points")?,
            grads: LayeredChart::mount(&figure, "canvas.pg-grads-axes", "canvas.pg-grads")?,
            empty: find(&figure, ".pg-empty")?,
            diverged: Text::new(diverged_box.clone()),
            diverged_box,
            status: Text::new(find(&figure, ".pg-status")?),
            field_at: None,
            points_at: None,
            plane_css: 0.0,
            colour: String::new(),
            label: String::new(),
            figure,
        })
    }
}

/// The widget's state: params, the model, the play state and the page handles.
pub struct Playground {
    params: PlaygroundParams,
    /// The params the model was last brought in line with.
    built: PlaygroundParams,
    model: Model,
    playing: bool,
    /// Steps owed to the pace (fractions carry over between frames).
    owed: f64,
    /// The class a plain click adds (+1: blue); shift adds the other.
    positive: bool,
    root: Element,
    columns: Vec<Column>,
    play: Text,
    play_btn: Element,
    class: Text,
    class_btn: Element,
    loss: LayeredChart,
    key: Text,
    lut: Lut,
    /// Draws so far (for the charts' turns).
    frame: u64,
    values: Vec<f64>,
    rgba: Vec<u8>,
    lang: Lang,
}

/// Finds the widget's elements and asks for its button and plane events.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let figures = root.query_selector_all(".pg-run")?;
    let mut columns = Vec::new();
    for i in 0..figures.length() {
        let f: Element = figures.get(i).ok_or("missing .pg-run")?.dyn_into()?;
        let c = Column::mount(f)?;
        bind.on(&c.points, "click", "add");
        columns.push(c);
    }
    if columns.len() != 2 {
        return Err("the playground needs two .pg-run figures".into());
    }
    for (sel, action) in [
        (".pg-play", "play"),
        (".pg-step", "step"),
        (".pg-reset", "reset"),
        (".pg-race", "race"),
        (".pg-class", "class"),
        (".pg-clear", "clear"),
    ] {
        let b: Element = find(root, sel)?;
        bind.on(&b, "click", action);
    }
    let params = PlaygroundParams::default();
    let play_btn: Element = find(root, ".pg-play")?;
    let class_btn: Element = find(root, ".pg-class")?;
    Ok(Box::new(Playground {
        model: Model::new(&params),
        built: params.clone(),
        params,
        playing: false,
        owed: 0.0,
        positive: true,
        root: root.clone(),
        columns,
        play: Text::new(play_btn.clone()),
        play_btn,
        class: Text::new(class_btn.clone()),
        class_btn,
        loss: LayeredChart::mount(root, "canvas.pg-loss-axes", "canvas.pg-loss")?,
        key: Text::new(find(root, ".pg-key")?),
        lut: Lut::diverging(),
        frame: 0,
        values: Vec::with_capacity(GRID * GRID),
        rgba: vec![0; GRID * GRID * 4],
        lang: Lang::En,
    }))
}

impl Playground {
    /// Adds a point where a click landed on a plane.
    fn add(&mut self, e: &MouseEvent) -> Dirty {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else { return Dirty::NONE };
        let (w, h) = (target.client_width() as f64, target.client_height() as f64);
        if w <= 0.0 || h <= 0.0 {
            return Dirty::NONE;
        }
        let (u, v) = (e.offset_x() as f64 / w, e.offset_y() as f64 / h);
        let (x, y) = self.model.task.plane().at(u.clamp(0.0, 1.0), v.clamp(0.0, 1.0));
        match self.model.task {
            Task::Regress => self.model.add_point(&[x], y),
            Task::Classify(_) => {
                let positive = self.positive != e.shift_key();
                self.model.add_point(&[x, y], if positive { 1.0 } else { -1.0 });
            }
        }
        Dirty::DRAW
    }

    /// The sentence under a plane: steps, losses, accuracy, the race to the target.
    fn status(&self, i: usize, lang: Lang) -> String {
        let run = &self.model.runs[i];
        let mut lines = vec![tf(
            lang,
            "playground.status",
            &[("step", &run.steps().to_string()), ("epoch", &fmt_num(run.epoch(), 1))],
        )];
        if let Some(r) = run.last() {
            lines.push(tf(lang, "playground.losses", &[("train", &sci(r.train_loss, 3)), ("test", &sci(r.test_loss, 3))]));
            if let Some(acc) = r.test_accuracy {
                lines.push(tf(lang, "playground.accuracy", &[("acc", &fmt_num(100.0 * acc, 1))]));
            }
        }
        if run.trainer.is_some() {
            let target = fmt_num(TARGET_LOSS, 2);
            lines.push(match run.reached {
                Some(e) => tf(lang, "playground.reached", &[("target", &target), ("epoch", &fmt_num(e, 1))]),
                None => tf(lang, "playground.not_reached", &[("target", &target)]),
            });
        }
        if let Some(ratio) = run.gradient_ratio().filter(|_| self.model.runs.len() > 1) {
            lines.push(tf(lang, "playground.gradient_ratio", &[("ratio", &sci(ratio, 2))]));
        }
        lines.join("\n")
    }

    /// Whether chart `k` (the gradient charts by run, then the loss) may
    /// redraw in this frame. While training runs, the charts take turns,
    /// one per frame: each still moves 20-30 times a second, and no frame
    /// pays for rasterising them all (in software, the main thread's
    /// largest cost). Otherwise every stale chart redraws at once.
    fn turn(&self, k: usize) -> bool {
        !self.playing || self.frame % (self.model.runs.len() as u64 + 1) == k as u64
    }

    /// Draws column `i`: its field, points, banners, status and gradient chart, each only if stale.
    fn draw_column(&mut self, i: usize, col_css: f64, side: bool, cx: &DrawCx) -> Result<(), JsValue> {
        let lang = cx.lang;
        let dpr = cx.dpr;
        let plane_css = col_css.min(PLANE_MAX).floor().max(120.0);
        let task = self.model.task;
        let my_turn = self.turn(i);
        let (version, points_version) = (self.model.version, self.model.points_version);
        let c = &mut self.columns[i];
        if c.plane_css != plane_css {
            c.plane.style().set_property("width", &format!("{plane_css}px"))?;
            c.plane.style().set_property("height", &format!("{plane_css}px"))?;
            c.plane_css = plane_css;
        }
        let run = &self.model.runs[i];
        c.caption.set(activation_label(lang, run.act));
        let colour = css_colour(run.act);
        if c.colour != colour {
            c.figure.dyn_ref::<HtmlElement>().ok_or("not an element")?.style().set_property("border-color", &colour)?;
            c.colour = colour;
        }

        // The field: one put_image_data of a 100x100 buffer; CSS stretches it.
        if c.field_at != Some(version) {
            self.model.field(i, GRID, &mut self.values);
            paint(&self.lut, &self.values, &mut self.rgba);
            let c = &mut self.columns[i];
            put_rgba(&c.field_ctx, &self.rgba, GRID as u32, GRID as u32, (0.0, 0.0))?;
            c.field_at = Some(version);
        }

        // The points (and, in regression, the fitted curve, which moves with the network).
        let c = &mut self.columns[i];
        let px = (plane_css * dpr).round() as u32;
        let curve_version = if task == Task::Regress { version } else { 0 };
        if c.points_at != Some((points_version, curve_version, px)) {
            fit_canvas(&c.points, plane_css, plane_css, dpr)?;
            context2d(&c.points)?.clear_rect(0.0, 0.0, px as f64, px as f64);
            let curve = (task == Task::Regress).then(|| self.model.curve(i, GRID));
            let c = &mut self.columns[i];
            let backend = canvas_backend(&c.points, lang)?;
            let view = PointsView {
                plane: task.plane(),
                train: &self.model.train,
                test: &self.model.test,
                curve: curve.as_deref(),
                curve_colour: palette(self.model.runs[i].act),
                // Smaller marks on a small plane, so hundreds still leave the field in view.
                radius: (plane_css / 110.0).clamp(2.5, 4.0),
                scale: dpr,
            };
            draw_points(&backend.into_drawing_area(), &view).map_err(|e| JsValue::from_str(&e))?;
            c.points_at = Some((points_version, curve_version, px));
        }

        let c = &mut self.columns[i];
        let run = &self.model.runs[i];
        let empty = self.model.train.is_empty() && self.model.test.is_empty();
        c.empty.toggle_attribute_with_force("hidden", !empty)?;
        match run.diverged() {
            Some(step) => {
                c.diverged.set(&tf(lang, "playground.diverged", &[("step", &step.to_string())]));
                c.diverged_box.remove_attribute("hidden")?;
            }
            None => c.diverged_box.set_attribute("hidden", "")?,
        }
        let status = self.status(i, lang);
        let c = &mut self.columns[i];
        c.status.set(&status);
        let run = &self.model.runs[i];
        // The plane's text alternative, with its key number rounded so that
        // it changes now and then, not every frame.
        let acc = match run.last() {
            Some(r) => match r.test_accuracy {
                Some(a) => tf(lang, "playground.accuracy", &[("acc", &fmt_num((100.0 * a).round(), 0))]),
                None => tf(lang, "playground.losses", &[("train", &sci(r.train_loss, 2)), ("test", &sci(r.test_loss, 2))]),
            },
            None => t(lang, "playground.empty").to_string(),
        };
        let label = tf(lang, "playground.plane_label", &[("act", activation_label(lang, run.act)), ("acc", &acc)]);
        if c.label != label {
            c.points.set_attribute("aria-label", &label)?;
            c.label = label;
        }

        // The gradient chart, redrawn when a record was added: beside the
        // plane when one network leaves room for it, else under it.
        let beside = col_css - plane_css - COLUMN_GAP;
        let chart_css = if side { beside } else { col_css.max(200.0) };
        let chart_h = (chart_css * 0.5).clamp(180.0, 260.0);
        let key = records_key(std::iter::once(run));
        if my_turn && c.grads.stale(key, chart_css, dpr, lang) {
            let view = LogView {
                lines: grad_lines(run),
                title: "",
                x_label: t(lang, "playground.epoch_axis"),
                empty: t(lang, "playground.no_history"),
                legend: layer_legend(run.net().layers.len()),
                legend_title: t(lang, "playground.layers_legend"),
                scale: dpr,
            };
            c.grads.draw(&view, key, chart_css, chart_h, dpr, lang)?;
        }
        Ok(())
    }

    fn draw_loss(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let lang = cx.lang;
        let key = records_key(self.model.runs.iter());
        let css_w = cx.width.max(200.0);
        if !self.turn(self.model.runs.len()) || !self.loss.stale(key, css_w, cx.dpr, lang) {
            return Ok(());
        }
        let names: Vec<&str> = self.model.runs.iter().map(|r| short_label(lang, r.act)).collect();
        let compare = self.model.runs.len() > 1;
        let view = LogView {
            lines: loss_lines(
                &self.model.runs,
                t(lang, "playground.train"),
                t(lang, "playground.test"),
                compare.then_some(&names[..]),
            ),
            title: "",
            x_label: t(lang, "playground.epoch_axis"),
            empty: t(lang, "playground.no_history"),
            legend: Vec::new(),
            legend_title: "",
            scale: cx.dpr,
        };
        self.loss.draw(&view, key, css_w, (css_w * 0.4).clamp(200.0, 300.0), cx.dpr, lang)
    }

    /// Forgets what was drawn, so the next draw redoes everything.
    fn invalidate(&mut self) {
        for c in &mut self.columns {
            c.field_at = None;
            c.points_at = None;
            c.grads.invalidate();
        }
        self.loss.invalidate();
    }
}

impl Widget for Playground {
    type P = PlaygroundParams;

    fn params(&self) -> &PlaygroundParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut PlaygroundParams {
        &mut self.params
    }

    fn changed(&mut self, _rebuild: bool) {
        let change = self.model.update(&self.built, &self.params);
        if change >= super::model::Change::Networks {
            self.owed = 0.0;
            self.invalidate();
        }
        self.built = self.params.clone();
    }

    fn running(&self) -> bool {
        self.playing && self.model.can_train()
    }

    /// Trains for the pace's steps this frame, within the budget, then records once.
    fn step(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty {
        let start = now();
        self.owed += self.params.epochs * self.model.steps_per_epoch();
        let max = self.owed.floor() as u64;
        if max == 0 {
            return Dirty::NONE;
        }
        let taken = self.model.train(max, || now() - start >= budget_ms);
        // A budget cut forgives the rest: the pace never builds up a debt.
        self.owed = (self.owed - taken as f64).clamp(0.0, 1.0);
        self.model.record();
        if !self.model.can_train() {
            self.playing = false;
        }
        Dirty::DRAW
    }

    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        match action {
            "play" => {
                self.playing = !self.playing && self.model.can_train();
                Dirty::DRAW
            }
            "step" => {
                self.playing = false;
                self.model.train(self.model.steps_per_epoch().ceil() as u64, || false);
                self.model.record();
                Dirty::DRAW
            }
            "reset" => {
                self.playing = false;
                self.owed = 0.0;
                // Fresh networks on the same points; on an empty plane, the data set's points come back.
                if self.model.train.is_empty() && self.model.test.is_empty() {
                    self.model = Model::new(&self.params);
                } else {
                    self.model.rebuild(&self.params);
                }
                self.invalidate();
                Dirty::DRAW
            }
            "race" => {
                self.params = self.params.race();
                self.changed(true);
                if self.model.train.is_empty() {
                    self.model = Model::new(&self.params);
                }
                self.playing = self.model.can_train();
                Dirty::DRAW | Dirty::CONTROLS | Dirty::URL
            }
            "class" => {
                self.positive = !self.positive;
                Dirty::DRAW
            }
            "clear" => {
                self.playing = false;
                self.model.clear();
                self.invalidate();
                Dirty::DRAW
            }
            "add" => match event.dyn_ref::<MouseEvent>() {
                Some(e) => self.add(e),
                None => Dirty::NONE,
            },
            _ => Dirty::NONE,
        }
    }

    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        self.lang = lang;
        self.loss.lines.set_attribute("aria-label", t(lang, "playground.loss_title"))?;
        for c in &self.columns {
            c.grads.lines.set_attribute("aria-label", t(lang, "playground.grad_title"))?;
        }
        Ok(())
    }

    fn status(&self) -> Option<String> {
        self.model.runs.iter().find_map(|r| r.diverged()).map(|n| format!("diverged at step {n}"))
    }

    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        self.frame += 1;
        let compare = self.model.runs.len() > 1;
        self.root.toggle_attribute_with_force("data-compare", compare)?;
        self.columns[1].figure.toggle_attribute_with_force("hidden", !compare)?;
        let col_css = if compare { ((cx.width - COLUMN_GAP) / 2.0).floor() } else { cx.width };
        let side = !compare && col_css - col_css.min(PLANE_MAX) - COLUMN_GAP >= SIDE_CHART_MIN;
        self.root.toggle_attribute_with_force("data-side", side)?;
        for i in 0..self.model.runs.len() {
            self.draw_column(i, col_css, side, cx)?;
        }
        self.draw_loss(cx)?;
        let lang = cx.lang;
        self.play.set(t(lang, if self.playing { "playground.pause" } else { "playground.play" }));
        self.play_btn.set_attribute("aria-pressed", if self.playing { "true" } else { "false" })?;
        self.class.set(t(lang, if self.positive { "playground.class_pos" } else { "playground.class_neg" }));
        self.class_btn.set_attribute("aria-pressed", if self.positive { "false" } else { "true" })?;
        let runs = &self.model.runs;
        let steps = runs.iter().map(|r| r.steps()).max().unwrap_or(0);
        self.root.set_attribute("data-step", &steps.to_string())?;
        self.root.set_attribute("data-points", &(self.model.train.len() + self.model.test.len()).to_string())?;
        self.root.toggle_attribute_with_force("data-playing", self.playing)?;
        match runs.iter().find_map(|r| r.diverged()) {
            Some(step) => self.root.set_attribute("data-diverged", &step.to_string())?,
            None => self.root.remove_attribute("data-diverged")?,
        }
        // The key number: how much gradient reaches layer 1; in compare
        // mode, where each network stands in the race to the target loss.
        let target = fmt_num(TARGET_LOSS, 2);
        let key = if compare {
            let each = runs.iter().filter(|r| r.trainer.is_some()).map(|r| {
                let act = activation_label(lang, r.act);
                match r.reached {
                    Some(e) => tf(lang, "playground.race_at", &[("act", act), ("target", &target), ("epoch", &fmt_num(e, 1))]),
                    None => tf(lang, "playground.race_not", &[("act", act), ("target", &target)]),
                }
            });
            each.collect::<Vec<_>>().join(" · ")
        } else {
            runs.first()
                .and_then(|r| r.gradient_ratio())
                .map(|ratio| tf(lang, "playground.gradient_ratio", &[("ratio", &sci(ratio, 2))]))
                .unwrap_or_default()
        };
        self.key.set(&key);
        self.class_btn.toggle_attribute_with_force("hidden", self.model.task == Task::Regress)?;
        Ok(())
    }
}
