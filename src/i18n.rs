//! Every user-visible string, in English and Traditional Chinese (zh-TW), looked up by key.

use crate::activation::{Activation, Saturation, SlopeWhere};

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

/// (key, English, Traditional Chinese). Placeholders are `{name}`.
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("page.title", "Activation Lab: why deep networks prefer ReLU", "激勵函數實驗室：深度網路為何偏好 ReLU"),
    (
        "page.lead",
        "A neural network is a stack of weighted sums, each followed by a nonlinear function, the activation. Which activation you pick decides how well the gradient survives the trip back through many layers. Every picture below is computed live in your browser.",
        "神經網路由一層層加權總和組成，每層之後接一個非線性函數，也就是激勵函數。選哪一個激勵函數，決定了梯度往回穿越許多層之後還剩多少。下面每張圖都是在你的瀏覽器裡即時算出來的。",
    ),
    ("lang.label", "Language", "語言"),
    ("lang.switch", "中文（台灣）", "English"),
    ("widget.loading", "Loading the interactive figure…", "互動圖表載入中…"),
    ("curves.title", "1. The functions and their slopes", "1. 函數與它們的斜率"),
    (
        "curves.intro",
        "The top panel draws each activation f, the bottom panel its derivative f′, the factor a gradient is multiplied by when it passes back through that unit. Where f′ is nearly zero the unit is saturated: whatever error arrives there, almost nothing gets through. The sigmoid's slope never exceeds 0.25, reached only at x = 0; tanh is a stretched sigmoid, tanh(x) = 2σ(2x) − 1, with slope up to 1 but the same flat tails; ReLU has slope exactly 1 for every positive input and costs a single comparison; softplus, ln(1 + eˣ), is its smooth cousin, and its derivative is the sigmoid.",
        "上圖畫出各個激勵函數 f，下圖畫出它的導數 f′：梯度往回穿過這個單元時，就要乘上這個數。f′ 幾乎為零的地方，單元處於飽和：傳到這裡的誤差，幾乎一點也傳不過去。sigmoid 的斜率最大只有 0.25，而且只在 x = 0 時達到；tanh 是拉伸過的 sigmoid，tanh(x) = 2σ(2x) − 1，斜率最大可到 1，但兩端一樣平坦；ReLU 對每個正的輸入斜率都恰好是 1，計算只需要一次比較；softplus，即 ln(1 + eˣ)，是它的平滑版本，而它的導數正是 sigmoid。",
    ),
    ("curves.show", "Functions shown", "顯示的函數"),
    ("curves.range", "x range ±", "x 的範圍 ±"),
    ("curves.panel_f", "f(x)", "f(x)"),
    ("curves.panel_df", "f′(x)", "f′(x)"),
    (
        "curves.shading",
        "The coloured bars under the chart mark each function's saturated zones, where |f′| is below 5% of its largest slope; with a single function shown, they are shaded on the chart too.",
        "圖下方的彩色橫條標出各函數的飽和區，也就是 |f′| 小於該函數最大斜率 5% 的地方；只顯示一個函數時，圖上也會把這些區域塗上底色。",
    ),
    ("curves.sigmoid_peak", "σ′ max 0.25 at x = 0", "σ′ 最大值 0.25（x = 0）"),
    ("curves.readout_hint", "Move the pointer or a finger over the chart, or focus it and press ← →, to read exact values.", "把游標或手指移到圖上，或選取圖表後按 ← →，即可讀出精確數值。"),
    ("curves.readout_x", "x = {x}", "x = {x}"),
    ("curves.canvas_label", "Chart of the selected activation functions (top) and their derivatives (bottom)", "所選激勵函數（上）與其導數（下）的圖表"),
    ("curves.none", "Tick at least one function to draw it.", "請至少勾選一個函數來繪圖。"),
    ("table.caption", "What each activation looks like from a gradient's point of view", "從梯度的角度看每個激勵函數"),
    ("table.name", "Activation", "激勵函數"),
    ("table.formula", "f(x)", "f(x)"),
    ("table.range", "Output range", "輸出範圍"),
    ("table.zero_centred", "Zero-centred", "以零為中心"),
    ("table.max_slope", "Largest |f′|", "最大 |f′|"),
    ("table.where", "Reached", "出現位置"),
    ("table.saturates", "Flat tails (f′ → 0)", "平坦的尾端（f′ → 0）"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("where.point", "at x = {x}", "x = {x} 處"),
    ("where.everywhere", "everywhere", "處處"),
    ("where.positive", "for every x > 0", "所有 x > 0"),
    ("where.limit", "only as x → ∞", "僅在 x → ∞ 時趨近"),
    ("sat.none", "none", "沒有"),
    ("sat.left", "left (x < 0)", "左側（x < 0）"),
    ("sat.both", "both", "兩側"),
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
        "notice.unknown_act",
        "The link names an activation this page does not know (“{value}”), so it is left out.",
        "連結裡指定了本頁不認得的激勵函數（「{value}」），已略過。",
    ),
    (
        "notice.bad_number",
        "The link sets “{param}” to “{value}”, which is not a number from {min} to {max}; using {used} instead.",
        "連結把「{param}」設為「{value}」，這不是 {min} 到 {max} 之間的數字；改用 {used}。",
    ),
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
    ("footer", "Activation Lab computes everything in your browser and sends nothing anywhere; it also works offline.", "激勵函數實驗室的所有計算都在你的瀏覽器中完成，不會傳送任何資料，離線也能使用。"),
];

/// The string for `key` in `lang`; an unknown key comes back as itself so a
/// missing translation is visible rather than blank (a test keeps the table complete).
pub fn t(lang: Lang, key: &str) -> &'static str {
    match STRINGS.iter().find(|(k, _, _)| *k == key) {
        Some((_, en, zh)) => match lang {
            Lang::En => en,
            Lang::ZhTw => zh,
        },
        None => {
            // Leak-free fallback: the key is not 'static, so return a marker.
            "⟨missing text⟩"
        }
    }
}

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

/// The table cell for where the largest slope is reached.
pub fn slope_where(lang: Lang, w: SlopeWhere, at: Option<f64>) -> String {
    match w {
        SlopeWhere::Point => tf(lang, "where.point", &[("x", &fmt_num(at.unwrap_or(0.0), 4))]),
        SlopeWhere::Everywhere => t(lang, "where.everywhere").into(),
        SlopeWhere::Positive => t(lang, "where.positive").into(),
        SlopeWhere::Limit => t(lang, "where.limit").into(),
    }
}

/// The table cell for the flat tails.
pub fn saturation(lang: Lang, s: Saturation) -> &'static str {
    match s {
        Saturation::None => t(lang, "sat.none"),
        Saturation::Left => t(lang, "sat.left"),
        Saturation::Both => t(lang, "sat.both"),
    }
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
        return format!("{x:.*e}", digits.saturating_sub(1)).replace('-', "−");
    }
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    let s = if s == "-0" { "0".to_string() } else { s };
    s.replace('-', "−")
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
    fn every_string_exists_in_both_languages_and_keys_are_unique() {
        let mut keys = std::collections::HashSet::new();
        for (k, en, zh) in STRINGS {
            assert!(keys.insert(*k), "duplicate key {k}");
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{k} is empty in a language");
            // Placeholders must match between the two languages.
            let ph = |s: &str| {
                let mut v: Vec<String> =
                    s.split('{').skip(1).filter_map(|p| p.split('}').next().map(String::from)).collect();
                v.sort();
                v
            };
            assert_eq!(ph(en), ph(zh), "placeholders differ for {k}");
        }
    }

    #[test]
    fn chinese_strings_are_chinese() {
        // Apart from pure notation (formula headers), a zh-TW string must carry CJK text.
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (k, en, zh) in STRINGS {
            if en != zh && *k != "lang.switch" {
                assert!(cjk(zh), "{k}: no Chinese in {zh:?}");
            }
        }
        assert!(cjk(t(Lang::En, "lang.switch")), "the English page offers Chinese in Chinese");
    }

    #[test]
    fn every_activation_has_a_label() {
        for a in ALL {
            for lang in [Lang::En, Lang::ZhTw] {
                assert_ne!(activation_label(lang, a), "⟨missing text⟩", "{a}");
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
    fn numbers_format_compactly() {
        assert_eq!(fmt_num(0.25, 4), "0.25");
        assert_eq!(fmt_num(-0.0, 4), "0");
        assert_eq!(fmt_num(-0.16997, 4), "−0.17");
        assert_eq!(fmt_num(f64::INFINITY, 4), "∞");
        assert_eq!(fmt_range((0.0, f64::INFINITY), (true, false)), "[0, ∞)");
    }
}
