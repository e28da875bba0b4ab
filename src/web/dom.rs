//! Small DOM helpers whose errors say what is missing.

use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, Window};

use crate::i18n::{t, Lang};

pub fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no global `window`"))
}

pub fn document() -> Result<Document, JsValue> {
    window()?.document().ok_or_else(|| JsValue::from_str("no `document` on window"))
}

/// The first element matching `selector` inside `root`, as type `T`.
pub fn find<T: JsCast>(root: &Element, selector: &str) -> Result<T, JsValue> {
    root.query_selector(selector)?
        .ok_or_else(|| JsValue::from_str(&format!("missing element `{selector}`")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("element `{selector}` has the wrong type")))
}

/// Every element matching `selector` in the document.
pub fn all(selector: &str) -> Result<Vec<Element>, JsValue> {
    let list = document()?.query_selector_all(selector)?;
    Ok((0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect())
}

/// The root element of widget `id` (`[data-widget="<id>"]`).
pub fn widget_root(id: &str) -> Result<Element, JsValue> {
    document()?
        .query_selector(&format!("[data-widget=\"{id}\"]"))?
        .ok_or_else(|| JsValue::from_str(&format!("the page has no widget `{id}`")))
}

/// A new element with a class.
pub fn element(tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = document()?.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// A readable message from a JS error value.
pub fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Sizes `canvas` to draw at device-pixel resolution: its CSS height becomes
/// `css_h` (its width follows the page's CSS, `css_w` wide), and its backing
/// store `css * dpr` pixels, reset only when that changes (a reset clears
/// it). Returns the backing store's size.
pub fn fit_canvas(canvas: &HtmlCanvasElement, css_w: f64, css_h: f64, dpr: f64) -> Result<(u32, u32), JsValue> {
    fit_canvas_framed(canvas, css_w, css_h, 0.0, dpr, false)
}

/// As [`fit_canvas`] for a canvas with a `border` CSS px border inside its
/// `css_w` x `css_h` box: the backing store covers only what is inside the
/// border. With `set_width` the CSS width is set to `css_w` as well.
pub fn fit_canvas_framed(
    canvas: &HtmlCanvasElement,
    css_w: f64,
    css_h: f64,
    border: f64,
    dpr: f64,
    set_width: bool,
) -> Result<(u32, u32), JsValue> {
    let style = canvas.style();
    if set_width {
        style.set_property("width", &format!("{css_w}px"))?;
    }
    style.set_property("height", &format!("{css_h}px"))?;
    let device = |css: f64| ((css - 2.0 * border) * dpr).round().max(1.0) as u32;
    let (w, h) = (device(css_w), device(css_h));
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    Ok((w, h))
}

/// A plotters backend drawing on `canvas`; the error is in the page's language.
pub fn canvas_backend(canvas: &HtmlCanvasElement, lang: Lang) -> Result<CanvasBackend, JsValue> {
    CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| JsValue::from_str(t(lang, "error.no_canvas")))
}

/// The 2d context of `canvas`.
pub fn context2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or("a canvas without a 2d context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "not a 2d context".into())
}

/// Puts an RGBA buffer of `w` x `h` pixels onto a 2d context at (x, y):
/// a dense field drawn with one `put_image_data`, never a call per cell.
pub fn put_rgba(
    ctx: &CanvasRenderingContext2d,
    rgba: &[u8],
    w: u32,
    h: u32,
    (x, y): (f64, f64),
) -> Result<(), JsValue> {
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(rgba), w, h)?;
    ctx.put_image_data(&image, x, y)
}

/// Puts a square RGBA buffer on its own canvas, resized to `side` pixels
/// (a field that CSS or a later `draw_image` stretches).
pub fn put_square(canvas: &HtmlCanvasElement, rgba: &[u8], side: u32) -> Result<(), JsValue> {
    if canvas.width() != side || canvas.height() != side {
        canvas.set_width(side);
        canvas.set_height(side);
    }
    put_rgba(&context2d(canvas)?, rgba, side, side, (0.0, 0.0))
}
