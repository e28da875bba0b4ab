//! The registry of widgets: one folder each (params and their control table, strings, pure model, chart, `dom.rs`), listed once here in reading order.
//!
//! Adding a widget means adding its folder, its name to the `registry!`
//! line below and its section to `www/index.html`; the web shell loops
//! over [`REGISTRY`] and never names a widget.

use crate::i18n::Catalogue;
use crate::url::ParamsDyn;

/// What the page and the tests know of a widget.
pub struct Entry {
    /// The stable id: `data-widget`, address prefix, text-key prefix.
    pub id: &'static str,
    /// Its own strings, every key starting with `<id>.`.
    pub strings: Catalogue,
    /// Its params at their defaults.
    pub params: fn() -> Box<dyn ParamsDyn>,
    /// Its chart at default settings, drawn natively as SVG (not in the
    /// page, so no SVG code ships in its WebAssembly).
    #[cfg(not(target_arch = "wasm32"))]
    pub svg: fn(crate::i18n::Lang) -> String,
    /// Keys whose text is notation (formulas, symbols, proper names), the
    /// same in both languages; every other zh-TW text must be Chinese.
    pub notation: &'static [&'static str],
    /// Builds the widget inside its section of the page.
    #[cfg(target_arch = "wasm32")]
    pub mount: crate::web::Mount,
}

macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every widget, in the page's reading order.
        pub const REGISTRY: &[Entry] = &[$($module::ENTRY),*];
    };
}

registry!(curves, vanishing, backprop, linearity, zigzag, cost, dead_relu, playground);

/// The address names of every widget's controls as a Markdown table (the
/// README's, kept equal to it by a test): key, values, default, label.
pub fn address_table() -> String {
    use crate::i18n::{fmt_num, t, Lang};
    use crate::url::Kind;
    let mut s = String::from("| widget | name | values | default | control |\n|---|---|---|---|---|\n");
    for w in REGISTRY {
        let p = (w.params)();
        for row in p.rows() {
            let values = match row.kind {
                Kind::Num { min, max, step } => {
                    format!("{} to {}, step {}", fmt_num(min, 4), fmt_num(max, 4), fmt_num(step, 4))
                }
                Kind::Log10 { min, max, .. } => {
                    format!("10^{} to 10^{} (log slider)", fmt_num(min, 3), fmt_num(max, 3))
                }
                Kind::Seed { max } => format!("whole number 0 to {max}"),
                Kind::Choice { names, .. } => names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                Kind::Set { names, .. } => {
                    format!("comma list of {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
                }
                Kind::Bool => "`1` or `0`".into(),
            };
            let default = p.get(row.name).map(|v| row.kind.format(&v)).unwrap_or_default();
            let default = if default.is_empty() { "(none)".to_string() } else { format!("`{default}`") };
            s += &format!(
                "| {} | `{}` | {} | {} | {} |\n",
                w.id,
                row.name,
                values,
                default,
                t(Lang::En, row.label).replace('|', "\\|")
            );
        }
    }
    s
}

/// The widget with this id.
pub fn find(id: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|w| w.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang, MISSING, STRINGS};
    use crate::url::{encode, Kind, Query, Scope, Value};

    /// Values worth trying for a control: both ends, a middle, every name.
    fn samples(kind: &Kind) -> Vec<Value> {
        match *kind {
            Kind::Num { min, max, step } => {
                let mid = min + ((max - min) / 2.0 / step).round() * step;
                vec![Value::Num(min), Value::Num(mid), Value::Num(max)]
            }
            Kind::Log10 { min, max, .. } => {
                vec![Value::Num(10f64.powf(min)), Value::Num(0.0316), Value::Num(10f64.powf(max))]
            }
            Kind::Seed { max } => vec![Value::Num(0.0), Value::Num(12345.0f64.min(max as f64)), Value::Num(max as f64)],
            Kind::Choice { names, .. } => (0..names.len()).map(Value::Choice).collect(),
            Kind::Set { names, .. } => {
                let n = names.len();
                vec![
                    Value::Set(vec![false; n]),
                    Value::Set(vec![true; n]),
                    Value::Set((0..n).map(|i| i % 2 == 1).collect()),
                ]
            }
            Kind::Bool => vec![Value::Bool(false), Value::Bool(true)],
        }
    }

    #[test]
    fn ids_are_the_contract_in_reading_order_and_unique() {
        let ids: Vec<&str> = REGISTRY.iter().map(|w| w.id).collect();
        let contract = ["curves", "vanishing", "backprop", "linearity", "zigzag", "cost", "dead-relu", "playground"];
        let positions: Vec<usize> =
            ids.iter().map(|id| contract.iter().position(|c| c == id).expect("an id of the contract")).collect();
        assert!(positions.windows(2).all(|p| p[0] < p[1]), "reading order: {ids:?}");
        for w in REGISTRY {
            assert_eq!((w.params)().id(), w.id);
        }
    }

    #[test]
    fn every_control_round_trips_through_the_address_in_both_scopes() {
        for w in REGISTRY {
            let rows = (w.params)().rows();
            let mut names: Vec<&str> = rows.iter().map(|r| r.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), rows.len(), "{}: duplicate control names", w.id);
            for row in &rows {
                assert!(
                    row.name.len() <= 8 && row.name.chars().all(|c| c.is_ascii_lowercase()),
                    "{}.{}",
                    w.id,
                    row.name
                );
                assert!(!crate::url::PAGE_KEYS.contains(&row.name), "{}.{} shadows a page key", w.id, row.name);
                for v in samples(&row.kind) {
                    for scope in [Scope::Page, Scope::Embed] {
                        let mut p = (w.params)();
                        p.set(row.name, v.clone());
                        let mut pairs = Vec::new();
                        p.write(scope, &mut pairs);
                        let mut back = (w.params)();
                        let mut notices = Vec::new();
                        back.read(&Query::parse(&encode(&pairs)), scope, &mut notices);
                        assert_eq!(notices, [], "{}.{} = {v:?} in {scope:?}", w.id, row.name);
                        assert_eq!(
                            back.get(row.name),
                            Some(v.clone()),
                            "{}.{} in {scope:?}: {pairs:?}",
                            w.id,
                            row.name
                        );
                        for other in &rows {
                            assert_eq!(back.get(other.name), p.get(other.name), "{}.{}", w.id, other.name);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_scope_ignores_the_other_scopes_names() {
        for w in REGISTRY {
            for row in (w.params)().rows() {
                let Some(v) = samples(&row.kind).into_iter().find(|v| Some(v) != (w.params)().get(row.name).as_ref())
                else {
                    continue;
                };
                let mut p = (w.params)();
                p.set(row.name, v);
                let mut pairs = Vec::new();
                p.write(Scope::Embed, &mut pairs);
                // Bare names mean nothing on the full page, except the legacy ones.
                let mut back = (w.params)();
                back.read(&Query::parse(&encode(&pairs)), Scope::Page, &mut Vec::new());
                let legacy = crate::url::LEGACY.iter().any(|(_, id, c)| *id == w.id && *c == row.name);
                assert_eq!(back.get(row.name) == p.get(row.name), legacy, "{}.{}", w.id, row.name);
            }
        }
    }

    fn placeholders(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split('}').next().map(String::from)).collect();
        v.sort();
        v
    }

    fn cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Names of things and optimisers stay in English in both languages (the glossary says so).
    const PAGE_NOTATION: &[&str] = &["opt.sgd", "opt.momentum", "opt.adagrad", "opt.adam"];

    #[test]
    fn every_catalogue_is_complete_and_translated() {
        let catalogues =
            std::iter::once(("", STRINGS, PAGE_NOTATION)).chain(REGISTRY.iter().map(|w| (w.id, w.strings, w.notation)));
        let mut keys = std::collections::HashSet::new();
        for (id, strings, notation) in catalogues {
            for (k, en, zh) in strings {
                assert!(keys.insert(*k), "duplicate key {k}");
                if id.is_empty() {
                    assert!(
                        crate::widget::find(k.split('.').next().unwrap_or("")).is_none(),
                        "{k} belongs to a widget"
                    );
                } else {
                    assert!(k.starts_with(&format!("{id}.")), "{k} is not under {id}.");
                }
                assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{k} is empty in a language");
                assert_eq!(placeholders(en), placeholders(zh), "placeholders differ for {k}");
                if *k == "lang.switch" {
                    assert!(cjk(en) && !cjk(zh), "the English page offers Chinese in Chinese, and back");
                } else if notation.contains(k) {
                    assert!(!cjk(en), "{k} is listed as notation");
                } else {
                    assert!(cjk(zh), "{k}: not translated: {zh:?}");
                    assert!(!cjk(en), "{k}: Chinese in the English text");
                }
            }
        }
        for w in REGISTRY {
            for k in w.notation {
                assert_ne!(t(Lang::En, k), MISSING, "{k} is listed as notation but has no text");
            }
        }
    }

    /// Every zh-TW string, the page's and every widget's, uses the
    /// glossary's terms (CONTENT.md): not the words it lists as "not", a
    /// unit is 神經元 (單元 only inside an activation's full name, such as
    /// 指數線性單元), the seed is 隨機種子, and f′ is 導數, never 斜率.
    #[test]
    fn every_catalogue_uses_the_glossary_terms() {
        let all = crate::i18n::STRINGS.iter().chain(REGISTRY.iter().flat_map(|e| e.strings.iter()));
        let mut bad = Vec::new();
        for (key, _, zh) in all {
            for not in ["激活函數", "後向傳遞", "鏈式法則", "權值", "偏置", "優化器", "批量", "亂數種子"]
            {
                if zh.contains(not) {
                    bad.push(format!("{key}: {not}"));
                }
            }
            if zh.replace("線性單元", "").contains("單元") {
                bad.push(format!("{key}: 單元"));
            }
            if zh.replace("隨機種子", "").contains("種子") {
                bad.push(format!("{key}: 種子 without 隨機"));
            }
            let chars: Vec<char> = zh.chars().collect();
            for (i, w) in chars.windows(2).enumerate() {
                if w == ['斜', '率'] {
                    let near: String = chars[i.saturating_sub(8)..(i + 10).min(chars.len())].iter().collect();
                    if near.contains('′') {
                        bad.push(format!("{key}: 斜率 for f′ in “{near}”"));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn every_control_label_and_option_has_text() {
        for w in REGISTRY {
            for row in (w.params)().rows() {
                let mut keys = vec![row.label.to_string()];
                if let Kind::Choice { names, labels } | Kind::Set { names, labels } = row.kind {
                    keys.extend(names.iter().map(|n| format!("{labels}.{n}")));
                }
                for k in keys {
                    for lang in [Lang::En, Lang::ZhTw] {
                        assert_ne!(t(lang, &k), MISSING, "{}.{}: no text for {k}", w.id, row.name);
                    }
                }
            }
        }
    }

    #[test]
    fn the_readme_lists_every_address_name() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&address_table()),
            "README.md's table of widget controls is out of date; paste `cargo test -q print_address_table -- --ignored --nocapture`'s output"
        );
    }

    #[test]
    #[ignore = "prints the README's table"]
    fn print_address_table() {
        print!("{}", address_table());
    }

    #[test]
    fn every_text_key_in_the_page_resolves() {
        let html = include_str!("../../www/index.html");
        let mut n = 0;
        for attr in ["data-i18n=\"", "data-i18n-aria=\""] {
            for part in html.split(attr).skip(1) {
                let key = part.split('"').next().unwrap_or("");
                assert_ne!(t(Lang::En, key), MISSING, "www/index.html uses {key}");
                n += 1;
            }
        }
        assert!(n >= 10, "only {n} text keys found in www/index.html");
        for w in REGISTRY {
            assert!(html.contains(&format!("data-widget=\"{}\"", w.id)), "www/index.html has no section for {}", w.id);
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_chart_renders_at_defaults_in_both_languages() {
        for w in REGISTRY {
            for lang in [Lang::En, Lang::ZhTw] {
                let svg = (w.svg)(lang);
                assert!(svg.starts_with("<svg") && svg.len() > 2000, "{}: {}", w.id, &svg[..svg.len().min(200)]);
                let non_finite = ["NaN", "=\"inf", "=\"-inf", ">inf<", ">-inf<"];
                assert!(non_finite.iter().all(|s| !svg.contains(s)), "{}: a non-finite number in the picture", w.id);
                assert!(svg.matches("<text").count() >= 4, "{}: an unlabelled chart", w.id);
            }
        }
    }
}
