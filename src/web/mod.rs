//! The web shell (wasm only): the entry point, one slot per registered widget, the one frame loop with its work budget, visibility and sizes from observers, the throttled address writer, the page language.
//!
//! Handlers only change their own widget and mark it dirty; each frame then
//! gives the visible running widgets a share of about 8 ms of work, draws
//! each dirty visible widget once, and writes the address at most every
//! 300 ms. The shell loops over [`crate::widget::REGISTRY`] and never names a widget.

mod bench;
mod controls;
pub mod dom;
mod widget;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, IntersectionObserver, IntersectionObserverEntry, ResizeObserver, ResizeObserverEntry};

use crate::i18n::{t, tf, Lang};
use crate::url::{encode, Notice, PageParams, Query};
use crate::widget::{Entry, REGISTRY};
use controls::Built;
use dom::{all, describe, document, element, find, window};
pub use widget::{AnyWidget, Binder, Dirty, DrawCx, Mount, Widget};

/// Milliseconds of widget work per frame, shared by the visible running widgets.
const FRAME_BUDGET_MS: f64 = 8.0;
/// The address is replaced at most this often (Safari throws after 100
/// `replaceState` calls in 30 s).
const URL_EVERY_MS: f64 = 300.0;

/// One widget in the page, with everything the shell keeps for it.
struct Slot {
    root: Element,
    widget: Box<dyn AnyWidget>,
    controls: Vec<Built>,
    notices: Vec<Notice>,
    dirty: Dirty,
    /// In or near the viewport (from an IntersectionObserver).
    visible: bool,
    /// Not shown at all (another widget is embedded alone).
    hidden: bool,
    frames: u32,
    /// Content width in CSS pixels (from a ResizeObserver).
    width: f64,
    /// The closures of this widget's listeners live as long as the widget.
    listeners: Vec<Closure<dyn FnMut(Event)>>,
}

type SlotRc = Rc<RefCell<Slot>>;
type FrameCallback = Closure<dyn FnMut(f64)>;

/// What handlers may touch besides their own widget: a request for a frame,
/// and page-wide messages read by the next frame.
struct Inbox {
    frame_pending: Cell<bool>,
    toggle_lang: Cell<bool>,
    frame_cb: RefCell<Option<FrameCallback>>,
}

impl Inbox {
    /// Asks for one animation frame (at most one is ever pending).
    fn wake(&self) {
        if self.frame_pending.get() {
            return;
        }
        let cb = self.frame_cb.borrow();
        if let (Ok(w), Some(cb)) = (window(), cb.as_ref()) {
            self.frame_pending.set(w.request_animation_frame(cb.as_ref().unchecked_ref()).is_ok());
        }
    }
}

struct Shell {
    slots: Vec<SlotRc>,
    page: PageParams,
    lang: Lang,
    page_notices: Vec<Notice>,
    inbox: Rc<Inbox>,
    text_dirty: bool,
    url_pending: bool,
    last_url_write: f64,
    ready: bool,
    bench: Option<bench::Job>,
    /// Page-level closures and observers, kept alive with the page.
    _keep: Vec<JsValue>,
    _page_listeners: Vec<Closure<dyn FnMut(Event)>>,
}

/// The language of the page, readable from the panic hook.
static ZH: AtomicBool = AtomicBool::new(false);

fn current_lang() -> Lang {
    if ZH.load(Ordering::Relaxed) {
        Lang::ZhTw
    } else {
        Lang::En
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_error_everywhere(&info.to_string());
    }));
    if let Err(e) = boot() {
        show_error_everywhere(&describe(&e));
    }
}

/// Makes a failure visible inside every widget, not only in the console.
fn show_error_everywhere(detail: &str) {
    for root in all("[data-widget]").unwrap_or_default() {
        show_widget_error(&root, current_lang(), detail);
    }
}

/// Marks one widget as failed (`data-status`) and shows the reason in it.
fn show_widget_error(root: &Element, lang: Lang, detail: &str) {
    let _ = root.set_attribute("data-status", &format!("error: {detail}"));
    if let Ok(Some(box_)) = root.query_selector(".widget-error") {
        box_.set_text_content(Some(&tf(lang, "error.panic", &[("detail", detail)])));
        let _ = box_.remove_attribute("hidden");
    }
}

fn browser_lang() -> Lang {
    let Ok(w) = window() else { return Lang::En };
    let prefs: Vec<String> = w.navigator().languages().iter().filter_map(|v| v.as_string()).collect();
    Lang::from_browser(prefs.iter().map(String::as_str))
}

fn now_ms() -> f64 {
    window().ok().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn boot() -> Result<(), JsValue> {
    let q = Query::parse(&window()?.location().search()?);
    // Test-only: `?_panic` proves that a panic reaches the reader (tests/e2e).
    if q.has("_panic") {
        panic!("a panic requested by the ?_panic test parameter");
    }
    let ids: Vec<&'static str> = REGISTRY.iter().map(|w| w.id).collect();
    let mut page_notices = Vec::new();
    let page = PageParams::read(&q, &ids, &mut page_notices);
    let lang = page.lang.unwrap_or_else(browser_lang);
    let inbox =
        Rc::new(Inbox { frame_pending: Cell::new(false), toggle_lang: Cell::new(false), frame_cb: RefCell::new(None) });
    if let (Some(id), Some(html)) = (page.embed, document()?.document_element()) {
        html.set_attribute("data-embed", id)?;
    }
    let mut slots = Vec::new();
    for entry in REGISTRY {
        // A page without this widget's section (an old copy of index.html) still shows the others.
        let root = match dom::widget_root(entry.id) {
            Ok(root) => root,
            Err(e) => {
                web_sys::console::warn_1(&e);
                continue;
            }
        };
        match mount(entry, root.clone(), &q, &page, &inbox) {
            Ok(slot) => slots.push(slot),
            // One broken widget says so and the others still work.
            Err(e) => show_widget_error(&root, lang, &describe(&e)),
        }
    }
    let mut keep = observe(&slots, &inbox)?;
    let mut page_listeners = Vec::new();
    let toggle = document()?.get_element_by_id("lang-toggle").ok_or("missing #lang-toggle")?;
    let inbox2 = inbox.clone();
    let c = Closure::<dyn FnMut(Event)>::new(move |_| {
        inbox2.toggle_lang.set(true);
        inbox2.wake();
    });
    toggle.add_event_listener_with_callback("click", c.as_ref().unchecked_ref())?;
    page_listeners.push(c);
    let bench = page.bench.then(bench::Job::new);
    let shell = Rc::new(RefCell::new(Shell {
        slots,
        page,
        lang,
        page_notices,
        inbox: inbox.clone(),
        text_dirty: true,
        url_pending: false,
        last_url_write: f64::NEG_INFINITY,
        ready: false,
        bench,
        _keep: Vec::new(),
        _page_listeners: page_listeners,
    }));
    shell.borrow_mut()._keep.append(&mut keep);
    let shell2 = shell.clone();
    *inbox.frame_cb.borrow_mut() = Some(Closure::new(move |_t: f64| frame(&shell2)));
    inbox.wake();
    Ok(())
}

/// Builds one widget: its section, its generated controls, its state from the address, its listeners.
fn mount(
    entry: &'static Entry,
    root: Element,
    q: &Query,
    page: &PageParams,
    inbox: &Rc<Inbox>,
) -> Result<SlotRc, JsValue> {
    let mut binder = Binder::default();
    let mut widget = (entry.mount)(&root, &mut binder)?;
    let controls = controls::build(&root, &widget.params().rows())?;
    let mut notices = Vec::new();
    let hidden = page.embed.is_some_and(|id| id != entry.id);
    // An embedded widget's bare names are its own: the hidden ones keep their defaults.
    if !hidden {
        widget.read_url(q, page.scope(), &mut notices);
    }
    if hidden {
        root.set_attribute("hidden", "")?;
    }
    let slot = Rc::new(RefCell::new(Slot {
        width: root.client_width().max(280) as f64,
        root,
        widget,
        controls,
        notices,
        dirty: Dirty::DRAW | Dirty::TEXT | Dirty::CONTROLS,
        // Unknown until the IntersectionObserver's first report (soon after
        // start); every widget draws once regardless, but none works unseen.
        visible: false,
        hidden,
        frames: 0,
        listeners: Vec::new(),
    }));
    let mut listeners = Vec::new();
    for (i, c) in slot.borrow().controls.iter().enumerate() {
        let (weak, inbox) = (Rc::downgrade(&slot), inbox.clone());
        let f = Closure::<dyn FnMut(Event)>::new(move |_| {
            with_slot(&weak, &inbox, |s| {
                let raw = s.controls[i].raw();
                let name = s.controls[i].row.name;
                let mut d = s.widget.set_control(name, &raw);
                // Once the reader sets a control, the link's complaints are old news.
                if d.has(Dirty::URL) && !s.notices.is_empty() {
                    s.notices.clear();
                    d |= Dirty::TEXT;
                }
                d
            })
        });
        c.target.add_event_listener_with_callback(c.event(), f.as_ref().unchecked_ref())?;
        listeners.push(f);
    }
    for (target, event, action) in binder.wanted {
        let (weak, inbox) = (Rc::downgrade(&slot), inbox.clone());
        let f =
            Closure::<dyn FnMut(Event)>::new(move |e: Event| with_slot(&weak, &inbox, |s| s.widget.handle(action, &e)));
        target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref())?;
        listeners.push(f);
    }
    slot.borrow_mut().listeners = listeners;
    Ok(slot)
}

/// Runs a handler's change on its own widget, marks what it dirtied and asks for a frame.
fn with_slot(weak: &Weak<RefCell<Slot>>, inbox: &Inbox, change: impl FnOnce(&mut Slot) -> Dirty) {
    let Some(slot) = weak.upgrade() else { return };
    let Ok(mut s) = slot.try_borrow_mut() else { return };
    let d = change(&mut s);
    s.dirty |= d;
    if d.any() {
        inbox.wake();
    }
}

/// Visibility (IntersectionObserver) and width (ResizeObserver) of every
/// widget section, so that off-screen widgets do no work and `draw` never reads layout.
fn observe(slots: &[SlotRc], inbox: &Rc<Inbox>) -> Result<Vec<JsValue>, JsValue> {
    let find_slot = |slots: &[Weak<RefCell<Slot>>], target: &Element| -> Option<SlotRc> {
        slots.iter().filter_map(Weak::upgrade).find(|s| s.try_borrow().is_ok_and(|s| &s.root == target))
    };
    let weak: Vec<Weak<RefCell<Slot>>> = slots.iter().map(Rc::downgrade).collect();
    let (w2, inbox2) = (weak.clone(), inbox.clone());
    let on_visible = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for e in entries.iter().filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
            if let Some(slot) = find_slot(&w2, &e.target()) {
                if let Ok(mut s) = slot.try_borrow_mut() {
                    s.visible = e.is_intersecting() && !s.hidden;
                }
            }
        }
        inbox2.wake();
    });
    let opts = web_sys::IntersectionObserverInit::new();
    opts.set_root_margin("200px 0px");
    let io = IntersectionObserver::new_with_options(on_visible.as_ref().unchecked_ref(), &opts)?;
    let (w3, inbox3) = (weak, inbox.clone());
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for e in entries.iter().filter_map(|e| e.dyn_into::<ResizeObserverEntry>().ok()) {
            if let Some(slot) = find_slot(&w3, &e.target()) {
                if let Ok(mut s) = slot.try_borrow_mut() {
                    let w = e.content_rect().width().max(200.0);
                    if (w - s.width).abs() >= 1.0 {
                        s.width = w;
                        s.dirty |= Dirty::DRAW;
                    }
                }
            }
        }
        inbox3.wake();
    });
    let ro = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    for s in slots {
        let root = s.borrow().root.clone();
        io.observe(&root);
        ro.observe(&root);
    }
    Ok(vec![on_visible.into_js_value(), on_resize.into_js_value(), io.into(), ro.into()])
}

/// One animation frame.
fn frame(shell: &Rc<RefCell<Shell>>) {
    let mut guard = shell.borrow_mut();
    let sh = &mut *guard;
    sh.inbox.frame_pending.set(false);
    if sh.inbox.toggle_lang.take() {
        sh.lang = sh.lang.other();
        sh.page.lang = Some(sh.lang);
        sh.text_dirty = true;
        sh.url_pending = true;
        for s in &sh.slots {
            s.borrow_mut().dirty |= Dirty::DRAW | Dirty::TEXT;
        }
    }
    if sh.text_dirty {
        sh.text_dirty = false;
        if let Err(e) = apply_page_language(sh) {
            show_error_everywhere(&describe(&e));
        }
    }
    let lang = sh.lang;
    let dpr = window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 4.0);

    // Work: the visible running widgets share the budget.
    let running: Vec<&SlotRc> = sh.slots.iter().filter(|s| s.borrow().visible && s.borrow().widget.running()).collect();
    if !running.is_empty() {
        let share = FRAME_BUDGET_MS / running.len() as f64;
        for s in &running {
            let mut s = s.borrow_mut();
            let d = s.widget.step(share, &now_ms);
            s.dirty |= d;
        }
    }

    // Draw: each dirty widget once, if it can be seen (or has never drawn).
    let mut keep_going = !running.is_empty();
    for slot in &sh.slots {
        let mut s = slot.borrow_mut();
        if s.hidden || !s.dirty.any() || !(s.visible || s.frames == 0) {
            continue;
        }
        let d = std::mem::take(&mut s.dirty);
        if d.has(Dirty::URL) {
            sh.url_pending = true;
        }
        if let Err(e) = redo(&mut s, d, lang, dpr) {
            show_widget_error(&s.root, lang, &describe(&e));
        }
    }

    if let Some(job) = sh.bench.as_mut() {
        match job.advance(FRAME_BUDGET_MS, &now_ms) {
            Ok(true) => sh.bench = None,
            Ok(false) => keep_going = true,
            Err(e) => {
                sh.bench = None;
                show_error_everywhere(&describe(&e));
            }
        }
    }

    if sh.url_pending {
        let now = now_ms();
        if now - sh.last_url_write >= URL_EVERY_MS {
            sh.url_pending = false;
            sh.last_url_write = now;
            if let Err(e) = write_url(sh) {
                web_sys::console::warn_1(&e);
            }
        } else {
            keep_going = true;
        }
    }

    if !sh.ready && sh.slots.iter().all(|s| s.borrow().hidden || s.borrow().frames > 0) {
        sh.ready = true;
        if let Some(html) = document().ok().and_then(|d| d.document_element()) {
            let _ = html.set_attribute("data-ready", "");
        }
    }
    let pending = sh.slots.iter().any(|s| {
        let s = s.borrow();
        s.dirty.any() && s.visible && !s.hidden
    });
    if keep_going || pending {
        sh.inbox.wake();
    }
}

/// Redoes what `d` says for one widget.
fn redo(s: &mut Slot, d: Dirty, lang: Lang, dpr: f64) -> Result<(), JsValue> {
    if d.has(Dirty::CONTROLS) {
        for c in &s.controls {
            c.sync(s.widget.params());
        }
    }
    if d.has(Dirty::TEXT) {
        let box_: Element = find(&s.root, ".notices")?;
        box_.set_inner_html("");
        for n in &s.notices {
            let p = element("p", "notice")?;
            p.set_text_content(Some(&n.message(lang)));
            box_.append_child(&p)?;
        }
        s.widget.translate(lang)?;
    }
    if d.has(Dirty::DRAW) || s.frames == 0 {
        let t0 = now_ms();
        s.widget.draw(&DrawCx { lang, dpr, width: s.width })?;
        s.frames += 1;
        s.root.set_attribute("data-frames", &s.frames.to_string())?;
        // How long that draw took, for scripts/bench-redraw.mjs (a number, not a test).
        s.root.set_attribute("data-draw-ms", &format!("{:.2}", now_ms() - t0))?;
        // A good draw clears an earlier failure of this widget.
        let status = s.widget.status().unwrap_or_else(|| "ok".into());
        if s.root.get_attribute("data-status").as_deref() != Some(&status) {
            s.root.set_attribute("data-status", &status)?;
            if let Ok(Some(box_)) = s.root.query_selector(".widget-error") {
                box_.set_attribute("hidden", "")?;
            }
        }
    }
    Ok(())
}

/// Sets every `data-i18n` text, the page title and language, and the page's own notices.
fn apply_page_language(sh: &Shell) -> Result<(), JsValue> {
    let lang = sh.lang;
    ZH.store(lang == Lang::ZhTw, Ordering::Relaxed);
    let doc = document()?;
    if let Some(html) = doc.document_element() {
        html.set_attribute("lang", lang.code())?;
    }
    doc.set_title(t(lang, "page.title"));
    for el in all("[data-i18n]")? {
        if let Some(key) = el.get_attribute("data-i18n") {
            el.set_text_content(Some(t(lang, &key)));
        }
    }
    for el in all("[data-i18n-aria]")? {
        if let Some(key) = el.get_attribute("data-i18n-aria") {
            el.set_attribute("aria-label", t(lang, &key))?;
        }
    }
    if let Some(box_) = doc.get_element_by_id("page-notices") {
        box_.set_inner_html("");
        for n in &sh.page_notices {
            let p = element("p", "notice")?;
            p.set_text_content(Some(&n.message(lang)));
            box_.append_child(&p)?;
        }
    }
    Ok(())
}

/// Replaces the address with one that reproduces the current state.
fn write_url(sh: &Shell) -> Result<(), JsValue> {
    let mut pairs = Vec::new();
    sh.page.write(&mut pairs);
    let scope = sh.page.scope();
    for s in &sh.slots {
        let s = s.borrow();
        if !s.hidden {
            s.widget.params().write(scope, &mut pairs);
        }
    }
    let w = window()?;
    let loc = w.location();
    let url = format!("{}{}{}", loc.pathname()?, encode(&pairs), loc.hash()?);
    w.history()?.replace_state_with_url(&JsValue::NULL, "", Some(&url))
}
