//! The `backprop` widget in the page: step buttons and Play, the diagram with clickable weights, the input plane to drag the sample, the chain readout and the key number.

use plotters::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlCanvasElement, KeyboardEvent, PointerEvent};

use super::chart::{draw_backprop, draw_plane, ChartView, DiagramMap, PlaneMap};
use super::model::{compute_from, sig4, Edge, Hit, Layout, Node, View};
use super::{column_labels, key_sentence, legend_label, stage_label, unit_name, BackpropParams};
use crate::i18n::{t, tf, Lang};
use crate::web::dom::{canvas_backend, element, find, fit_canvas_framed};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// Play shows each stage this long (milliseconds).
const STAGE_MS: f64 = 900.0;
/// The input plane's size in CSS pixels (border included) and its border.
const PLANE_CSS: f64 = 180.0;
const BORDER_CSS: f64 = 1.0;
/// Arrow keys move the sample this far.
const PLANE_KEY_STEP: f64 = 0.05;

/// The widget's state: params, the last computed view, DOM handles, what is picked and whether it plays.
pub struct Backprop {
    params: BackpropParams,
    view: Option<View>,
    canvas: HtmlCanvasElement,
    plane: HtmlCanvasElement,
    /// The key number (the loss after this pass's update) in large type, and its sentence.
    key: Element,
    key_big: Element,
    key_sentence: Element,
    chain: Element,
    play: Element,
    selected: Option<Hit>,
    map: Option<DiagramMap>,
    plane_map: Option<PlaneMap>,
    playing: bool,
    /// When Play last advanced (None: just started, the next frame sets it).
    last_step: Option<f64>,
    dragging: bool,
    dpr: f64,
    lang: Lang,
}

/// Finds the widget's elements and asks for its buttons', canvases' and plane's events.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let canvas: HtmlCanvasElement = find(root, "canvas.diagram")?;
    let plane: HtmlCanvasElement = find(root, "canvas.plane")?;
    for action in ["prev", "play", "next", "reset"] {
        let button: Element = find(root, &format!("button[data-action={action}]"))?;
        bind.on(&button, "click", action);
    }
    bind.on(&canvas, "pointerdown", "pick");
    bind.on(&canvas, "keydown", "key");
    bind.on(&plane, "pointerdown", "drag");
    bind.on(&plane, "pointermove", "drag_move");
    bind.on(&plane, "pointerup", "drag_end");
    bind.on(&plane, "pointercancel", "drag_end");
    bind.on(&plane, "keydown", "plane_key");
    Ok(Box::new(Backprop {
        params: BackpropParams::default(),
        view: None,
        key: find(root, ".key-number")?,
        key_big: find(root, ".key-number .big")?,
        key_sentence: find(root, ".key-number .sentence")?,
        chain: find(root, ".chain")?,
        play: find(root, "button[data-action=play]")?,
        canvas,
        plane,
        selected: None,
        map: None,
        plane_map: None,
        playing: false,
        last_step: None,
        dragging: false,
        dpr: 1.0,
        lang: Lang::En,
    }))
}

/// A JSON number (null for what JSON cannot hold).
fn json(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        "null".into()
    }
}

fn json_list(xs: &[f64]) -> String {
    format!("[{}]", xs.iter().map(|x| json(*x)).collect::<Vec<_>>().join(","))
}

impl Backprop {
    /// Moves the sample to (x₁, x₂) on the slider grid; the dirt it makes.
    fn move_sample(&mut self, x1: f64, x2: f64) -> Dirty {
        let snap = |v: f64| ((v.clamp(-1.0, 1.0) * 100.0).round() / 100.0).clamp(-1.0, 1.0);
        let (x1, x2) = (snap(x1), snap(x2));
        if (x1, x2) == (self.params.x1, self.params.x2) {
            return Dirty::NONE;
        }
        self.params.x1 = x1;
        self.params.x2 = x2;
        Dirty::DRAW | Dirty::URL | Dirty::CONTROLS
    }

    fn plane_at(&self, event: &Event) -> Option<(f64, f64)> {
        let p = event.dyn_ref::<PointerEvent>()?;
        let map = self.plane_map?;
        Some(map.at(p.offset_x() as f64 * self.dpr, p.offset_y() as f64 * self.dpr))
    }

    /// The weight after (or before) the picked one, for the keyboard.
    fn cycle(&self, forward: bool) -> Option<Hit> {
        let (depth, width) = self.params.shape();
        let layout = Layout::new(&super::model::sizes(depth, width), 1.0);
        let edges: Vec<Edge> = layout.edges().collect();
        let at = match self.selected {
            Some(Hit::Edge(e)) => edges.iter().position(|x| *x == e),
            _ => None,
        };
        let n = edges.len();
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        Some(Hit::Edge(edges[next]))
    }

    fn set_play_label(&self) -> Result<(), JsValue> {
        let key = if self.playing { "backprop.pause" } else { "backprop.play" };
        self.play.set_attribute("data-i18n", key)?;
        self.play.set_attribute("aria-pressed", if self.playing { "true" } else { "false" })?;
        self.play.set_text_content(Some(t(self.lang, key)));
        Ok(())
    }

    /// The chain rule for the picked weight, or the picked unit's numbers, or the hint.
    fn fill_chain(&self, v: &View, lang: Lang) -> Result<(), JsValue> {
        self.chain.set_inner_html("");
        for attr in ["data-edge", "data-grad", "data-product"] {
            self.chain.remove_attribute(attr)?;
        }
        let para = |class: &str, text: &str| -> Result<(), JsValue> {
            let p = element("p", class)?;
            p.set_text_content(Some(text));
            self.chain.append_child(&p)?;
            Ok(())
        };
        match self.selected {
            Some(Hit::Edge(e)) if v.has(e) => {
                let Some(c) = v.chain(e) else { return Ok(()) };
                let from = unit_name(lang, v, Node { col: e.layer, unit: e.from });
                let to = unit_name(lang, v, Node { col: e.layer + 1, unit: e.to });
                let title = element("h3", "")?;
                title.set_text_content(Some(&tf(lang, "backprop.chain.title", &[("from", &from), ("to", &to)])));
                self.chain.append_child(&title)?;
                para("", t(lang, "backprop.chain.explain"))?;
                let lines = c.lines();
                for line in &lines[..3] {
                    para("formula", line)?;
                }
                para(
                    "check",
                    &tf(lang, "backprop.chain.check", &[("core", &sig4(c.core)), ("diff", &sig4(c.difference()))]),
                )?;
                para("formula", &lines[3])?;
                para(
                    "",
                    &tf(
                        lang,
                        "backprop.chain.update",
                        &[
                            ("lr", &sig4(c.lr)),
                            ("dw", &sig4(c.step)),
                            ("w", &sig4(c.weight)),
                            ("new", &sig4(c.new_weight)),
                        ],
                    ),
                )?;
                self.chain.set_attribute("data-edge", &format!("{},{},{}", e.layer, e.to, e.from))?;
                self.chain.set_attribute("data-grad", &json(c.core))?;
                self.chain.set_attribute("data-product", &json(c.product))?;
            }
            Some(Hit::Node(n)) if n.col < v.columns() && n.unit < v.sizes[n.col] => {
                let values = v.nodes[n.col][n.unit]
                    .lines
                    .iter()
                    .map(|(q, x)| format!("{} = {}", q.symbol(), sig4(*x)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let unit = unit_name(lang, v, n);
                para("formula", &tf(lang, "backprop.node", &[("unit", &unit), ("values", &values)]))?;
                para("hint", t(lang, "backprop.chain.hint"))?;
            }
            _ => para("hint", t(lang, "backprop.chain.hint"))?,
        }
        Ok(())
    }

    /// The page's numbers for checking from outside: the weights this pass
    /// starts from, the sample, and where each node was drawn (CSS pixels).
    fn publish(&self, v: &View, map: &DiagramMap) -> Result<(), JsValue> {
        let w: Vec<String> = v.net.layers.iter().map(|l| json_list(&l.w)).collect();
        let b: Vec<String> = v.net.layers.iter().map(|l| json_list(&l.b)).collect();
        let sizes: Vec<String> = v.sizes.iter().map(|s| s.to_string()).collect();
        let net = format!(
            "{{\"sizes\":[{}],\"act\":\"{}\",\"w\":[{}],\"b\":[{}],\"x\":{},\"t\":{},\"lr\":{},\"updates\":{}}}",
            sizes.join(","),
            v.net.hidden.name(),
            w.join(","),
            b.join(","),
            json_list(&v.x),
            json(v.target),
            json(v.lr),
            v.iter
        );
        self.canvas.set_attribute("data-net", &net)?;
        let cols: Vec<String> = (0..v.columns())
            .map(|c| {
                let pts: Vec<String> = (0..v.sizes[c])
                    .map(|j| {
                        let (x, y) = map.to_px(map.layout.pos(Node { col: c, unit: j }));
                        format!("[{},{}]", json(x as f64 / self.dpr), json(y as f64 / self.dpr))
                    })
                    .collect();
                format!("[{}]", pts.join(","))
            })
            .collect();
        self.canvas.set_attribute("data-layout", &format!("[{}]", cols.join(",")))?;
        self.key.set_attribute("data-loss", &json(v.pass.loss))?;
        self.key.set_attribute("data-loss-after", &json(v.loss_after))?;
        Ok(())
    }
}

impl Widget for Backprop {
    type P = BackpropParams;

    fn params(&self) -> &BackpropParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut BackpropParams {
        &mut self.params
    }

    fn changed(&mut self, _rebuild: bool) {
        // A stage past this depth's last (the address allows the deepest
        // network's) is the last.
        self.params.stage = self.params.stage.min(self.params.stages() - 1);
        // A pick that the new shape no longer has is dropped.
        let (depth, width) = self.params.shape();
        let sizes = super::model::sizes(depth, width);
        self.selected = self.selected.filter(|h| match *h {
            Hit::Edge(e) => e.layer + 1 < sizes.len() && e.to < sizes[e.layer + 1] && e.from < sizes[e.layer],
            Hit::Node(n) => n.col < sizes.len() && n.unit < sizes[n.col],
        });
    }

    fn running(&self) -> bool {
        self.playing
    }

    fn step(&mut self, _budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty {
        let t = now();
        match self.last_step {
            None => {
                self.last_step = Some(t);
                Dirty::NONE
            }
            Some(last) if t - last >= STAGE_MS => {
                self.last_step = Some(t);
                if !self.params.step_forward() {
                    self.playing = false;
                    let _ = self.set_play_label();
                }
                Dirty::DRAW | Dirty::URL | Dirty::CONTROLS
            }
            Some(_) => Dirty::NONE,
        }
    }

    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        let moved = Dirty::DRAW | Dirty::URL | Dirty::CONTROLS;
        match action {
            "next" => {
                self.params.step_forward();
                self.last_step = None;
                moved
            }
            "prev" => {
                self.params.step_back();
                self.last_step = None;
                moved
            }
            "reset" => {
                self.params.reset();
                self.playing = false;
                let _ = self.set_play_label();
                moved
            }
            "play" => {
                self.playing = !self.playing;
                self.last_step = None;
                let _ = self.set_play_label();
                Dirty::DRAW
            }
            "pick" => {
                let Some(p) = event.dyn_ref::<PointerEvent>() else { return Dirty::NONE };
                let Some(map) = &self.map else { return Dirty::NONE };
                let hit = map.hit(p.offset_x() as f64 * self.dpr, p.offset_y() as f64 * self.dpr);
                self.selected = if hit == self.selected { None } else { hit };
                Dirty::DRAW
            }
            "key" => {
                let Some(k) = event.dyn_ref::<KeyboardEvent>() else { return Dirty::NONE };
                self.selected = match k.key().as_str() {
                    "ArrowRight" | "ArrowDown" => self.cycle(true),
                    "ArrowLeft" | "ArrowUp" => self.cycle(false),
                    "Escape" => None,
                    _ => return Dirty::NONE,
                };
                event.prevent_default();
                Dirty::DRAW
            }
            "drag" => {
                self.dragging = true;
                if let (Some(p), Some(el)) = (event.dyn_ref::<PointerEvent>(), event.target()) {
                    if let Some(el) = el.dyn_ref::<Element>() {
                        let _ = el.set_pointer_capture(p.pointer_id());
                    }
                }
                match self.plane_at(event) {
                    Some((x1, x2)) => self.move_sample(x1, x2),
                    None => Dirty::NONE,
                }
            }
            "drag_move" if self.dragging => match self.plane_at(event) {
                Some((x1, x2)) => self.move_sample(x1, x2),
                None => Dirty::NONE,
            },
            "drag_end" => {
                self.dragging = false;
                Dirty::NONE
            }
            "plane_key" => {
                let Some(k) = event.dyn_ref::<KeyboardEvent>() else { return Dirty::NONE };
                let (x1, x2) = (self.params.x1, self.params.x2);
                let d = PLANE_KEY_STEP;
                let (x1, x2) = match k.key().as_str() {
                    "ArrowLeft" => (x1 - d, x2),
                    "ArrowRight" => (x1 + d, x2),
                    "ArrowUp" => (x1, x2 + d),
                    "ArrowDown" => (x1, x2 - d),
                    _ => return Dirty::NONE,
                };
                event.prevent_default();
                self.move_sample(x1, x2)
            }
            _ => Dirty::NONE,
        }
    }

    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        self.lang = lang;
        self.set_play_label()
    }

    fn status(&self) -> Option<String> {
        self.view.as_ref()?.diverged_at.map(|n| format!("overflow after {n} updates"))
    }

    /// Computes the view (reusing the last where it can), draws the diagram
    /// and the plane, and writes the key number and the chain.
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        self.dpr = cx.dpr;
        self.lang = cx.lang;
        let view = compute_from(self.view.as_ref(), &self.params);

        let css_w = cx.width.max(200.0);
        let css_h = (css_w * 0.55).clamp(380.0, 560.0);
        fit_canvas_framed(&self.canvas, css_w, css_h, BORDER_CSS, cx.dpr, false)?;
        let stage = stage_label(cx.lang, &view);
        let legend = legend_label(cx.lang, view.edge_qty);
        let columns = column_labels(cx.lang, &view);
        let status = view.diverged_at.map(|n| tf(cx.lang, "backprop.diverged", &[("n", &n.to_string())]));
        let cv = ChartView {
            view: &view,
            selected: self.selected,
            scale: cx.dpr,
            stage_label: &stage,
            legend_label: &legend,
            column_labels: &columns,
            status: status.as_deref(),
        };
        let root = canvas_backend(&self.canvas, cx.lang)?.into_drawing_area();
        let map = draw_backprop(&root, &cv).map_err(|e| JsValue::from_str(&e))?;

        fit_canvas_framed(&self.plane, PLANE_CSS, PLANE_CSS, BORDER_CSS, cx.dpr, true)?;
        let proot = canvas_backend(&self.plane, cx.lang)?.into_drawing_area();
        self.plane_map = Some(draw_plane(&proot, (view.x[0], view.x[1]), cx.dpr).map_err(|e| JsValue::from_str(&e))?);

        let key = key_sentence(cx.lang, &view);
        self.key_big.set_text_content(Some(&sig4(view.loss_after)));
        self.key_sentence.set_text_content(Some(&key));
        self.canvas.set_attribute(
            "aria-label",
            &tf(cx.lang, "backprop.canvas_label", &[("stage", &stage), ("key", &key)]),
        )?;
        self.fill_chain(&view, cx.lang)?;
        self.publish(&view, &map)?;
        self.map = Some(map);
        self.view = Some(view);
        Ok(())
    }
}
