//! The `backprop` widget: one training sample stepped through a small network, forward, loss, backward and update, with every number shown.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::activation::{Activation, ALL, NAMES};
use crate::i18n::{t, tf, Catalogue, Lang};
use crate::url::{Control, Kind, Params, Value};
use model::{sig4, EdgeQty, Node, Stage, View};

use super::Entry;

pub const ID: &str = "backprop";

/// Largest number of hidden layers the diagram offers.
pub const MAX_DEPTH: usize = 6;
/// Largest number of units per hidden layer.
pub const MAX_WIDTH: usize = 4;
/// Most updates a link may replay before the pass it shows.
pub const MAX_ITER: usize = 999;
/// Largest seed the seed box takes.
pub const MAX_SEED: u32 = 99_999;

/// State of the `backprop` widget: everything the figure shows follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct BackpropParams {
    /// Hidden layers, 1..=MAX_DEPTH.
    pub depth: usize,
    /// Units per hidden layer, 1..=MAX_WIDTH.
    pub width: usize,
    /// Activation of the hidden units (the output unit is a sigmoid).
    pub act: Activation,
    /// Seed of the initial weights.
    pub seed: u64,
    /// The training sample: inputs in [-1, 1] and a target in [0, 1].
    pub x1: f64,
    pub x2: f64,
    pub target: f64,
    /// SGD learning rate, 1e-4..=10 (a log10 slider).
    pub lr: f64,
    /// Updates already applied to the initial weights (0..=MAX_ITER).
    pub iter: usize,
    /// Position in the current pass, 0..stages() (see [`Stage`]).
    pub stage: usize,
}

impl Default for BackpropParams {
    fn default() -> Self {
        BackpropParams {
            depth: 2,
            width: 3,
            act: Activation::Sigmoid,
            seed: 1,
            x1: 0.8,
            x2: -0.4,
            target: 1.0,
            lr: 0.5,
            iter: 0,
            stage: 0,
        }
    }
}

impl BackpropParams {
    /// Hidden layers and units per layer, clamped to what the diagram offers.
    pub fn shape(&self) -> (usize, usize) {
        (self.depth.clamp(1, MAX_DEPTH), self.width.clamp(1, MAX_WIDTH))
    }

    /// Number of stages in one pass for this depth.
    pub fn stages(&self) -> usize {
        Stage::count(self.shape().0)
    }

    /// The stage shown (a stage past the end, left by a smaller depth, is the last).
    pub fn current_stage(&self) -> Stage {
        let depth = self.shape().0;
        Stage::from_index(self.stage.min(Stage::count(depth) - 1), depth)
    }

    /// Advances one stage; after the update the next pass starts from the
    /// updated weights. Mutates `stage` and `iter`; false when already at
    /// the last stage of the last allowed pass.
    pub fn step_forward(&mut self) -> bool {
        let n = self.stages();
        self.stage = self.stage.min(n - 1);
        if self.stage + 1 < n {
            self.stage += 1;
        } else if self.iter < MAX_ITER {
            self.iter += 1;
            self.stage = 0;
        } else {
            return false;
        }
        true
    }

    /// Goes back one stage, into the previous pass from its start. Mutates
    /// `stage` and `iter`; false at the very beginning.
    pub fn step_back(&mut self) -> bool {
        let n = self.stages();
        self.stage = self.stage.min(n - 1);
        if self.stage > 0 {
            self.stage -= 1;
        } else if self.iter > 0 {
            self.iter -= 1;
            self.stage = n - 1;
        } else {
            return false;
        }
        true
    }

    /// Back to the initial weights, before the first layer (mutates `iter`, `stage`).
    pub fn reset(&mut self) {
        self.iter = 0;
        self.stage = 0;
    }
}

impl Params for BackpropParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "depth",
            label: "backprop.depth",
            kind: Kind::Num { min: 1.0, max: MAX_DEPTH as f64, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.depth as f64),
            set: |p, v| p.depth = v.num().round() as usize,
        },
        Control {
            name: "width",
            label: "backprop.width",
            kind: Kind::Num { min: 1.0, max: MAX_WIDTH as f64, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.width as f64),
            set: |p, v| p.width = v.num().round() as usize,
        },
        Control {
            name: "act",
            label: "backprop.act",
            kind: Kind::Choice { names: &NAMES, labels: "act" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(p.act.index()),
            set: |p, v| p.act = ALL[v.index().min(ALL.len() - 1)],
        },
        Control {
            name: "lr",
            label: "backprop.lr",
            kind: Kind::Log10 { min: -4.0, max: 1.0, step: 0.1 },
            rebuild: false,
            more: false,
            get: |p| Value::Num(p.lr),
            set: |p, v| p.lr = v.num(),
        },
        Control {
            name: "target",
            label: "backprop.target",
            kind: Kind::Num { min: 0.0, max: 1.0, step: 0.01 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.target),
            set: |p, v| p.target = v.num(),
        },
        Control {
            name: "xone",
            label: "backprop.x1",
            kind: Kind::Num { min: -1.0, max: 1.0, step: 0.01 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.x1),
            set: |p, v| p.x1 = v.num(),
        },
        Control {
            name: "xtwo",
            label: "backprop.x2",
            kind: Kind::Num { min: -1.0, max: 1.0, step: 0.01 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.x2),
            set: |p, v| p.x2 = v.num(),
        },
        Control {
            name: "seed",
            label: "backprop.seed",
            kind: Kind::Seed { max: MAX_SEED },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.seed as f64),
            set: |p, v| p.seed = v.num() as u64,
        },
        Control {
            name: "stage",
            label: "backprop.stage",
            kind: Kind::Num { min: 0.0, max: (2 * MAX_DEPTH + 4) as f64, step: 1.0 },
            rebuild: false,
            more: true,
            get: |p| Value::Num(p.stage as f64),
            set: |p, v| p.stage = v.num().round() as usize,
        },
        Control {
            name: "updates",
            label: "backprop.iter",
            kind: Kind::Num { min: 0.0, max: MAX_ITER as f64, step: 1.0 },
            rebuild: false,
            more: true,
            get: |p| Value::Num(p.iter as f64),
            set: |p, v| p.iter = v.num().round() as usize,
        },
    ];
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(BackpropParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &["backprop.node"],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The stage's name as the figure writes it.
pub fn stage_label(lang: Lang, v: &View) -> String {
    match v.stage {
        Stage::Start => t(lang, "backprop.stage.start").into(),
        Stage::Forward(k) => {
            tf(lang, "backprop.stage.forward", &[("k", &k.to_string()), ("n", &(v.depth() + 1).to_string())])
        }
        Stage::Loss => tf(lang, "backprop.stage.loss", &[("loss", &sig4(v.pass.loss))]),
        Stage::Backward(k) => tf(lang, "backprop.stage.backward", &[("k", &k.to_string())]),
        Stage::Update => tf(lang, "backprop.stage.update", &[("lr", &sig4(v.lr))]),
    }
}

/// What the edges show and how to read their colours.
pub fn legend_label(lang: Lang, q: EdgeQty) -> String {
    let what = match q {
        EdgeQty::Weight => "backprop.legend.weight",
        EdgeQty::Grad => "backprop.legend.grad",
        EdgeQty::Step => "backprop.legend.step",
    };
    format!("{} · {}", t(lang, what), t(lang, "backprop.legend.scale"))
}

/// One title per column: input, hidden 1..depth, output.
pub fn column_labels(lang: Lang, v: &View) -> Vec<String> {
    let mut labels = vec![t(lang, "backprop.col.input").to_string()];
    labels.extend((1..=v.depth()).map(|k| tf(lang, "backprop.col.hidden", &[("k", &k.to_string())])));
    labels.push(t(lang, "backprop.col.output").into());
    labels
}

/// A unit's name in a sentence ("unit 2 of hidden layer 1").
pub fn unit_name(lang: Lang, v: &View, n: Node) -> String {
    if n.col == 0 {
        tf(lang, "backprop.unit.input", &[("i", &model::sub(n.unit + 1))])
    } else if n.col == v.columns() - 1 {
        t(lang, "backprop.unit.output").into()
    } else {
        tf(lang, "backprop.unit.hidden", &[("j", &(n.unit + 1).to_string()), ("k", &n.col.to_string())])
    }
}

/// The key number in a sentence: the loss before and after this pass's update.
pub fn key_sentence(lang: Lang, v: &View) -> String {
    tf(
        lang,
        "backprop.key",
        &[("lr", &sig4(v.lr)), ("before", &sig4(v.pass.loss)), ("after", &sig4(v.loss_after))],
    )
}

/// This widget's strings: (key, English, Traditional Chinese); placeholders are `{name}`.
pub const STRINGS: Catalogue = &[
    ("backprop.title", "3. Backpropagation, one step at a time", "3. 反向傳播，一步一步來"),
    (
        "backprop.intro",
        "One training sample goes through a small network. Step forward and each layer forms its weighted sums z and its outputs a = f(z); the loss then measures how far the output y lies from the target t. The backward pass visits the same layers in reverse order: each unit gets an error signal δ, its own slope f′(z) times the weighted sum of the signals coming back from the layer nearer the output, and each weight's gradient is the δ of the unit it feeds times the activation it carries. Last, every weight takes one step against its gradient. The numbers come from the same code that trains the networks elsewhere on this page.",
        "讓一個訓練樣本走過一個小網路。每按一次「下一步」，就有一層算出加權總和 z 與輸出 a = f(z)；接著用損失衡量輸出 y 離目標值 t 有多遠。反向傳播（backpropagation）再把這些層倒過來走一遍：每個神經元得到一個誤差訊號 δ，等於它自己的斜率 f′(z) 乘上較靠近輸出那一層傳回來的訊號的加權總和；每個權重的梯度，等於它所連到的神經元的 δ，乘上它所傳遞的輸出值。最後，每個權重都朝梯度的反方向走一步。圖上的數字，和本頁其他地方訓練網路所用的是同一套程式碼。",
    ),
    ("backprop.depth", "Hidden layers (depth)", "隱藏層數（深度）"),
    ("backprop.width", "Units per hidden layer (width)", "每層神經元數（寬度）"),
    ("backprop.act", "Activation of the hidden units", "隱藏層的激勵函數"),
    ("backprop.seed", "Seed of the initial weights", "初始權重的亂數種子"),
    ("backprop.x1", "Input x₁", "輸入 x₁"),
    ("backprop.x2", "Input x₂", "輸入 x₂"),
    ("backprop.target", "Target t", "目標值 t"),
    ("backprop.lr", "Learning rate η", "學習率 η"),
    ("backprop.stage", "Step within the pass", "這一輪中的步驟"),
    ("backprop.iter", "Updates done", "已完成的更新次數"),
    ("backprop.next", "Next step", "下一步"),
    ("backprop.prev", "Previous step", "上一步"),
    ("backprop.play", "Play", "播放"),
    ("backprop.pause", "Pause", "暫停"),
    ("backprop.reset", "Reset", "重設"),
    ("backprop.plane", "Drag the point to move the sample (x₁, x₂)", "拖曳這個點來移動樣本 (x₁, x₂)"),
    ("backprop.stage.start", "Start: the sample (x₁, x₂) enters; edges show the weights", "開始：樣本 (x₁, x₂) 進入網路；連線代表權重"),
    (
        "backprop.stage.forward",
        "Forward pass, layer {k} of {n}: z = Σ w·a + b, then a = f(z)",
        "前向傳播，第 {k} 層（共 {n} 層）：z = Σ w·a + b，再得到 a = f(z)",
    ),
    ("backprop.stage.loss", "Loss: L = ½ (y − t)² = {loss}", "損失：L = ½ (y − t)² = {loss}"),
    (
        "backprop.stage.backward",
        "Backward pass, layer {k}: δ = f′(z) · Σ w·δ, and ∂L/∂w = δ · a",
        "反向傳播，第 {k} 層：δ = f′(z) · Σ w·δ，而 ∂L/∂w = δ · a",
    ),
    (
        "backprop.stage.update",
        "Update: every weight moves by Δw = −η · ∂L/∂w (η = {lr})",
        "更新：每個權重移動 Δw = −η · ∂L/∂w（η = {lr}）",
    ),
    ("backprop.legend.weight", "Edges: weight w", "連線：權重 w"),
    ("backprop.legend.grad", "Edges: gradient ∂L/∂w", "連線：梯度 ∂L/∂w"),
    ("backprop.legend.step", "Edges: change Δw", "連線：變化量 Δw"),
    ("backprop.legend.scale", "orange < 0 < blue, width ∝ |value|", "橘色 < 0 < 藍色，線寬 ∝ |數值|"),
    ("backprop.col.input", "input", "輸入"),
    ("backprop.col.hidden", "hidden {k}", "隱藏層 {k}"),
    ("backprop.col.output", "output", "輸出"),
    ("backprop.unit.input", "input x{i}", "輸入 x{i}"),
    ("backprop.unit.hidden", "unit {j} of hidden layer {k}", "隱藏層 {k} 的第 {j} 個神經元"),
    ("backprop.unit.output", "the output unit", "輸出神經元"),
    (
        "backprop.chain.hint",
        "Click an edge (a weight), or focus the diagram and press ← →, to see its gradient written out by the chain rule.",
        "點一條連線（一個權重），或選取圖表後按 ← →，就能看到它的梯度依連鎖律（chain rule）展開的算式。",
    ),
    ("backprop.chain.title", "Gradient of the weight from {from} to {to}", "從{from}到{to}的權重的梯度"),
    (
        "backprop.chain.explain",
        "By the chain rule, this weight's gradient is the error signal δ of the unit it feeds times the activation a it carries; that δ is the unit's slope f′(z) times the error arriving from the layer nearer the output.",
        "依連鎖律，這個權重的梯度 = 它所連到的神經元的誤差訊號 δ × 它所傳遞的輸出值 a；而這個 δ = 該神經元的斜率 f′(z) × 從較靠近輸出那一層傳回來的誤差。",
    ),
    (
        "backprop.chain.check",
        "The core's backward pass stored {core} for this weight; the product above differs from it by {diff}.",
        "核心程式的反向傳播為這個權重存下的值是 {core}；上面的乘積與它相差 {diff}。",
    ),
    (
        "backprop.chain.update",
        "With learning rate η = {lr} the update moves it by {dw}: from {w} to {new}.",
        "學習率 η = {lr} 時，這次更新讓它移動 {dw}：從 {w} 變成 {new}。",
    ),
    (
        "backprop.key",
        "One step with learning rate {lr} takes the loss from {before} to {after}.",
        "以學習率 {lr} 更新一步，損失從 {before} 變為 {after}。",
    ),
    (
        "backprop.diverged",
        "After {n} updates the weights overflowed: the learning rate is too large. Lower it or press Reset.",
        "更新 {n} 次後權重溢位：學習率太大了。請調低學習率，或按「重設」。",
    ),
    ("backprop.node", "{unit}: {values}", "{unit}：{values}"),
    ("backprop.plane_label", "The sample (x₁, x₂) in the input plane; arrow keys move it", "輸入平面上的樣本 (x₁, x₂)；可用方向鍵移動"),
    ("backprop.canvas_label", "Diagram of the network. {stage}. {key}", "網路示意圖。{stage}。{key}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_walks_every_stage_and_crosses_into_the_next_pass() {
        let mut p = BackpropParams { depth: 3, ..BackpropParams::default() };
        let n = p.stages();
        assert_eq!(n, 2 * 3 + 5, "start, 4 forward, loss, 4 backward, update");
        let mut seen = vec![p.current_stage()];
        while p.iter == 0 {
            assert!(p.step_forward());
            seen.push(p.current_stage());
        }
        assert_eq!(seen.len(), n + 1);
        assert_eq!(seen[0], Stage::Start);
        assert_eq!(seen[n - 1], Stage::Update);
        assert_eq!(seen[n], Stage::Start, "after the update, the next pass");
        assert!(p.step_back());
        assert_eq!((p.iter, p.current_stage()), (0, Stage::Update));
        p.reset();
        assert!(!p.step_back(), "nothing before the first stage");
        let mut last = BackpropParams { iter: MAX_ITER, stage: n - 1, ..p.clone() };
        assert!(!last.step_forward());
        // A stage left over from a deeper network is read as the last one.
        let shallow = BackpropParams { depth: 1, stage: 12, ..BackpropParams::default() };
        assert_eq!(shallow.current_stage(), Stage::Update);
    }

    #[test]
    fn labels_name_the_stage_columns_and_units_in_both_languages() {
        let p = BackpropParams { depth: 3, stage: Stage::Forward(2).index(3), ..BackpropParams::default() };
        let v = model::compute(&p);
        assert_eq!(stage_label(Lang::En, &v), "Forward pass, layer 2 of 4: z = Σ w·a + b, then a = f(z)");
        assert!(stage_label(Lang::ZhTw, &v).starts_with("前向傳播，第 2 層（共 4 層）"));
        assert_eq!(column_labels(Lang::En, &v), ["input", "hidden 1", "hidden 2", "hidden 3", "output"]);
        assert_eq!(unit_name(Lang::ZhTw, &v, Node { col: 2, unit: 0 }), "隱藏層 2 的第 1 個神經元");
        assert_eq!(unit_name(Lang::En, &v, Node { col: 0, unit: 1 }), "input x₂");
        let loss = model::compute(&BackpropParams { stage: Stage::Loss.index(2), ..BackpropParams::default() });
        assert!(stage_label(Lang::En, &loss).ends_with(&sig4(loss.pass.loss)));
        let key = key_sentence(Lang::En, &v);
        assert!(key.contains(&sig4(v.pass.loss)) && key.contains(&sig4(v.loss_after)), "{key}");
        assert!(legend_label(Lang::ZhTw, EdgeQty::Grad).starts_with("連線：梯度"));
    }
}
