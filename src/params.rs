//! URL parameters: the typed state of the page, parsed from and written to a query string by pure, table-driven functions.
//!
//! Parameter names are a public contract: links handed to students keep
//! working forever, so a name is never renamed or reused. Parsing never
//! fails: a bad value falls back (to the default, or clamped into range) and
//! yields a [`Notice`] the page shows to the reader.

use crate::activation::{Activation, ALL};
use crate::i18n::{fmt_num, tf, Lang};

/// A numeric parameter: its URL name, allowed interval and default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumSpec {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    pub default: f64,
}

/// `range`: half-width of the `curves` x-axis.
pub const RANGE: NumSpec = NumSpec { key: "range", min: 1.0, max: 50.0, default: 6.0 };

/// `act` in the `curves` widget: the activations shown by default.
pub const DEFAULT_SHOWN: [Activation; 3] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

/// Something in the URL that could not be used as given.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    UnknownActivation { value: String },
    BadNumber { spec: NumSpec, value: String, used: f64 },
    BadLang { value: String },
}

impl Notice {
    /// The sentence shown to the reader.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::UnknownActivation { value } => tf(lang, "notice.unknown_act", &[("value", value)]),
            Notice::BadNumber { spec, value, used } => tf(
                lang,
                "notice.bad_number",
                &[
                    ("param", spec.key),
                    ("value", value),
                    ("min", &fmt_num(spec.min, 4)),
                    ("max", &fmt_num(spec.max, 4)),
                    ("used", &fmt_num(*used, 4)),
                ],
            ),
            Notice::BadLang { value } => tf(lang, "notice.bad_lang", &[("value", value)]),
        }
    }
}

/// State of the `curves` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvesParams {
    /// `shown[a.index()]`: whether activation `a` is drawn.
    pub shown: [bool; 9],
    /// Half-width of the x-axis: x runs over [-range, range].
    pub range: f64,
}

impl Default for CurvesParams {
    fn default() -> Self {
        let mut shown = [false; 9];
        for a in DEFAULT_SHOWN {
            shown[a.index()] = true;
        }
        CurvesParams { shown, range: RANGE.default }
    }
}

impl CurvesParams {
    /// The activations to draw, in the page's order.
    pub fn shown(&self) -> impl Iterator<Item = Activation> + '_ {
        ALL.into_iter().filter(|a| self.shown[a.index()])
    }
}

/// The whole page's state as the URL carries it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageParams {
    /// `lang`; `None` means "follow the browser".
    pub lang: Option<Lang>,
    pub curves: CurvesParams,
}

impl PageParams {
    /// Parses a query string (with or without the leading `?`). Unknown
    /// parameters are ignored (a newer link opened by an older page); for a
    /// repeated parameter the last one wins.
    pub fn from_query(query: &str) -> (PageParams, Vec<Notice>) {
        let mut p = PageParams::default();
        let mut notices = Vec::new();
        for (key, value) in parse_query(query) {
            match key.as_str() {
                "lang" => match Lang::from_tag(&value) {
                    Some(l) => p.lang = Some(l),
                    None => notices.push(Notice::BadLang { value }),
                },
                "act" => {
                    p.curves.shown = [false; 9];
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        match Activation::from_name(name, None) {
                            Ok(a) => p.curves.shown[a.index()] = true,
                            Err(_) => notices.push(Notice::UnknownActivation { value: name.to_string() }),
                        }
                    }
                    // A link whose every name is unknown shows the defaults, not nothing.
                    if !p.curves.shown.iter().any(|&s| s) && !value.trim().is_empty() {
                        p.curves.shown = CurvesParams::default().shown;
                    }
                }
                "range" => p.curves.range = parse_num(&RANGE, &value, &mut notices),
                _ => {}
            }
        }
        (p, notices)
    }

    /// The query string for this state (`""` when everything is default;
    /// otherwise starting with `?`), parameters in a fixed order.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(l) = self.lang {
            pairs.push(("lang", l.code().to_string()));
        }
        if self.curves.shown != CurvesParams::default().shown {
            let names: Vec<&str> = self.curves.shown().map(Activation::name).collect();
            pairs.push(("act", names.join(",")));
        }
        if self.curves.range != RANGE.default {
            pairs.push(("range", fmt_plain(self.curves.range)));
        }
        encode_query(&pairs)
    }
}

/// Reads a number for `spec`: a non-number gives the default, an
/// out-of-range number is clamped; either way with a notice.
pub fn parse_num(spec: &NumSpec, value: &str, notices: &mut Vec<Notice>) -> f64 {
    match value.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (spec.min..=spec.max).contains(&v) => v,
        Ok(v) if v.is_finite() => {
            let used = v.clamp(spec.min, spec.max);
            notices.push(Notice::BadNumber { spec: *spec, value: value.to_string(), used });
            used
        }
        _ => {
            notices.push(Notice::BadNumber { spec: *spec, value: value.to_string(), used: spec.default });
            spec.default
        }
    }
}

/// A number as it appears in a URL: shortest round-tripping form.
fn fmt_plain(x: f64) -> String {
    format!("{x}")
}

/// Splits `a=1&b=x%20y` into decoded pairs; `+` means a space.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Joins pairs into `?a=1&b=2`, escaping what a query value may not hold;
/// commas stay readable.
pub fn encode_query(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
    format!("?{}", body.join("&"))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+`; malformed escapes are kept literally and
/// invalid UTF-8 becomes U+FFFD, so any input decodes to something printable.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match bytes.get(i + 1..i + 3) {
                Some(h) if h.iter().all(u8::is_ascii_hexdigit) => {
                    out.push((hex_val(h[0]) << 4) | hex_val(h[1]));
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_make_an_empty_query_and_round_trip() {
        let p = PageParams::default();
        assert_eq!(p.to_query(), "");
        let mut q = PageParams { lang: Some(Lang::ZhTw), ..PageParams::default() };
        q.curves.shown = [false; 9];
        q.curves.shown[Activation::Gelu.index()] = true;
        q.curves.shown[Activation::Relu.index()] = true;
        q.curves.range = 2.5;
        let s = q.to_query();
        assert_eq!(s, "?lang=zh-TW&act=relu,gelu&range=2.5");
        assert_eq!(PageParams::from_query(&s), (q, vec![]));
    }

    #[test]
    fn bad_values_fall_back_with_a_notice() {
        let (p, n) = PageParams::from_query("?act=relu,swishy&range=abc&lang=fr");
        assert_eq!(p.curves.shown().collect::<Vec<_>>(), vec![Activation::Relu]);
        assert_eq!(p.curves.range, RANGE.default);
        assert_eq!(p.lang, None);
        assert_eq!(n.len(), 3, "{n:?}");
        assert!(n[0].message(Lang::En).contains("swishy"));
        assert!(n[1].message(Lang::ZhTw).contains("abc"));

        let (p, n) = PageParams::from_query("range=1e9");
        assert_eq!(p.curves.range, RANGE.max);
        assert!(matches!(n[0], Notice::BadNumber { used, .. } if used == RANGE.max));

        for q in ["range=NaN", "range=inf", "range=-", "range="] {
            let (p, n) = PageParams::from_query(q);
            assert_eq!(p.curves.range, RANGE.default, "{q}");
            assert_eq!(n.len(), 1, "{q}");
        }
    }

    #[test]
    fn only_unknown_names_show_the_defaults_but_an_empty_list_shows_nothing() {
        let (p, _) = PageParams::from_query("act=nope");
        assert_eq!(p.curves.shown, CurvesParams::default().shown);
        let (p, n) = PageParams::from_query("act=");
        assert_eq!(p.curves.shown().count(), 0);
        assert!(n.is_empty());
        // ... and that state survives a round trip through the URL.
        assert_eq!(PageParams::from_query(&p.to_query()).0, p);
    }

    #[test]
    fn decoding_is_total() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("%E4%B8%AD"), "中");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        let (p, n) = PageParams::from_query("act=%3Cscript%3E&lang=%");
        assert_eq!(p.curves.shown, CurvesParams::default().shown);
        assert_eq!(n.len(), 2);
    }
}
