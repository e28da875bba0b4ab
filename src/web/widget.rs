//! What a widget offers the shell: the `Widget` trait its `dom.rs` implements, the dirty bits, the draw context, and the binder for its own listeners.

use std::ops::{BitOr, BitOrAssign};

use wasm_bindgen::JsValue;
use web_sys::{Element, Event, EventTarget};

use crate::i18n::Lang;
use crate::url::{self, Notice, Params, ParamsDyn, Query, Scope};

/// What the next frame must redo for one widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dirty(pub u8);

impl Dirty {
    pub const NONE: Dirty = Dirty(0);
    /// Redraw the picture (and whatever text goes with it).
    pub const DRAW: Dirty = Dirty(1);
    /// Rewrite the translated text.
    pub const TEXT: Dirty = Dirty(2);
    /// The address no longer matches the state.
    pub const URL: Dirty = Dirty(4);
    /// Put the controls' elements back in the state of the params.
    pub const CONTROLS: Dirty = Dirty(8);

    pub fn has(self, other: Dirty) -> bool {
        self.0 & other.0 != 0
    }

    pub fn any(self) -> bool {
        self.0 != 0
    }
}

impl BitOr for Dirty {
    type Output = Dirty;
    fn bitor(self, o: Dirty) -> Dirty {
        Dirty(self.0 | o.0)
    }
}

impl BitOrAssign for Dirty {
    fn bitor_assign(&mut self, o: Dirty) {
        self.0 |= o.0;
    }
}

/// What a draw may use without reading layout.
pub struct DrawCx {
    pub lang: Lang,
    /// Device pixels per CSS pixel (clamped to 1..4).
    pub dpr: f64,
    /// The widget section's content width in CSS pixels, from a ResizeObserver.
    pub width: f64,
}

/// The listeners a widget asks for: each turns an event into a named
/// action that the shell passes to [`Widget::handle`] (the widget never
/// holds a closure or the app).
#[derive(Default)]
pub struct Binder {
    pub(super) wanted: Vec<(EventTarget, &'static str, &'static str)>,
}

impl Binder {
    /// Calls `handle(action, event)` on every `event` at `target`.
    pub fn on(&mut self, target: &EventTarget, event: &'static str, action: &'static str) {
        self.wanted.push((target.clone(), event, action));
    }
}

/// Builds a widget in its section (`root`), asking for its listeners.
pub type Mount = fn(&Element, &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue>;

/// A widget in the page. Its params are the single source of truth; the
/// shell reads and writes them through the control table, so a widget
/// only computes, draws and handles its own events.
pub trait Widget: 'static {
    type P: Params;
    fn params(&self) -> &Self::P;
    fn params_mut(&mut self) -> &mut Self::P;
    /// The params changed (from a control, the address or a preset);
    /// `rebuild` when a structural control changed. Recompute here or in `draw`.
    fn changed(&mut self, _rebuild: bool) {}
    /// Whether it wants `step` calls (training, measuring).
    fn running(&self) -> bool {
        false
    }
    /// Does at most about `budget_ms` of work; `now` is the clock in ms.
    fn step(&mut self, _budget_ms: f64, _now: &dyn Fn() -> f64) -> Dirty {
        Dirty::NONE
    }
    /// Reacts to one of the actions it bound with [`Binder::on`].
    fn handle(&mut self, _action: &str, _event: &Event) -> Dirty {
        Dirty::NONE
    }
    /// Rewrites the text that is not plain `data-i18n` (tables, readouts, labels in canvases).
    fn translate(&mut self, _lang: Lang) -> Result<(), JsValue> {
        Ok(())
    }
    /// Draws the picture and its key number (never reads layout: sizes come in `cx`).
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue>;
    /// Why the widget is not `ok` after drawing (`diverged at step 12`), for
    /// its root's `data-status`; `None` when all is well. The reader sees
    /// the same state in words in the widget itself.
    fn status(&self) -> Option<String> {
        None
    }
}

/// [`Widget`] behind a pointer, with the control-table plumbing done once for all.
pub trait AnyWidget {
    fn params(&self) -> &dyn ParamsDyn;
    /// Sets control `name` from its element's value.
    fn set_control(&mut self, name: &str, raw: &str) -> Dirty;
    fn read_url(&mut self, q: &Query, scope: Scope, notices: &mut Vec<Notice>);
    fn running(&self) -> bool;
    fn step(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty;
    fn handle(&mut self, action: &str, event: &Event) -> Dirty;
    fn translate(&mut self, lang: Lang) -> Result<(), JsValue>;
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue>;
    fn status(&self) -> Option<String>;
}

impl<W: Widget> AnyWidget for W {
    fn params(&self) -> &dyn ParamsDyn {
        Widget::params(self)
    }
    fn set_control(&mut self, name: &str, raw: &str) -> Dirty {
        match url::apply(self.params_mut(), name, raw) {
            Some(rebuild) => {
                self.changed(rebuild);
                Dirty::DRAW | Dirty::URL | Dirty::CONTROLS
            }
            None => Dirty::CONTROLS,
        }
    }
    fn read_url(&mut self, q: &Query, scope: Scope, notices: &mut Vec<Notice>) {
        url::read(self.params_mut(), q, scope, notices);
        self.changed(true);
    }
    fn running(&self) -> bool {
        Widget::running(self)
    }
    fn step(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Dirty {
        Widget::step(self, budget_ms, now)
    }
    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        Widget::handle(self, action, event)
    }
    fn translate(&mut self, lang: Lang) -> Result<(), JsValue> {
        Widget::translate(self, lang)
    }
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        Widget::draw(self, cx)
    }
    fn status(&self) -> Option<String> {
        Widget::status(self)
    }
}
