//! The `backprop` widget: one training sample stepped through a small network, forward, loss, backward and update, with every number shown.
//!
//! Provisional: `Params` and `STRINGS` are final in shape; the `CONTROLS`
//! table and `dom.rs` follow the widget registry.

pub mod chart;
pub mod model;

use crate::activation::Activation;
use model::Stage;

/// Largest number of hidden layers the diagram offers.
pub const MAX_DEPTH: usize = 6;
/// Largest number of units per hidden layer.
pub const MAX_WIDTH: usize = 4;
/// Most updates a link may replay before the pass it shows.
pub const MAX_ITER: usize = 999;

/// State of the `backprop` widget: everything the figure shows follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
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

impl Default for Params {
    fn default() -> Self {
        Params {
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

impl Params {
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

/// This widget's strings: (key, English, Traditional Chinese); placeholders are `{name}`.
pub const STRINGS: &[(&str, &str, &str)] = &[
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
        "Click an edge (a weight) to see its gradient written out by the chain rule.",
        "點一條連線（一個權重），就能看到它的梯度依連鎖律（chain rule）展開的算式。",
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
    ("backprop.canvas_label", "Diagram of the network. {stage}. {key}", "網路示意圖。{stage}。{key}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_walks_every_stage_and_crosses_into_the_next_pass() {
        let mut p = Params { depth: 3, ..Params::default() };
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
        let mut last = Params { iter: MAX_ITER, stage: n - 1, ..p.clone() };
        assert!(!last.step_forward());
        // A stage left over from a deeper network is read as the last one.
        let shallow = Params { depth: 1, stage: 12, ..Params::default() };
        assert_eq!(shallow.current_stage(), Stage::Update);
    }

    #[test]
    fn strings_are_prefixed_unique_and_in_both_languages() {
        let mut keys = std::collections::HashSet::new();
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let ph = |s: &'static str| {
            let mut v: Vec<&'static str> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
            v.sort();
            v
        };
        for (k, en, zh) in STRINGS {
            assert!(k.starts_with("backprop."), "{k}");
            assert!(keys.insert(*k), "duplicate {k}");
            assert!(!en.trim().is_empty() && cjk(zh), "{k}: zh-TW must be translated: {zh:?}");
            assert_eq!(ph(en), ph(zh), "placeholders differ for {k}");
        }
    }
}
