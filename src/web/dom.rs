//! Small DOM helpers whose errors say what is missing.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Window};

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
