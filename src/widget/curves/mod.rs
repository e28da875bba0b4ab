//! The `curves` widget: each activation f and its derivative f′, saturated zones marked, exact values read out, and a table of properties.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;

use crate::activation::{Activation, Saturation, SlopeWhere, ALL, NAMES};
use crate::i18n::{fmt_num, t, tf, Catalogue, Lang};
use crate::url::{Control, Kind, Params, Value};

use super::Entry;

pub const ID: &str = "curves";

/// The activations drawn when the address says nothing.
pub const DEFAULT_SHOWN: [Activation; 3] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

/// The state of the `curves` widget.
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
        CurvesParams { shown, range: 6.0 }
    }
}

impl CurvesParams {
    /// The activations to draw, in the page's order.
    pub fn shown(&self) -> impl Iterator<Item = Activation> + '_ {
        ALL.into_iter().filter(|a| self.shown[a.index()])
    }
}

impl Params for CurvesParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "act",
            label: "curves.show",
            kind: Kind::Set { names: &NAMES, labels: "act" },
            rebuild: true,
            more: false,
            get: |p| Value::Set(p.shown.to_vec()),
            set: |p, v| {
                if let Value::Set(on) = v {
                    for (s, o) in p.shown.iter_mut().zip(on) {
                        *s = o;
                    }
                }
            },
        },
        Control {
            name: "range",
            label: "curves.range",
            kind: Kind::Num { min: 1.0, max: 50.0, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.range),
            set: |p, v| p.range = v.num(),
        },
    ];
}

/// The formula column of the table (notation, the same in both languages).
pub fn formula(a: Activation) -> String {
    match a {
        Activation::Identity => "x".into(),
        Activation::Sigmoid => "1 / (1 + e⁻ˣ)".into(),
        Activation::Tanh => "(eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)".into(),
        Activation::Relu => "max(0, x)".into(),
        Activation::LeakyRelu(al) => format!("x > 0 ? x : {}·x", fmt_num(al, 3)),
        Activation::Softplus => "ln(1 + eˣ)".into(),
        Activation::Elu(al) => format!("x > 0 ? x : {}·(eˣ − 1)", fmt_num(al, 3)),
        Activation::Gelu => "x · Φ(x)".into(),
        Activation::Silu => "x · σ(x)".into(),
    }
}

/// The table cell for where the largest slope is reached.
pub fn slope_where(lang: Lang, w: SlopeWhere, at: Option<f64>) -> String {
    match w {
        SlopeWhere::Point => tf(lang, "curves.where.point", &[("x", &fmt_num(at.unwrap_or(0.0), 4))]),
        SlopeWhere::Everywhere => t(lang, "curves.where.everywhere").into(),
        SlopeWhere::Positive => t(lang, "curves.where.positive").into(),
        SlopeWhere::Limit => t(lang, "curves.where.limit").into(),
    }
}

/// The table cell for the flat tails.
pub fn saturation(lang: Lang, s: Saturation) -> &'static str {
    match s {
        Saturation::None => t(lang, "curves.sat.none"),
        Saturation::Left => t(lang, "curves.sat.left"),
        Saturation::Both => t(lang, "curves.sat.both"),
    }
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(CurvesParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &["curves.panel_f", "curves.panel_df", "curves.table.formula", "curves.readout_x"],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The widget's own strings.
pub const STRINGS: Catalogue = &[
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
    ("curves.table.caption", "What each activation looks like from a gradient's point of view", "從梯度的角度看每個激勵函數"),
    ("curves.table.name", "Activation", "激勵函數"),
    ("curves.table.formula", "f(x)", "f(x)"),
    ("curves.table.range", "Output range", "輸出範圍"),
    ("curves.table.zero_centred", "Zero-centred", "以零為中心"),
    ("curves.table.max_slope", "Largest |f′|", "最大 |f′|"),
    ("curves.table.where", "Reached", "出現位置"),
    ("curves.table.saturates", "Flat tails (f′ → 0)", "平坦的尾端（f′ → 0）"),
    ("curves.yes", "yes", "是"),
    ("curves.no", "no", "否"),
    ("curves.where.point", "at x = {x}", "x = {x} 處"),
    ("curves.where.everywhere", "everywhere", "處處"),
    ("curves.where.positive", "for every x > 0", "所有 x > 0"),
    ("curves.where.limit", "only as x → ∞", "僅在 x → ∞ 時趨近"),
    ("curves.sat.none", "none", "沒有"),
    ("curves.sat.left", "left (x < 0)", "左側（x < 0）"),
    ("curves.sat.both", "both", "兩側"),
];
