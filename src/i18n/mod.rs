//! Text lookup in English and Traditional Chinese (zh-TW): the page-wide catalogue here, each widget's own catalogue in its folder, and number formatting.
//!
//! A key's prefix before the first dot chooses the catalogue: `vanishing.title`
//! is looked up in the `vanishing` widget's, anything else (`page.title`,
//! `act.relu`, `notice.bad_number`) in the page-wide one below.

use crate::activation::Activation;

/// A catalogue: (key, English, Traditional Chinese). Placeholders are `{name}`.
pub type Catalogue = &'static [(&'static str, &'static str, &'static str)];

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhTw,
}

impl Lang {
    /// The value of the `lang` URL parameter and of `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// Parses a BCP 47 tag loosely: any `zh` tag gets Traditional Chinese
    /// (the only Chinese we have), any `en` tag English, anything else `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhTw),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of a browser's preference list, else English.
    pub fn from_browser<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred.into_iter().find_map(Lang::from_tag).unwrap_or(Lang::En)
    }

    /// The other language (for the toggle).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::ZhTw,
            Lang::ZhTw => Lang::En,
        }
    }
}

/// The page-wide strings, and the labels that several widgets share (activations, initialisations, optimisers, data sets).
pub const STRINGS: Catalogue = &[
    ("page.title", "Activation Lab: why deep networks prefer ReLU", "激勵函數實驗室：深度網路為何偏好 ReLU"),
    (
        "page.lead",
        "A neural network is a stack of weighted sums, each followed by a nonlinear function, the activation. Which activation you pick decides how well the gradient survives the trip back through many layers. Every picture below is computed live in your browser.",
        "神經網路由一層層加權總和組成，每層之後接一個非線性函數，也就是激勵函數。選哪一個激勵函數，決定了梯度往回穿越許多層之後還剩多少。下面每張圖都是在你的瀏覽器裡即時算出來的。",
    ),
    ("lang.label", "Language", "語言"),
    ("lang.switch", "中文（台灣）", "English"),
    ("widget.loading", "Loading the interactive figure…", "互動圖表載入中…"),
    ("act.identity", "identity (no activation)", "恆等（不用激勵函數）"),
    ("act.sigmoid", "sigmoid σ", "sigmoid σ（S 型函數）"),
    ("act.tanh", "tanh", "tanh（雙曲正切）"),
    ("act.relu", "ReLU", "ReLU（線性整流）"),
    ("act.leaky_relu", "leaky ReLU", "Leaky ReLU（帶洩漏的 ReLU）"),
    ("act.softplus", "softplus", "softplus（平滑 ReLU）"),
    ("act.elu", "ELU", "ELU（指數線性單元）"),
    ("act.gelu", "GELU", "GELU（高斯誤差線性單元）"),
    ("act.silu", "SiLU (swish)", "SiLU（sigmoid 加權線性單元，又稱 swish）"),
    (
        "notice.bad_number",
        "The link sets “{param}” to “{value}”, which is not a number from {min} to {max}; using {used} instead.",
        "連結把「{param}」設為「{value}」，這不是 {min} 到 {max} 之間的數字；改用 {used}。",
    ),
    (
        "notice.step",
        "The link sets “{param}” to “{value}”, between the slider's steps of {step}; using {used}.",
        "連結把「{param}」設為「{value}」，落在滑桿的刻度（每格 {step}）之間；改用 {used}。",
    ),
    ("notice.unknown_name", "The link sets “{param}” to “{value}”, which this page does not know, so it is left out.", "連結把「{param}」設為「{value}」，本頁不認得這個值，已略過。"),
    ("notice.bad_flag", "The link sets “{param}” to “{value}”; only 1 (on) or 0 (off) are understood, so it is left as it was.", "連結把「{param}」設為「{value}」；這裡只接受 1（開）或 0（關），因此維持原設定。"),
    ("notice.bad_embed", "The link asks to show a figure this page does not have (“{value}”), so the whole page is shown.", "連結要求只顯示本頁沒有的圖表（「{value}」），因此顯示整頁。"),
    ("notice.bad_lang", "The link asks for a language this page does not have (“{value}”).", "連結指定了本頁沒有的語言（「{value}」）。"),
    ("error.panic", "This figure stopped because of an internal error. Reloading the page usually helps. Details: {detail}", "這張圖因內部錯誤而停止，重新載入頁面通常就能解決。詳細資訊：{detail}"),
    ("error.no_canvas", "This browser cannot draw on a canvas, so the figure cannot be shown.", "這個瀏覽器無法在 canvas 上繪圖，因此無法顯示這張圖。"),
    ("bench.title", "Speed of this page's network code on your device", "本頁網路程式在你裝置上的速度"),
    (
        "bench.workload",
        "Standard workload: network 2-8-8-8-8-8-8-1, 500 points, 200 epochs, forward and backward for every sample, an SGD step every 10 samples; median of 5 runs.",
        "標準工作量：網路 2-8-8-8-8-8-8-1、500 個資料點、200 個訓練週期，每個樣本都做前向與反向傳播，每 10 個樣本做一次 SGD 更新；取 5 次執行的中位數。",
    ),
    ("bench.result", "{act} hidden units: {us} µs per sample", "{act} 隱藏單元：每個樣本 {us} 微秒"),
    ("controls.more", "More settings", "更多設定"),
    ("controls.seed_new", "New seed", "換一個種子"),
    ("init.zero", "all zero", "全部為零"),
    ("init.constant", "constant 0.1", "常數 0.1"),
    ("init.uniform", "uniform ±0.5 (TensorFlow Playground)", "均勻分布 ±0.5（TensorFlow Playground）"),
    ("init.standard", "standard U[±1/√n] (pre-2010)", "傳統 U[±1/√n]（2010 年以前）"),
    ("init.xavier_uniform", "Xavier / Glorot, uniform", "Xavier / Glorot，均勻分布"),
    ("init.xavier_normal", "Xavier / Glorot, normal", "Xavier / Glorot，常態分布"),
    ("init.he_uniform", "He, uniform", "He，均勻分布"),
    ("init.he_normal", "He, normal", "He，常態分布"),
    ("init.normal", "normal N(0, 1)", "常態分布 N(0, 1)"),
    ("opt.sgd", "SGD", "SGD"),
    ("opt.momentum", "Momentum", "Momentum"),
    ("opt.adagrad", "Adagrad", "Adagrad"),
    ("opt.adam", "Adam", "Adam"),
    ("footer", "Activation Lab computes everything in your browser and sends nothing anywhere; it also works offline.", "激勵函數實驗室的所有計算都在你的瀏覽器中完成，不會傳送任何資料，離線也能使用。"),
];

/// The catalogue that holds `key`: its widget's, chosen by the prefix, or the page's.
fn catalogue(key: &str) -> Catalogue {
    let prefix = key.split('.').next().unwrap_or("");
    crate::widget::REGISTRY.iter().find(|w| w.id == prefix).map_or(STRINGS, |w| w.strings)
}

/// The string for `key` in `lang`. A key that no catalogue holds gives a
/// visible marker, `⟨missing text⟩`, not a blank (tests keep every
/// catalogue complete, so the reader should never see it).
pub fn t(lang: Lang, key: &str) -> &'static str {
    match catalogue(key).iter().find(|(k, _, _)| *k == key) {
        Some((_, en, zh)) => match lang {
            Lang::En => en,
            Lang::ZhTw => zh,
        },
        None => MISSING,
    }
}

/// What [`t`] gives for a key no catalogue holds.
pub const MISSING: &str = "⟨missing text⟩";

/// `t` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// The display name of an activation.
pub fn activation_label(lang: Lang, a: Activation) -> &'static str {
    t(lang, &format!("act.{}", a.name()))
}

/// A number with at most `digits` significant decimals, trailing zeros
/// dropped, infinities as ∞ (the same in both languages).
pub fn fmt_num(x: f64, digits: usize) -> String {
    if x == f64::INFINITY {
        return "∞".into();
    }
    if x == f64::NEG_INFINITY {
        return "−∞".into();
    }
    if x != 0.0 && (x.abs() < 1e-3 || x.abs() >= 1e6) {
        return sci(x, digits);
    }
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    let s = if s == "-0" { "0".to_string() } else { s };
    s.replace('-', "−")
}

/// A power of ten as a tick label: `10⁻⁶`, `10⁰`, `10³` (VISUAL.md: not `1e-6`).
pub fn pow10(e: i32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut s = String::from("10");
    if e < 0 {
        s.push('⁻');
    }
    for d in e.unsigned_abs().to_string().bytes() {
        s.push(SUP[(d - b'0') as usize]);
    }
    s
}

/// A number with `sig` significant digits for sentences and read-outs:
/// plain between 0.001 and 10⁴ (`0.0012`, `0.25`, `1234`), otherwise
/// `9.5 × 10⁻⁷` (VISUAL.md: 2-4 significant digits, never `1e-6`).
/// Not finite: `—`.
pub fn sci(x: f64, sig: usize) -> String {
    let sig = sig.max(1);
    if !x.is_finite() {
        return "—".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let sign = if x < 0.0 { "−" } else { "" };
    let a = x.abs();
    let mut e = a.log10().floor() as i32;
    let scale = 10f64.powi(sig as i32 - 1);
    let mut m = (a / 10f64.powi(e) * scale).round() / scale;
    // Rounding the mantissa can carry it to 10.
    if m >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    if (-3..4).contains(&e) {
        let decimals = (sig as i32 - 1 - e).max(0) as usize;
        let r = (a * 10f64.powi(decimals as i32)).round() / 10f64.powi(decimals as i32);
        return format!("{sign}{}", fmt_num(r, decimals));
    }
    format!("{sign}{} × {}", fmt_num(m, sig - 1), pow10(e))
}

/// An interval such as (0, 1) or [0, ∞).
pub fn fmt_range(range: (f64, f64), closed: (bool, bool)) -> String {
    format!(
        "{}{}, {}{}",
        if closed.0 { '[' } else { '(' },
        fmt_num(range.0, 4),
        fmt_num(range.1, 4),
        if closed.1 { ']' } else { ')' }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::ALL;

    #[test]
    fn every_activation_has_a_label() {
        for a in ALL {
            for lang in [Lang::En, Lang::ZhTw] {
                assert_ne!(activation_label(lang, a), MISSING, "{a}");
            }
        }
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::ZhTw));
        assert_eq!(Lang::from_tag("zh_Hant_HK"), Some(Lang::ZhTw));
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_browser(["fr-FR", "zh-CN", "en"]), Lang::ZhTw);
        assert_eq!(Lang::from_browser(["de"]), Lang::En);
    }

    #[test]
    fn powers_of_ten_read_as_such() {
        assert_eq!(pow10(-6), "10⁻⁶");
        assert_eq!(pow10(0), "10⁰");
        assert_eq!(pow10(12), "10¹²");
        assert_eq!(sci(9.5367e-7, 2), "9.5 × 10⁻⁷");
        assert_eq!(sci(9.99e-7, 2), "1 × 10⁻⁶");
        assert_eq!(sci(0.25, 2), "0.25");
        assert_eq!(sci(123456.0, 3), "1.23 × 10⁵");
        assert_eq!(sci(0.0012, 2), "0.0012", "small plain numbers keep their significant digits");
        assert_eq!(sci(-2.5e-9, 2), "−2.5 × 10⁻⁹");
        assert_eq!(sci(f64::NAN, 2), "—");
    }

    #[test]
    fn numbers_format_compactly() {
        assert_eq!(fmt_num(0.25, 4), "0.25");
        assert_eq!(fmt_num(-0.0, 4), "0");
        assert_eq!(fmt_num(-0.16997, 4), "−0.17");
        assert_eq!(fmt_num(f64::INFINITY, 4), "∞");
        assert_eq!(fmt_num(1e-4, 3), "1 × 10⁻⁴", "never 1.00e-4 (VISUAL.md)");
        assert_eq!(fmt_num(-2.5e7, 2), "−2.5 × 10⁷");
        assert_eq!(fmt_range((0.0, f64::INFINITY), (true, false)), "[0, ∞)");
    }
}
