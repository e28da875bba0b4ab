//! The controls of a widget, generated from its control table: sliders, menus, checkboxes, with their labels, ranges and read-outs; and putting them in the state of the params.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::dom::element;
use crate::activation::ALL;
use crate::chart::css_colour;
use crate::i18n::fmt_num;
use crate::url::{Kind, ParamsDyn, Row, Value};

/// One generated control: its row and the elements that hold its value.
pub struct Built {
    pub row: Row,
    /// The element whose events change the value (a fieldset for a set of boxes).
    pub target: Element,
    inputs: Vec<HtmlInputElement>,
    select: Option<HtmlSelectElement>,
    output: Option<Element>,
}

fn text(tag: &str, class: &str, key: &str) -> Result<Element, JsValue> {
    let e = element(tag, class)?;
    e.set_attribute("data-i18n", key)?;
    Ok(e)
}

fn input(kind: &str, name: &str) -> Result<HtmlInputElement, JsValue> {
    let i: HtmlInputElement = element("input", "")?.dyn_into()?;
    i.set_type(kind);
    i.set_name(name);
    Ok(i)
}

/// A colour swatch when the options are activations (one colour per activation, everywhere).
fn swatch(labels: &str, name: &str) -> Result<Option<Element>, JsValue> {
    if labels != "act" {
        return Ok(None);
    }
    let Some(a) = ALL.into_iter().find(|a| a.name() == name) else { return Ok(None) };
    let s: HtmlElement = element("span", "swatch")?.dyn_into()?;
    s.style().set_property("background", &css_colour(a))?;
    Ok(Some(s.into()))
}

/// Builds the controls of `rows` into the widget's `.controls` box (the
/// folded ones under "more settings"); returns them for binding and syncing.
pub fn build(root: &Element, rows: &[Row]) -> Result<Vec<Built>, JsValue> {
    let Some(boxed) = root.query_selector(".controls")? else { return Ok(Vec::new()) };
    boxed.set_inner_html("");
    let more = element("details", "more")?;
    let summary = text("summary", "", "controls.more")?;
    more.append_child(&summary)?;
    let mut built = Vec::new();
    for row in rows {
        let b = build_one(row)?;
        let wrap = if b.target.tag_name() == "FIELDSET" {
            b.target.clone()
        } else {
            b.target.parent_element().ok_or("a control has no label")?
        };
        wrap.set_attribute("data-control", row.name)?;
        if row.more { &more } else { &boxed }.append_child(&wrap)?;
        built.push(b);
    }
    if rows.iter().any(|r| r.more) {
        boxed.append_child(&more)?;
    }
    Ok(built)
}

fn build_one(row: &Row) -> Result<Built, JsValue> {
    let label = element("label", "")?;
    let caption = text("span", "label", row.label)?;
    let mut b = Built { row: *row, target: label.clone(), inputs: Vec::new(), select: None, output: None };
    match row.kind {
        Kind::Num { min, max, step } | Kind::Log10 { min, max, step } => {
            label.set_class_name("slider");
            let i = input("range", row.name)?;
            i.set_min(&min.to_string());
            i.set_max(&max.to_string());
            i.set_step(&step.to_string());
            let out = element("output", &format!("value {}-value", row.name))?;
            label.append_child(&caption)?;
            label.append_child(&i)?;
            label.append_child(&out)?;
            b.target = i.clone().into();
            b.inputs.push(i);
            b.output = Some(out);
        }
        Kind::Seed { max } => {
            label.set_class_name("seed");
            let i = input("number", row.name)?;
            i.set_min("0");
            i.set_max(&max.to_string());
            i.set_step("1");
            i.set_attribute("inputmode", "numeric")?;
            label.append_child(&caption)?;
            label.append_child(&i)?;
            b.target = i.clone().into();
            b.inputs.push(i);
        }
        Kind::Choice { names, labels } => {
            label.set_class_name("choice");
            let s: HtmlSelectElement = element("select", "")?.dyn_into()?;
            s.set_name(row.name);
            for n in names {
                let o = text("option", "", &format!("{labels}.{n}"))?;
                o.set_attribute("value", n)?;
                s.append_child(&o)?;
            }
            label.append_child(&caption)?;
            label.append_child(&s)?;
            b.target = s.clone().into();
            b.select = Some(s);
        }
        Kind::Set { names, labels } => {
            let fs = element("fieldset", "set")?;
            let legend = text("legend", "", row.label)?;
            fs.append_child(&legend)?;
            let list = element("div", "set-list")?;
            for n in names {
                let l = element("label", "item")?;
                let i = input("checkbox", row.name)?;
                i.set_value(n);
                l.append_child(&i)?;
                if let Some(s) = swatch(labels, n)? {
                    l.append_child(&s)?;
                }
                let name = text("span", "", &format!("{labels}.{n}"))?;
                l.append_child(&name)?;
                list.append_child(&l)?;
                b.inputs.push(i);
            }
            fs.append_child(&list)?;
            b.target = fs;
        }
        Kind::Bool => {
            label.set_class_name("toggle");
            let i = input("checkbox", row.name)?;
            label.append_child(&i)?;
            label.append_child(&caption)?;
            b.target = i.clone().into();
            b.inputs.push(i);
        }
    }
    Ok(b)
}

impl Built {
    /// The event that reports a new value.
    pub fn event(&self) -> &'static str {
        match self.row.kind {
            Kind::Num { .. } | Kind::Log10 { .. } => "input",
            _ => "change",
        }
    }

    /// The value the elements hold now, as [`crate::url::Kind::from_input`] reads it.
    pub fn raw(&self) -> String {
        match self.row.kind {
            Kind::Set { .. } => {
                self.inputs.iter().filter(|i| i.checked()).map(|i| i.value()).collect::<Vec<_>>().join(",")
            }
            Kind::Bool => self.inputs.first().is_some_and(|i| i.checked()).to_string(),
            Kind::Choice { .. } => self.select.as_ref().map(|s| s.value()).unwrap_or_default(),
            _ => self.inputs.first().map(|i| i.value()).unwrap_or_default(),
        }
    }

    /// Puts the elements in the state of `p`.
    pub fn sync(&self, p: &dyn ParamsDyn) {
        let Some(v) = p.get(self.row.name) else { return };
        match (&v, self.row.kind) {
            (Value::Set(on), _) => {
                for (i, on) in self.inputs.iter().zip(on) {
                    i.set_checked(*on);
                }
            }
            (Value::Bool(on), _) => {
                if let Some(i) = self.inputs.first() {
                    i.set_checked(*on);
                }
            }
            (_, Kind::Choice { .. }) => {
                if let Some(s) = &self.select {
                    s.set_value(&self.row.kind.format(&v));
                }
            }
            _ => {
                if let Some(i) = self.inputs.first() {
                    let want = self.row.kind.input_value(&v);
                    if i.value() != want {
                        i.set_value(&want);
                    }
                }
            }
        }
        if let Some(out) = &self.output {
            let digits = if matches!(self.row.kind, Kind::Log10 { .. }) { 3 } else { 4 };
            out.set_text_content(Some(&fmt_num(v.num(), digits)));
        }
    }
}
