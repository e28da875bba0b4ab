//! The `cost` widget: a live micro-benchmark in the reader's browser, nanoseconds per evaluation of f and f′ for each activation, with the clock's coarseness said out loud.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::cost::DEFAULT_RUNS;
use crate::i18n::Catalogue;
use crate::url::{Control, Kind, Params, Value};

use super::Entry;

pub const ID: &str = "cost";

/// The state of the `cost` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct CostParams {
    /// Bars on a logarithmic axis (ratios read as equal distances).
    pub log: bool,
    /// Timed runs per bar (odd, so the median is one of them).
    pub runs: usize,
}

impl Default for CostParams {
    fn default() -> Self {
        CostParams { log: false, runs: DEFAULT_RUNS }
    }
}

impl Params for CostParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "log",
            label: "cost.log",
            kind: Kind::Bool,
            rebuild: false,
            more: false,
            get: |p| Value::Bool(p.log),
            set: |p, v| p.log = v.on(),
        },
        Control {
            name: "runs",
            label: "cost.runs",
            kind: Kind::Num { min: 3.0, max: 15.0, step: 2.0 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.runs as f64),
            set: |p, v| p.runs = v.num() as usize,
        },
    ];
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(CostParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &[
        "cost.short.sigmoid",
        "cost.short.tanh",
        "cost.short.relu",
        "cost.short.leaky_relu",
        "cost.short.softplus",
        "cost.short.elu",
        "cost.short.gelu",
        "cost.short.silu",
    ],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The widget's own strings.
pub const STRINGS: Catalogue = &[
    ("cost.title", "6. What each function costs to compute", "6. 每個函數的計算成本"),
    (
        "cost.intro",
        "A sigmoid, a tanh or a softplus needs an exponential; a ReLU needs one comparison with zero. A network evaluates its activation once per unit per sample on the way forward, and its derivative f′ once more on the way back, so the difference adds up. Rather than quote someone else's numbers, this figure times every function right now, in your browser, on your device. The nanoseconds change from one device and browser to the next; the order of the bars is what carries over.",
        "sigmoid、tanh 和 softplus 都要算一次指數函數，ReLU 只要和零比較一次。網路每處理一個樣本，每個神經元在前向時要算一次激勵函數，反向傳播時還要再算一次導數 f′，差距就這樣累積起來。與其引用別人的數字，這張圖此刻就在你的瀏覽器、你的裝置上，替每個函數計時。奈秒數會隨裝置和瀏覽器而變，長條的先後順序才是到哪裡都成立的結論。",
    ),
    ("cost.again", "Measure again", "重新測量"),
    ("cost.log", "Logarithmic axis", "對數座標軸"),
    ("cost.runs", "Timed runs per bar (the median is shown)", "每條長條的計時次數（顯示中位數）"),
    ("cost.axis", "ns per evaluation", "每次計算的奈秒數（ns）"),
    ("cost.browser", "Measured in: {browser}", "測量環境：{browser}"),
    ("cost.browser_unknown", "this browser", "這個瀏覽器"),
    ("cost.unmeasurable", "unmeasurable", "無法測量"),
    ("cost.pending", "waiting…", "等待中…"),
    (
        "cost.canvas_label",
        "Bar chart: nanoseconds per evaluation of f and f′ for each activation, measured in this browser. {key}",
        "長條圖：各激勵函數計算一次 f 與 f′ 所需的奈秒數，在這個瀏覽器中測得。{key}",
    ),
    ("cost.state.waiting", "The measurement starts when this figure is on screen.", "這張圖出現在畫面上時就會開始測量。"),
    ("cost.state.clock", "Reading the clock…", "正在檢查時鐘…"),
    ("cost.state.warmup", "Warming up: one untimed round, so the browser has compiled the code fully…", "暖身中：先跑一輪不計時，讓瀏覽器把程式完整編譯好…"),
    ("cost.state.round", "Measuring: round {round} of {runs}…", "測量中：第 {round} 輪，共 {runs} 輪…"),
    (
        "cost.state.done",
        "Done. Each bar is the median of {runs} runs, each at least {ms} ms long on the clock.",
        "完成。每條長條是 {runs} 次計時的中位數，每次在時鐘上至少 {ms} 毫秒。",
    ),
    ("cost.state.failed", "Nothing could be timed in this browser (see below).", "這個瀏覽器無法計時（原因見下方）。"),
    (
        "cost.key.slower",
        "On this device, one evaluation of sigmoid takes {ratio}× as long as one of ReLU: {sigmoid} ns against {relu} ns.",
        "在這台裝置上，算一次 sigmoid 所花的時間是 ReLU 的 {ratio} 倍：{sigmoid} ns 對 {relu} ns。",
    ),
    (
        "cost.key.close",
        "This time sigmoid ({sigmoid} ns) was not clearly slower than ReLU ({relu} ns) on this device; if the browser was busy, measure again.",
        "這一次在這台裝置上，sigmoid（{sigmoid} ns）沒有明顯比 ReLU（{relu} ns）慢；如果瀏覽器剛才很忙，請重新測量。",
    ),
    ("cost.key.pending", "The ratio of sigmoid to ReLU appears here once both are timed.", "sigmoid 與 ReLU 都計時完成後，兩者的倍數會顯示在這裡。"),
    ("cost.key.none", "No ratio can be given: this browser's clock could not time them.", "無法算出倍數：這個瀏覽器的時鐘沒辦法替它們計時。"),
    ("cost.key.dearest", "The most expensive f here is {act}, at {ns} ns per evaluation.", "這裡最昂貴的 f 是 {act}，每次計算 {ns} ns。"),
    ("cost.clock.tick_only", "This browser's clock advances in steps of {tick}.", "這個瀏覽器的時鐘每 {tick} 才前進一格。"),
    (
        "cost.clock.tick",
        "This browser's clock advances in steps of {tick} (browsers blur it on purpose, against timing attacks). Every run lasts at least {ms} ms, so the steps can shift a bar by at most {pct}%.",
        "這個瀏覽器的時鐘每 {tick} 才前進一格（瀏覽器刻意降低時鐘精度，以防範計時攻擊）。每次計時至少持續 {ms} 毫秒，所以時鐘的刻度最多讓長條偏差 {pct}%。",
    ),
    (
        "cost.clock.coarse",
        "Careful: this browser's clock advances only in steps of {tick}, so a bar can be off by up to {pct}% (the thin lines at the bar ends show how much). Treat smaller differences as noise.",
        "注意：這個瀏覽器的時鐘每 {tick} 才前進一格，所以長條最多可能偏差 {pct}%（長條末端的細線標出範圍）。比這更小的差距請當作雜訊。",
    ),
    (
        "cost.clock.too_coarse",
        "This browser's clock advances only in steps of {tick}: too coarse to time anything without freezing the page, so every bar is unmeasurable.",
        "這個瀏覽器的時鐘每 {tick} 才前進一格，太粗了：要計時就得讓頁面卡住，因此所有長條都無法測量。",
    ),
    (
        "cost.clock.stopped",
        "This browser's clock did not advance once in {reads} readings, so nothing can be timed here: every bar is unmeasurable.",
        "這個瀏覽器的時鐘在連續讀取 {reads} 次之間完全沒有前進，因此這裡無法計時：所有長條都無法測量。",
    ),
    (
        "cost.how",
        "How it is measured: each function runs on the same {inputs} random inputs between −{range} and {range}, pass after pass, and every result is added into a checksum, so the compiler cannot skip the work. A run lasts at least {ms} ms, read on the browser's own clock; runs take turns across the functions after one untimed warm-up round, and the work is cut into slices of a few milliseconds between screen frames, so the page stays responsive while it measures.",
        "測量方式：每個函數都在同一組 {inputs} 個介於 −{range} 與 {range} 之間的隨機輸入上一遍又一遍地計算，每個結果都加進一個檢查和，讓編譯器無法省略這些工作。每次計時以瀏覽器自己的時鐘計算至少 {ms} 毫秒；先跑一輪不計時的暖身，之後各函數輪流計時，工作切成每段幾毫秒、穿插在畫面更新之間，所以測量時頁面仍能即時回應。",
    ),
    ("cost.short.identity", "identity", "恆等"),
    ("cost.short.sigmoid", "sigmoid", "sigmoid"),
    ("cost.short.tanh", "tanh", "tanh"),
    ("cost.short.relu", "ReLU", "ReLU"),
    ("cost.short.leaky_relu", "leaky ReLU", "leaky ReLU"),
    ("cost.short.softplus", "softplus", "softplus"),
    ("cost.short.elu", "ELU", "ELU"),
    ("cost.short.gelu", "GELU", "GELU"),
    ("cost.short.silu", "SiLU", "SiLU"),
];
