//! The `zigzag` widget: one unit with two weights learns by gradient descent; with all-positive inputs both weights must move the same way at every step, so the path zig-zags and arrives late.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::i18n::Catalogue;
use crate::url::{Control, Kind, Params, Value};

use super::Entry;

pub const ID: &str = "zigzag";

/// The weight plane shown is [-WINDOW, WINDOW]².
pub const WINDOW: f64 = 3.0;
/// log10 of the learning rates offered.
pub const LR_LOG10: (f64, f64) = (-3.0, 1.0);
/// Steps offered.
pub const STEPS: (usize, usize) = (10, 2000);

/// What the unit's inputs look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inputs {
    /// All positive, as the outputs of a sigmoid layer are.
    Positive,
    /// The same inputs shifted to mean zero, as tanh outputs roughly are.
    Centred,
}

impl Inputs {
    pub const ALL: [Inputs; 2] = [Inputs::Positive, Inputs::Centred];

    /// The stable name (URL value; `zigzag.inputs.<name>` is its label).
    pub const fn name(self) -> &'static str {
        match self {
            Inputs::Positive => "positive",
            Inputs::Centred => "centred",
        }
    }
}

const INPUT_NAMES: [&str; 2] = [Inputs::Positive.name(), Inputs::Centred.name()];

/// The state of the `zigzag` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct ZigzagParams {
    pub inputs: Inputs,
    /// The learning rate (the slider moves its log10).
    pub lr: f64,
    /// Gradient steps taken (at most; a run stops at the optimum or when it diverges).
    pub steps: usize,
    /// Where descent starts, (w1, w2).
    pub start: [f64; 2],
}

impl Default for ZigzagParams {
    fn default() -> Self {
        ZigzagParams { inputs: Inputs::Positive, lr: 0.5, steps: 500, start: [-2.0, 2.0] }
    }
}

/// A coordinate of the start: a slider (the keyboard's way; the pointer drags it on the chart).
const fn coordinate(
    name: &'static str,
    label: &'static str,
    get: fn(&ZigzagParams) -> Value,
    set: fn(&mut ZigzagParams, Value),
) -> Control<ZigzagParams> {
    Control { name, label, kind: Kind::Num { min: -WINDOW, max: WINDOW, step: 0.01 }, rebuild: false, more: true, get, set }
}

impl Params for ZigzagParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "inputs",
            label: "zigzag.inputs",
            kind: Kind::Choice { names: &INPUT_NAMES, labels: "zigzag.inputs" },
            rebuild: false,
            more: false,
            get: |p| Value::Choice(Inputs::ALL.iter().position(|i| *i == p.inputs).unwrap_or(0)),
            set: |p, v| p.inputs = Inputs::ALL.get(v.index()).copied().unwrap_or(Inputs::Positive),
        },
        Control {
            name: "lr",
            label: "zigzag.lr",
            kind: Kind::Log10 { min: LR_LOG10.0, max: LR_LOG10.1, step: 0.05 },
            rebuild: false,
            more: false,
            get: |p| Value::Num(p.lr),
            set: |p, v| p.lr = v.num(),
        },
        Control {
            name: "steps",
            label: "zigzag.steps",
            kind: Kind::Num { min: STEPS.0 as f64, max: STEPS.1 as f64, step: 10.0 },
            rebuild: false,
            more: false,
            get: |p| Value::Num(p.steps as f64),
            set: |p, v| p.steps = v.num() as usize,
        },
        coordinate("startx", "zigzag.startx", |p| Value::Num(p.start[0]), |p, v| p.start[0] = v.num()),
        coordinate("starty", "zigzag.starty", |p| Value::Num(p.start[1]), |p, v| p.start[1] = v.num()),
    ];
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(ZigzagParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &["zigzag.axis_w1", "zigzag.axis_w2", "zigzag.lr_value"],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The widget's own strings: (key, English, Traditional Chinese).
pub const STRINGS: Catalogue = &[
    ("zigzag.title", "5. Why zero-centred inputs help", "5. 為什麼輸入以零為中心比較好"),
    (
        "zigzag.intro",
        "Take one unit with two weights, y = w₁x₁ + w₂x₂, learning from its error (y − t) one example at a time. The gradient for weight i is (y − t)·xᵢ: a single error multiplied by each input. When every input is positive, as every output of a sigmoid layer is, both gradients carry the sign of that one error, so at each step both weights go up together or down together. If the best weights need one to rise while the other falls, descent can only get there in a staircase of alternating moves. Shift the same inputs to mean zero, as tanh's outputs roughly are, and each weight can move its own way.",
        "考慮只有兩個權重的神經元 y = w₁x₁ + w₂x₂，每次用一個例子的誤差 (y − t) 來學習。權重 i 的梯度是 (y − t)·xᵢ：同一個誤差乘上各自的輸入。當所有輸入都是正數（sigmoid 層的輸出一定如此），兩個梯度的正負號就都跟著這一個誤差走，所以每一步兩個權重只能一起變大或一起變小。如果最佳權重需要一個上升、另一個下降，梯度下降只能走出一段來回交錯的階梯。把同樣的輸入平移成平均為零（tanh 的輸出大致如此），每個權重就能各走各的方向。",
    ),
    ("zigzag.inputs", "Inputs", "輸入"),
    ("zigzag.inputs.positive", "all positive (like sigmoid outputs)", "全為正（像 sigmoid 的輸出）"),
    ("zigzag.inputs.centred", "zero-centred (like tanh outputs)", "以零為中心（像 tanh 的輸出）"),
    ("zigzag.lr", "Learning rate", "學習率"),
    ("zigzag.steps", "Steps", "步數"),
    ("zigzag.startx", "Start: w₁", "起點的 w₁"),
    ("zigzag.starty", "Start: w₂", "起點的 w₂"),
    ("zigzag.axis_w1", "w₁", "w₁"),
    ("zigzag.axis_w2", "w₂", "w₂"),
    ("zigzag.lr_value", "η = {lr}", "η = {lr}"),
    ("zigzag.loss", "loss", "損失"),
    ("zigzag.optimum", "optimum", "最佳點"),
    ("zigzag.start", "start", "起點"),
    ("zigzag.strip", "each step: both gradients of one sign (dark) or of opposite signs (light)", "每一步：兩個梯度同號（深色）或異號（淺色）"),
    (
        "zigzag.canvas_label",
        "Loss contours over the two weights, with the path of gradient descent",
        "兩個權重上的損失等高線，以及梯度下降走過的路徑",
    ),
    ("zigzag.key_steps", "steps to the optimum", "到達最佳點的步數"),
    ("zigzag.reached", "{n} steps", "{n} 步"),
    ("zigzag.not_reached", "not within {n} steps", "{n} 步內未到達"),
    ("zigzag.diverged", "diverged at step {n}", "第 {n} 步發散"),
    (
        "zigzag.compare",
        "From this start at this learning rate: all-positive inputs {positive}; zero-centred inputs {centred}.",
        "從這個起點、用這個學習率：全為正的輸入 {positive}；以零為中心的輸入 {centred}。",
    ),
    (
        "zigzag.same_sign",
        "{same} of {steps} steps moved both weights in the same direction.",
        "{steps} 步中有 {same} 步兩個權重朝同一方向移動。",
    ),
    (
        "zigzag.diverged_banner",
        "Diverged at step {n}: the learning rate is too high, each step overshoots further. Lower it, or press reset.",
        "在第 {n} 步發散：學習率太高，每一步都衝得更遠。請調低學習率，或按「重設」。",
    ),
    ("zigzag.reset", "Reset", "重設"),
    (
        "zigzag.hint",
        "Drag on the chart, or tap it, to move the start; the path follows. Under “More settings” the start moves by keyboard.",
        "在圖上拖曳或點一下即可移動起點，路徑會跟著重畫；在「更多設定」裡可以用鍵盤移動起點。",
    ),
    (
        "zigzag.alt",
        "Elliptical loss contours; the descent path {outcome}, {same} of {steps} steps with both weights moving the same way.",
        "橢圓形的損失等高線；梯度下降的路徑{outcome}，{steps} 步中有 {same} 步兩個權重同向移動。",
    ),
];
