//! The page state in the address: a query parsed once, typed control tables that parse and write it, scopes and legacy names.
//!
//! Parameter names are a public contract: links handed to students keep
//! working forever, so a name is never renamed or reused. Parsing never
//! fails: a bad value falls back (to the default, or clamped into range, or
//! rounded onto the slider's step) and yields a [`Notice`] that the page
//! shows to the reader in the widget it concerns.
//!
//! Widgets know only their bare control names (`depth`); only this module
//! knows that the full page writes them `vanishing.depth` and an embedded
//! widget (`?embed=vanishing`) writes them `depth`.

mod control;

pub use control::{apply, read, write, Control, Kind, Params, ParamsDyn, Row, Value};

use crate::i18n::{fmt_num, tf, Lang};

/// The page-wide parameter names (no widget prefix in either scope).
pub const PAGE_KEYS: [&str; 7] = ["lang", "embed", "present", "hide", "lock", "theme", "bench"];

/// Bare names on the full page that mean a widget's control, kept forever
/// because links were handed out before widgets had prefixes.
pub const LEGACY: [(&str, &str, &str); 2] = [("act", "curves", "act"), ("range", "curves", "range")];

/// A query string decoded once into its pairs, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
}

impl Query {
    /// Decodes `?a=1&b=x%20y` (the leading `?` optional) the way browsers
    /// do: `+` is a space, malformed escapes stay literal, bytes that are not
    /// UTF-8 become U+FFFD.
    pub fn parse(query: &str) -> Query {
        let body = query.strip_prefix('?').unwrap_or(query);
        Query {
            pairs: form_urlencoded::parse(body.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
        }
    }

    /// The last value given for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// True when `key` appears, with or without a value (`?bench`).
    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }
}

/// Which names a widget's controls have in the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The full page: `<widget>.<control>`, plus the legacy bare names.
    Page,
    /// One widget shown alone (`?embed=<id>`): bare `<control>`.
    Embed,
}

impl Scope {
    /// The address key of control `name` of widget `id`.
    pub fn key(self, id: &str, name: &str) -> String {
        match self {
            Scope::Page => format!("{id}.{name}"),
            Scope::Embed => name.to_string(),
        }
    }

    /// Every key that sets control `name` of widget `id` in this scope,
    /// the legacy bare name first, so the full name wins when both are given.
    pub fn keys(self, id: &str, name: &str) -> Vec<String> {
        let mut keys: Vec<String> = match self {
            Scope::Page => {
                LEGACY.iter().filter(|(_, w, c)| *w == id && *c == name).map(|(k, _, _)| k.to_string()).collect()
            }
            Scope::Embed => Vec::new(),
        };
        keys.push(self.key(id, name));
        keys
    }
}

/// Joins pairs into `?a=1&b=2` (empty when there are none). Commas and dots
/// stay readable; everything else a query may not hold is escaped.
pub fn encode(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let esc = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => out.push(b as char),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", esc(k), esc(v))).collect();
    format!("?{}", body.join("&"))
}

/// Something in the address that could not be used as given. It carries
/// no text: [`Notice::message`] writes it in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The widget it concerns; `None` for page-wide parameters.
    pub widget: Option<&'static str>,
    /// The key as the reader wrote it (`vanishing.depth`, `act`, `lang`).
    pub key: String,
    pub value: String,
    pub problem: Problem,
}

/// What was wrong with a value, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not a number, or out of range: `used` instead.
    Number { min: f64, max: f64, used: f64 },
    /// A number between the slider's steps: rounded to `used`.
    Step { step: f64, used: f64 },
    /// Not one of the names this control knows.
    Name,
    /// Not a yes/no value.
    Flag,
    /// A language the page does not have.
    Lang,
    /// `embed` names no widget of this page.
    Widget,
}

impl Notice {
    /// The sentence shown to the reader.
    pub fn message(&self, lang: Lang) -> String {
        let (k, v) = (self.key.as_str(), self.value.as_str());
        match self.problem {
            Problem::Number { min, max, used } => tf(
                lang,
                "notice.bad_number",
                &[
                    ("param", k),
                    ("value", v),
                    ("min", &fmt_num(min, 4)),
                    ("max", &fmt_num(max, 4)),
                    ("used", &fmt_num(used, 4)),
                ],
            ),
            Problem::Step { step, used } => tf(
                lang,
                "notice.step",
                &[("param", k), ("value", v), ("step", &fmt_num(step, 4)), ("used", &fmt_num(used, 4))],
            ),
            Problem::Name => tf(lang, "notice.unknown_name", &[("param", k), ("value", v)]),
            Problem::Flag => tf(lang, "notice.bad_flag", &[("param", k), ("value", v)]),
            Problem::Lang => tf(lang, "notice.bad_lang", &[("value", v)]),
            Problem::Widget => tf(lang, "notice.bad_embed", &[("value", v)]),
        }
    }
}

/// The page-wide settings of the address.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageParams {
    /// `lang`; `None` means "follow the browser".
    pub lang: Option<Lang>,
    /// `embed=<id>`: only that widget is shown, its controls under bare names.
    pub embed: Option<&'static str>,
    /// `bench`: run the training benchmark in the page.
    pub bench: bool,
}

impl PageParams {
    /// Reads the page-wide keys; `ids` are the widgets `embed` may name.
    pub fn read(q: &Query, ids: &[&'static str], notices: &mut Vec<Notice>) -> PageParams {
        let mut p = PageParams { bench: q.has("bench"), ..PageParams::default() };
        let mut note = |key: &str, value: &str, problem| {
            notices.push(Notice { widget: None, key: key.into(), value: value.into(), problem })
        };
        if let Some(v) = q.get("lang") {
            match Lang::from_tag(v) {
                Some(l) => p.lang = Some(l),
                None => note("lang", v, Problem::Lang),
            }
        }
        if let Some(v) = q.get("embed") {
            match ids.iter().find(|id| **id == v.trim()) {
                Some(id) => p.embed = Some(id),
                None => note("embed", v, Problem::Widget),
            }
        }
        p
    }

    /// The scope of widget control names.
    pub fn scope(&self) -> Scope {
        if self.embed.is_some() {
            Scope::Embed
        } else {
            Scope::Page
        }
    }

    /// The page-wide pairs of the address (`bench` is not written back: a
    /// copied link should not rerun the benchmark).
    pub fn write(&self, out: &mut Vec<(String, String)>) {
        if let Some(l) = self.lang {
            out.push(("lang".into(), l.code().into()));
        }
        if let Some(id) = self.embed {
            out.push(("embed".into(), id.into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_is_total_and_browser_like() {
        let q = Query::parse("?a=x%20y+z&b=%E4%B8%AD&c=%&d=%zz%4&e=%FF&bench");
        assert_eq!(q.get("a"), Some("x y z"));
        assert_eq!(q.get("b"), Some("中"));
        assert_eq!(q.get("c"), Some("%"));
        assert_eq!(q.get("d"), Some("%zz%4"));
        assert_eq!(q.get("e"), Some("\u{FFFD}"));
        assert!(q.has("bench") && !q.has("bench2"));
        assert_eq!(Query::parse("a=1&a=2").get("a"), Some("2"), "the last one wins");
    }

    #[test]
    fn encoding_round_trips_through_decoding() {
        let pairs = vec![("curves.act".to_string(), "relu,gelu".to_string()), ("x".into(), "a b&c=中%".into())];
        let s = encode(&pairs);
        assert!(s.starts_with("?curves.act=relu,gelu&"), "{s}");
        assert_eq!(Query::parse(&s).pairs, pairs);
        assert_eq!(encode(&[]), "");
    }

    #[test]
    fn scopes_name_controls_and_legacy_names_map_to_curves() {
        assert_eq!(Scope::Page.key("vanishing", "depth"), "vanishing.depth");
        assert_eq!(Scope::Embed.key("vanishing", "depth"), "depth");
        assert_eq!(Scope::Page.keys("curves", "act"), ["act", "curves.act"]);
        assert_eq!(Scope::Page.keys("curves", "range"), ["range", "curves.range"]);
        assert_eq!(Scope::Page.keys("vanishing", "act"), ["vanishing.act"]);
        assert_eq!(Scope::Embed.keys("curves", "act"), ["act"]);
    }

    #[test]
    fn page_keys_read_with_notices() {
        let mut n = Vec::new();
        let p = PageParams::read(&Query::parse("lang=zh-Hant&embed=curves&bench"), &["curves"], &mut n);
        assert_eq!((p.lang, p.embed, p.bench, p.scope()), (Some(Lang::ZhTw), Some("curves"), true, Scope::Embed));
        assert!(n.is_empty());
        let p = PageParams::read(&Query::parse("lang=fr&embed=nope"), &["curves"], &mut n);
        assert_eq!((p.lang, p.embed, p.scope()), (None, None, Scope::Page));
        assert_eq!(n.len(), 2);
        assert!(n.iter().all(|n| n.widget.is_none()));
        assert!(n[0].message(Lang::En).contains("fr") && n[1].message(Lang::ZhTw).contains("nope"));
    }
}
