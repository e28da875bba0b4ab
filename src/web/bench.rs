//! `?bench`: runs the standard training workload in the reader's browser and reports it in the page.

use wasm_bindgen::JsValue;

use super::dom::{document, window};
use crate::activation::Activation;
use crate::bench::{median_of, report_json};
use crate::i18n::{t, tf, Lang};

/// Runs tanh and relu (median of 5 runs each), then fills `#bench` and
/// sets `<html data-bench>` to the JSON report.
pub fn run(lang: Lang) -> Result<(), JsValue> {
    let perf = window()?.performance().ok_or("no `performance` clock in this browser")?;
    let mut now = || perf.now();
    let tanh = median_of(5, Activation::Tanh, &mut now);
    let relu = median_of(5, Activation::Relu, &mut now);
    let json = report_json(tanh, relu);
    let doc = document()?;
    if let Some(section) = doc.get_element_by_id("bench-section") {
        section.remove_attribute("hidden")?;
    }
    let pre = doc.get_element_by_id("bench").ok_or("missing #bench")?;
    let us = |v: f64| format!("{v:.3}");
    pre.set_text_content(Some(&format!(
        "{}\n{}\n{}\n\n{json}",
        t(lang, "bench.workload"),
        tf(lang, "bench.result", &[("act", "tanh"), ("us", &us(tanh.us_per_sample))]),
        tf(lang, "bench.result", &[("act", "relu"), ("us", &us(relu.us_per_sample))]),
    )));
    if let Some(html) = doc.document_element() {
        html.set_attribute("data-bench", &json)?;
    }
    Ok(())
}
