//! The `vanishing` widget: how the gradient shrinks, layer by layer, on its way back through a deep network, and why (the chain rule's factors).

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::activation::{Activation, ALL as ACTIVATIONS, NAMES as ACT_NAMES};
use crate::i18n::{activation_label, fmt_num, t, tf, Catalogue, Lang};
use crate::init::{Init, ALL as INITS};
use crate::url::{Control, Kind, Params, Value};

use super::Entry;
use chart::Labels;
use model::View;

pub const ID: &str = "vanishing";

/// The stable names of `init::ALL`, in its order (the menu's and the address's).
pub const INIT_NAMES: [&str; 9] =
    ["zero", "constant", "uniform", "standard", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "normal"];

/// The state of the `vanishing` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct VanishingParams {
    /// The hidden layers' activation (the output is always a sigmoid).
    pub act: Activation,
    /// Hidden layers, 1 to 64.
    pub depth: usize,
    /// Units per hidden layer, 1 to 32.
    pub width: usize,
    /// How the weights are drawn (biases start at 0).
    pub init: Init,
    /// Whether the page trains the network a few steps per frame.
    pub train: bool,
    /// The learning rate (a slider over log10, 1e-4 to 10); hot.
    pub lr: f64,
    /// Seeds the data, the weights and the order of training.
    pub seed: u64,
}

impl Default for VanishingParams {
    /// Sigmoid, 10 hidden layers of 16, Xavier (Glorot) uniform: the
    /// article's setting, where layer 1 gets about 10⁻⁶ of the output
    /// layer's gradient at first sight. At a learning rate of 0.1, ReLU
    /// and tanh networks of the same shape learn the task within a few
    /// hundred steps while the sigmoid one stays stuck (higher rates kill
    /// ReLU units or diverge).
    fn default() -> Self {
        VanishingParams {
            act: Activation::Sigmoid,
            depth: 10,
            width: 16,
            init: Init::XavierUniform,
            train: false,
            lr: 0.1,
            seed: 1,
        }
    }
}

impl Params for VanishingParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "act",
            label: "vanishing.act",
            kind: Kind::Choice { names: &ACT_NAMES, labels: "act" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(p.act.index()),
            set: |p, v| p.act = ACTIVATIONS[v.index().min(ACTIVATIONS.len() - 1)],
        },
        Control {
            name: "depth",
            label: "vanishing.depth",
            kind: Kind::Num { min: 1.0, max: 64.0, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.depth as f64),
            set: |p, v| p.depth = v.num() as usize,
        },
        Control {
            name: "init",
            label: "vanishing.init",
            kind: Kind::Choice { names: &INIT_NAMES, labels: "init" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(INITS.iter().position(|i| i.name() == p.init.name()).unwrap_or(0)),
            set: |p, v| p.init = INITS[v.index().min(INITS.len() - 1)],
        },
        Control {
            name: "train",
            label: "vanishing.train",
            kind: Kind::Bool,
            rebuild: false,
            more: false,
            get: |p| Value::Bool(p.train),
            set: |p, v| p.train = v.on(),
        },
        Control {
            name: "lr",
            label: "vanishing.lr",
            kind: Kind::Log10 { min: -4.0, max: 1.0, step: 0.1 },
            rebuild: false,
            more: false,
            get: |p| Value::Num(p.lr),
            set: |p, v| p.lr = v.num(),
        },
        Control {
            name: "width",
            label: "vanishing.width",
            kind: Kind::Num { min: 1.0, max: 32.0, step: 1.0 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.width as f64),
            set: |p, v| p.width = v.num() as usize,
        },
        Control {
            name: "seed",
            label: "vanishing.seed",
            kind: Kind::Seed { max: 999_999 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.seed as f64),
            set: |p, v| p.seed = v.num() as u64,
        },
    ];
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(VanishingParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &[],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// `n` in superscript digits: 10 -> "¹⁰", -7 -> "⁻⁷".
pub fn superscript(n: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let sign = if n < 0 { "⁻" } else { "" };
    sign.chars().chain(n.unsigned_abs().to_string().chars().map(|c| DIGITS[(c as u8 - b'0') as usize])).collect()
}

use crate::chart::scale::sci as fmt_sci;

/// The sentence under the figure: how much of the output layer's gradient layer 1 receives.
pub fn sentence(lang: Lang, v: &View) -> String {
    match v.ratio {
        None => t(lang, "vanishing.sentence_none").to_string(),
        Some(0.0) => t(lang, "vanishing.sentence_zero").to_string(),
        Some(r) => {
            tf(lang, "vanishing.sentence", &[("ratio", &fmt_sci(r, 2)), ("out", &(v.depth + 1).to_string())])
        }
    }
}

/// The second sentence: what the slopes alone allow over the depth.
pub fn slopes_sentence(lang: Lang, v: &View) -> String {
    let slope = fmt_num(v.max_slope, 3);
    tf(
        lang,
        "vanishing.slopes",
        &[
            ("act", activation_label(lang, v.act)),
            ("slope", &slope),
            ("power", &format!("{slope}{}", superscript(v.depth as i32))),
            ("bound", &fmt_sci(v.bound_ratio, 2)),
        ],
    )
}

/// The line about training: untrained, step and loss, paused, or diverged.
pub fn status(lang: Lang, v: &View, training: bool) -> String {
    let loss = fmt_sci(v.loss, 3);
    let step = v.step.to_string();
    let mut s = match (v.diverged, training, v.step) {
        (Some(at), _, _) => tf(lang, "vanishing.status.diverged", &[("step", &at.to_string())]),
        (None, true, _) => tf(lang, "vanishing.status.training", &[("step", &step), ("loss", &loss)]),
        (None, false, 0) => tf(lang, "vanishing.status.untrained", &[("loss", &loss)]),
        (None, false, _) => tf(lang, "vanishing.status.paused", &[("step", &step), ("loss", &loss)]),
    };
    if v.overflow {
        s.push(' ');
        s.push_str(t(lang, "vanishing.status.overflow"));
    }
    s
}

/// The math panel's total line, and whether the estimate misses by over ten times.
pub fn math_total(lang: Lang, v: &View) -> String {
    let ratio = v.ratio.map_or_else(|| "—".to_string(), |r| fmt_sci(r, 2));
    let mut s = tf(lang, "vanishing.math.total", &[("estimate", &fmt_sci(v.estimate, 2)), ("ratio", &ratio)]);
    let off = match v.ratio {
        Some(r) if r > 0.0 && v.estimate > 0.0 => (v.estimate / r).log10().abs() > 1.0,
        _ => false,
    };
    if off {
        s.push(' ');
        s.push_str(t(lang, "vanishing.math.off"));
    }
    s
}

/// The chart's words in `lang` for `v`.
pub fn chart_labels(lang: Lang, v: &View) -> Labels {
    let s = |k: &str| t(lang, k).to_string();
    Labels {
        layer_axis: s("vanishing.axis.layer"),
        output: s("vanishing.axis.out"),
        grad_axis: s("vanishing.axis.grad"),
        measured: s("vanishing.label.measured"),
        slopes: tf(lang, "vanishing.label.slopes", &[("slope", &fmt_num(v.max_slope, 3))]),
        below: s("vanishing.label.below"),
        values_axis: s("vanishing.axis.values"),
        saturated_axis: s("vanishing.axis.saturated"),
        heat_key: s("vanishing.heat_key"),
    }
}

/// The widget's own strings.
pub const STRINGS: Catalogue = &[
    ("vanishing.title", "2. Depth kills sigmoid gradients", "2. 深度讓 sigmoid 的梯度消失"),
    (
        "vanishing.intro",
        "Backpropagation sends the error from the output back toward the input, one layer at a time. At every hidden layer the chain rule multiplies it by that layer's slopes f′(z) and by its weights. A sigmoid's slope is never more than 0.25, so a sigmoid layer passes back at most a quarter of what reaches it, and ten of them less than a millionth: the gradient vanishes before it reaches the first layers, which then hardly learn. Slide the depth and watch the first layers go quiet; then switch to ReLU with He initialisation, whose slope is exactly 1 wherever a unit is active.",
        "反向傳播（backpropagation）把誤差從輸出層一層一層往輸入層送回去。依照連鎖律（chain rule），每經過一個隱藏層，梯度就要乘上這一層的導數 f′(z)，再乘上它的權重。sigmoid 的導數最大只有 0.25，所以一層 sigmoid 最多只能把收到的梯度傳回四分之一，十層之後剩下不到百萬分之一：梯度在抵達最前面幾層之前就消失了（梯度消失，vanishing gradient），那幾層也就幾乎學不到東西。拖動深度滑桿，看最前面的幾層怎麼安靜下來；再換成 ReLU 配 He 初始化（initialisation），它在單元有作用時導數恰好是 1。",
    ),
    ("vanishing.act", "Activation of the hidden layers", "隱藏層的激勵函數"),
    ("vanishing.depth", "Depth (hidden layers)", "深度（層數）"),
    ("vanishing.width", "Width (units per layer)", "寬度（每層神經元數）"),
    ("vanishing.init", "Weight initialisation", "權重初始化"),
    ("vanishing.train", "Train the network", "訓練網路"),
    ("vanishing.lr", "Learning rate", "學習率（learning rate）"),
    ("vanishing.seed", "Random seed", "隨機種子"),
    ("vanishing.key_label", "Layer 1 receives", "第 1 層收到的梯度是輸出層的"),
    ("vanishing.key_of", "of the output layer's gradient", "倍"),
    (
        "vanishing.sentence",
        "Layer 1 receives {ratio} of the gradient that reaches the output layer (layer {out}).",
        "第 1 層收到的梯度，只有輸出層（第 {out} 層）的 {ratio}。",
    ),
    (
        "vanishing.sentence_zero",
        "Layer 1 receives no gradient at all: nothing of the output's error gets back to it, so it cannot learn.",
        "第 1 層完全收不到梯度：輸出端的誤差一點也傳不回來，所以它無法學習。",
    ),
    (
        "vanishing.sentence_none",
        "Not even the output layer receives a gradient, so no layer can learn.",
        "連輸出層都收不到梯度，因此沒有任何一層能學習。",
    ),
    (
        "vanishing.slopes",
        "On the way, the chain rule multiplies by one slope f′ per hidden layer. The slope of {act} is at most {slope}, so the slopes alone allow at most {power} = {bound}; the weights account for the rest (see the math below).",
        "一路上，連鎖律每經過一個隱藏層就乘上一個導數 f′。{act} 的導數最大是 {slope}，所以光是導數，最多只會留下 {power} = {bound}；其餘的差別來自權重（見下方的算式）。",
    ),
    ("vanishing.status.untrained", "Untrained (as initialised) · loss {loss}", "尚未訓練（剛初始化）· 損失 {loss}"),
    ("vanishing.status.training", "Training: step {step} · loss {loss}", "訓練中：第 {step} 步 · 損失 {loss}"),
    ("vanishing.status.paused", "Paused at step {step} · loss {loss}", "暫停於第 {step} 步 · 損失 {loss}"),
    (
        "vanishing.status.diverged",
        "Training diverged at step {step}: the learning rate is too high. The figure shows the network just before; lower the rate, or change another setting to start over.",
        "訓練在第 {step} 步發散：學習率太高。圖中顯示的是發散前一刻的網路；請調低學習率，或改變其他設定重新開始。",
    ),
    (
        "vanishing.status.overflow",
        "Some numbers grew beyond what the computer can hold and are shown as 0.",
        "有些數值大到超出電腦能表示的範圍，以 0 顯示。",
    ),
    (
        "vanishing.train_note",
        "Training uses plain SGD on batches of 16 points and binary cross-entropy loss; the 128 points have 8 inputs drawn from a standard normal distribution, and the task is to tell the half nearest the origin from the rest. Changing the learning rate keeps the network; any other setting starts again.",
        "訓練使用一般的 SGD，每個批次 16 個點，損失函數是二元交叉熵；128 個點各有 8 個取自標準常態分布的輸入，任務是分辨離原點較近的一半與其餘的點。改變學習率會保留目前的網路；改變其他設定則重新開始。",
    ),
    (
        "vanishing.saturation_note",
        "A unit is saturated when its slope is below 5% of the activation's largest slope: there the error passing back is all but stopped. The strip shows where each hidden layer's outputs lie, the bars what share of them is saturated.",
        "當一個單元的導數小於該激勵函數最大導數的 5%，它就處於飽和（saturated）狀態：往回傳的誤差幾乎全被擋下。色帶顯示每個隱藏層的輸出落在哪裡，長條顯示其中處於飽和的比例。",
    ),
    ("vanishing.axis.layer", "layer, input → output", "層，輸入 → 輸出"),
    ("vanishing.axis.out", "out", "輸出"),
    ("vanishing.axis.grad", "gradient ‖∂L/∂z‖", "梯度 ‖∂L/∂z‖"),
    ("vanishing.axis.values", "outputs f(z)", "輸出值 f(z)"),
    ("vanishing.axis.saturated", "saturated", "飽和"),
    ("vanishing.label.measured", "measured", "實測"),
    ("vanishing.label.slopes", "slopes alone: ×{slope} per layer", "只看導數：每層 ×{slope}"),
    ("vanishing.label.below", "0, or below 10⁻¹⁵⁰", "0，或小於 10⁻¹⁵⁰"),
    (
        "vanishing.heat_key",
        "share of a layer's outputs at each height: grey none, purple few, yellow the most",
        "各層輸出落在各高度的比例：灰色為無，紫色為少，黃色為最多",
    ),
    (
        "vanishing.canvas_label",
        "Gradient size per layer on a log scale, from layer 1 at the input to the output layer, with the slopes-only line; below it, where each hidden layer's outputs lie and how many are saturated.",
        "各層梯度大小的對數圖，從輸入端的第 1 層到輸出層，並畫出只看導數時的衰減線；下方是各隱藏層輸出的分布與飽和的比例。",
    ),
    ("vanishing.math.title", "Show the math", "展開算式"),
    (
        "vanishing.math.intro",
        "The chain rule gives the gradient at layer l as f′(z_l) ⊙ (W_{l+1}ᵀ × the gradient at layer l+1). So each step back multiplies its size by about two numbers: the layer's typical slope, √mean f′(z)² over its units and the samples (norms add squares, so this, not the mean |f′|, is the factor), and the weights' gain ‖W‖/√n, where ‖W‖ is the Frobenius norm (the square root of the sum of the squared weights) and n the number of rows of W. Here they are for this network, multiplied out from the output layer back to layer 1, beside what was measured.",
        "連鎖律告訴我們：第 l 層的梯度等於 f′(z_l) ⊙（W_{l+1}ᵀ 乘上第 l+1 層的梯度）。所以每往回一層，梯度的大小大約乘上兩個數：這一層導數的典型值 √mean f′(z)²（對所有神經元與樣本取平均；向量長度是平方相加，所以該用它，而不是 |f′| 的平均），以及權重的放大倍率 ‖W‖/√n，其中 ‖W‖ 是 Frobenius 範數（所有權重平方和的平方根），n 是 W 的列數。下表列出這個網路的這些數字，從輸出層一路乘回第 1 層，旁邊是實際量到的值。",
    ),
    ("vanishing.math.layer", "Layer ← from", "第幾層 ← 來自"),
    ("vanishing.math.slope", "typical |f′|", "典型 |f′|"),
    ("vanishing.math.norm", "‖W‖ (Frobenius)", "‖W‖（Frobenius 範數）"),
    ("vanishing.math.gain", "gain ‖W‖/√n", "放大倍率 ‖W‖/√n"),
    ("vanishing.math.factor", "estimated factor", "估計倍率"),
    ("vanishing.math.measured", "measured factor", "實測倍率"),
    ("vanishing.math.product", "estimate so far", "累乘估計"),
    ("vanishing.math.ratio", "measured so far", "累乘實測"),
    ("vanishing.math.total", "Multiplied out: {estimate} estimated, {ratio} measured.", "全部乘起來：估計 {estimate}，實測 {ratio}。"),
    (
        "vanishing.math.off",
        "Here the estimate misses by more than ten times: it assumes that which units have a large slope has nothing to do with the direction the gradient points in, and in this network it has.",
        "這裡的估計差了十倍以上：估計時假設「哪些神經元的導數大」與梯度指向的方向無關，但在這個網路裡兩者有關。",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::{read, write, Query, Scope};

    #[test]
    fn init_names_are_the_cores_in_its_order() {
        let core: Vec<&str> = INITS.iter().map(|i| i.name()).collect();
        assert_eq!(core, INIT_NAMES);
        for (i, n) in INIT_NAMES.iter().enumerate() {
            assert_eq!(Init::from_name(n, None), Some(INITS[i]));
        }
    }

    #[test]
    fn numbers_are_written_as_on_paper() {
        assert_eq!(superscript(-6), "⁻⁶");
        assert_eq!(superscript(10), "¹⁰");
        assert_eq!(fmt_sci(9.5367431640625e-7, 2), "9.5 × 10⁻⁷");
        assert_eq!(fmt_sci(1.0 / 1_048_576.0, 3), "9.54 × 10⁻⁷");
        assert_eq!(fmt_sci(9.96e-5, 2), "1 × 10⁻⁴", "rounding carries into the exponent");
        assert_eq!(fmt_sci(0.29054, 2), "0.29");
        assert_eq!(fmt_sci(1.0381, 2), "1");
        assert_eq!(fmt_sci(0.0012158, 2), "0.0012");
        assert_eq!(fmt_sci(3.7e31, 2), "3.7 × 10³¹");
        assert_eq!(fmt_sci(-2.5e-9, 2), "−2.5 × 10⁻⁹");
        assert_eq!(fmt_sci(0.0, 2), "0");
        assert_eq!(fmt_sci(f64::NAN, 2), "—");
    }

    #[test]
    fn the_sentence_states_the_measured_ratio() {
        let v = model::compute(&VanishingParams::default());
        let r = v.ratio.unwrap();
        let en = sentence(Lang::En, &v);
        assert!(en.contains(&fmt_sci(r, 2)) && en.contains("layer 11"), "{en}");
        assert!(sentence(Lang::ZhTw, &v).contains("第 11 層"));
        let s = slopes_sentence(Lang::En, &v);
        assert!(s.contains("0.25¹⁰ = 9.5 × 10⁻⁷"), "{s}");
        let zero = model::compute(&VanishingParams { init: Init::Zero, ..Default::default() });
        assert_eq!(sentence(Lang::En, &zero), t(Lang::En, "vanishing.sentence_zero"));
    }

    #[test]
    fn the_address_round_trips_the_article_settings() {
        let p = VanishingParams {
            act: Activation::Relu,
            depth: 37,
            width: 5,
            init: Init::HeNormal,
            train: true,
            lr: 0.0316,
            seed: 42,
        };
        for scope in [Scope::Page, Scope::Embed] {
            let mut pairs = Vec::new();
            write(&p, scope, &mut pairs);
            let mut back = VanishingParams::default();
            let mut notices = Vec::new();
            read(&mut back, &Query::parse(&crate::url::encode(&pairs)), scope, &mut notices);
            assert_eq!(notices, []);
            assert_eq!(back, p, "{pairs:?}");
        }
        let q = Query::parse("?vanishing.depth=99&vanishing.act=relu&vanishing.init=he&vanishing.lr=100");
        let (mut p, mut notices) = (VanishingParams::default(), Vec::new());
        read(&mut p, &q, Scope::Page, &mut notices);
        assert_eq!((p.depth, p.act, p.lr), (64, Activation::Relu, 10.0));
        assert_eq!(notices.len(), 3, "depth and lr clamped, init name unknown: {notices:?}");
    }
}
