//! The web layer: the wasm entry point, the page state, event listeners and the one render loop.
//!
//! Event handlers only change state and mark what is dirty; the
//! `requestAnimationFrame` callback then redraws each dirty widget once.

mod bench;
mod curves;
mod dom;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent, PointerEvent};

use crate::i18n::{t, tf, Lang};
use crate::params::{Notice, PageParams};
use curves::Curves;
use dom::{all, describe, document, element, find, widget_root, window};

/// What the next frame must redo.
#[derive(Default)]
struct Dirty {
    curves: bool,
    text: bool,
    url: bool,
}

struct App {
    params: PageParams,
    lang: Lang,
    notices: Vec<Notice>,
    curves: Curves,
    dirty: Dirty,
    frames: u32,
    frame_pending: bool,
    /// `?bench` was in the URL: run the benchmark once the page has drawn.
    bench_requested: bool,
    ready: bool,
    /// The rAF callback and every listener live as long as the app.
    frame_cb: Option<Closure<dyn FnMut(f64)>>,
    listeners: Vec<Closure<dyn FnMut(Event)>>,
}

type Shared = Rc<RefCell<App>>;

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

fn boot() -> Result<(), JsValue> {
    let search = window()?.location().search()?;
    // Test-only: `?_panic` proves that a panic reaches the reader (tests/e2e).
    if crate::params::parse_query(&search).iter().any(|(k, _)| k == "_panic") {
        panic!("a panic requested by the ?_panic test parameter");
    }
    let (params, notices) = PageParams::from_query(&search);
    let lang = params.lang.unwrap_or_else(browser_lang);
    let curves = Curves::new(widget_root(curves::ID)?)?;
    curves.sync_controls(&params.curves);
    let app = Rc::new(RefCell::new(App {
        params,
        lang,
        notices,
        curves,
        dirty: Dirty { curves: true, text: true, url: false },
        frames: 0,
        frame_pending: false,
        bench_requested: crate::params::parse_query(&search).iter().any(|(k, _)| k == "bench"),
        ready: false,
        frame_cb: None,
        listeners: Vec::new(),
    }));
    bind(&app)?;
    request_frame(&app);
    Ok(())
}

/// Adds a listener whose closure the app owns.
fn listen(
    app: &Shared,
    target: &web_sys::EventTarget,
    kind: &str,
    f: impl FnMut(Event) + 'static,
) -> Result<(), JsValue> {
    let c = Closure::<dyn FnMut(Event)>::new(f);
    target.add_event_listener_with_callback(kind, c.as_ref().unchecked_ref())?;
    app.borrow_mut().listeners.push(c);
    Ok(())
}

/// Runs `change` on the app state, then schedules a frame.
fn update(app: &Shared, change: impl FnOnce(&mut App)) {
    change(&mut app.borrow_mut());
    request_frame(app);
}

fn bind(app: &Shared) -> Result<(), JsValue> {
    let (boxes, range, canvas) = {
        let a = app.borrow();
        (a.curves.boxes.clone(), a.curves.range_input.clone(), find::<Element>(&a.curves.root, "canvas")?)
    };
    for (i, b) in boxes.into_iter().enumerate() {
        let (app2, b2) = (app.clone(), b.clone());
        listen(app, &b, "change", move |_| {
            update(&app2, |a| {
                a.params.curves.shown[i] = b2.checked();
                a.dirty.curves = true;
                a.dirty.url = true;
            })
        })?;
    }
    let app2 = app.clone();
    let r2 = range.clone();
    listen(app, &range, "input", move |_| {
        update(&app2, |a| {
            if let Ok(v) = r2.value().parse::<f64>() {
                a.params.curves.range = v.clamp(crate::params::RANGE.min, crate::params::RANGE.max);
                a.curves.sync_controls(&a.params.curves);
                a.dirty.curves = true;
                a.dirty.url = true;
            }
        })
    })?;
    let app2 = app.clone();
    listen(app, &canvas, "pointermove", move |e| {
        let Some(p) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        update(&app2, |a| {
            a.curves.hover = a.curves.x_at_css(p.offset_x() as f64);
            a.dirty.curves = true;
        })
    })?;
    let app2 = app.clone();
    listen(app, &canvas, "keydown", move |e| {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let range = app2.borrow().params.curves.range;
        let step = range / if k.shift_key() { 10.0 } else { 100.0 };
        let next = |x: Option<f64>| -> Option<f64> {
            let x = x.unwrap_or(0.0);
            match k.key().as_str() {
                "ArrowLeft" => Some((x - step).max(-range)),
                "ArrowRight" => Some((x + step).min(range)),
                "Home" => Some(-range),
                "End" => Some(range),
                _ => None,
            }
        };
        let hover = app2.borrow().curves.hover;
        if let Some(x) = next(hover) {
            e.prevent_default();
            update(&app2, |a| {
                a.curves.hover = Some(x);
                a.dirty.curves = true;
            });
        }
    })?;
    let toggle = document()?.get_element_by_id("lang-toggle").ok_or("missing #lang-toggle")?;
    let app2 = app.clone();
    listen(app, &toggle, "click", move |_| {
        update(&app2, |a| {
            a.lang = a.lang.other();
            a.params.lang = Some(a.lang);
            a.dirty = Dirty { curves: true, text: true, url: true };
        })
    })?;
    let app2 = app.clone();
    let w: web_sys::EventTarget = window()?.into();
    listen(app, &w, "resize", move |_| update(&app2, |a| a.dirty.curves = true))?;
    Ok(())
}

fn request_frame(app: &Shared) {
    let mut a = app.borrow_mut();
    if a.frame_pending {
        return;
    }
    if a.frame_cb.is_none() {
        let app2 = app.clone();
        a.frame_cb = Some(Closure::new(move |_t: f64| frame(&app2)));
    }
    let cb = a.frame_cb.as_ref().map(|c| c.as_ref().unchecked_ref::<js_sys::Function>().clone());
    if let (Ok(w), Some(cb)) = (window(), cb) {
        a.frame_pending = w.request_animation_frame(&cb).is_ok();
    }
}

/// One animation frame: redo what is dirty, each widget at most once.
fn frame(app: &Shared) {
    let mut guard = app.borrow_mut();
    let a = &mut *guard;
    a.frame_pending = false;
    if a.dirty.text {
        a.dirty.text = false;
        if let Err(e) = apply_language(a) {
            show_error_everywhere(&describe(&e));
        }
    }
    if a.dirty.url {
        a.dirty.url = false;
        if let Err(e) = write_url(&a.params) {
            web_sys::console::warn_1(&e);
        }
    }
    if a.dirty.curves {
        a.dirty.curves = false;
        let result = a.curves.draw(&a.params.curves, a.lang);
        let root = a.curves.root.clone();
        match result {
            Ok(()) => {
                a.frames += 1;
                let _ = root.set_attribute("data-frames", &a.frames.to_string());
                let _ = root.set_attribute("data-status", "ok");
            }
            Err(e) => show_widget_error(&root, a.lang, &describe(&e)),
        }
    }
    if !a.ready && a.frames > 0 {
        a.ready = true;
        if let Some(html) = document().ok().and_then(|d| d.document_element()) {
            let _ = html.set_attribute("data-ready", "");
        }
        // `?bench` runs after the first picture, so the page is there while it works.
        if a.bench_requested {
            if let Err(e) = bench::run(a.lang) {
                show_error_everywhere(&describe(&e));
            }
        }
    }
}

/// Sets every `data-i18n` text, the page title and language, the notices and the table.
fn apply_language(a: &App) -> Result<(), JsValue> {
    ZH.store(a.lang == Lang::ZhTw, Ordering::Relaxed);
    let doc = document()?;
    if let Some(html) = doc.document_element() {
        html.set_attribute("lang", a.lang.code())?;
    }
    doc.set_title(t(a.lang, "page.title"));
    for el in all("[data-i18n]")? {
        if let Some(key) = el.get_attribute("data-i18n") {
            el.set_text_content(Some(t(a.lang, &key)));
        }
    }
    for el in all("[data-i18n-aria]")? {
        if let Some(key) = el.get_attribute("data-i18n-aria") {
            el.set_attribute("aria-label", t(a.lang, &key))?;
        }
    }
    let box_: Element = find(&a.curves.root, ".notices")?;
    box_.set_inner_html("");
    for n in &a.notices {
        let p = element("p", "notice")?;
        p.set_text_content(Some(&n.message(a.lang)));
        box_.append_child(&p)?;
    }
    a.curves.translate(a.lang)
}

/// Replaces the address with one that reproduces the current state.
fn write_url(p: &PageParams) -> Result<(), JsValue> {
    let w = window()?;
    let loc = w.location();
    let url = format!("{}{}{}", loc.pathname()?, p.to_query(), loc.hash()?);
    w.history()?.replace_state_with_url(&JsValue::NULL, "", Some(&url))
}
