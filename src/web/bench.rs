//! `?bench`: the standard training workload in the reader's browser, run in slices across frames and reported in the page.

use wasm_bindgen::JsValue;

use super::dom::document;
use crate::activation::Activation;
use crate::bench::{report_json, Median, Run};
use crate::i18n::{t, tf};

/// The benchmark in progress: tanh, then relu, five timed runs each.
pub struct Job {
    tanh: Median,
    relu: Median,
    tanh_result: Option<Run>,
}

impl Job {
    pub fn new() -> Job {
        Job { tanh: Median::new(Activation::Tanh, 5), relu: Median::new(Activation::Relu, 5), tanh_result: None }
    }

    /// Works for about `budget_ms`; `Ok(true)` once the report is in the page.
    pub fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> Result<bool, JsValue> {
        let mut clock = || now();
        let Some(tanh) = self.tanh_result else {
            self.tanh_result = self.tanh.advance(budget_ms, &mut clock);
            return Ok(false);
        };
        let Some(relu) = self.relu.advance(budget_ms, &mut clock) else { return Ok(false) };
        report(tanh, relu)?;
        Ok(true)
    }
}

/// Fills `#bench` and sets `<html data-bench>` to the JSON report.
fn report(tanh: Run, relu: Run) -> Result<(), JsValue> {
    let lang = super::current_lang();
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
