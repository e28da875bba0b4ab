//! The `dead-relu` widget: a ReLU network trained live, the share of dead units per layer over the steps, every unit's activity, the loss, and five presets that tell the story with their own numbers.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::activation::Activation;
use crate::data::Shape;
use crate::i18n::{fmt_num, tf, Catalogue, Lang};
use crate::init::{BiasInit, Init, BIAS_ALL, BIAS_NAMES};
use crate::optimizer::Rule;
use crate::url::{Control, Kind, Params, Value};

use super::Entry;
use model::{compare, Compare, Outcome, HORIZON};

pub const ID: &str = "dead-relu";

/// The activations offered: the ReLU family, and GELU and SiLU for contrast.
pub const ACTS: [Activation; 5] =
    [Activation::Relu, Activation::LeakyRelu(0.01), Activation::Elu(1.0), Activation::Gelu, Activation::Silu];
pub const ACT_NAMES: [&str; 5] = ["relu", "leaky_relu", "elu", "gelu", "silu"];
/// The data sets offered, as [`Shape::ALL`] names them.
pub const DATA_NAMES: [&str; 4] = ["circle", "xor", "gauss", "spiral"];

/// The state of the `dead-relu` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadReluParams {
    /// Learning rate, 1e-4 to 10 on a log slider; hot.
    pub lr: f64,
    /// The hidden units' activation (the output is tanh).
    pub act: Activation,
    /// Hidden layers, 1 to 10.
    pub depth: usize,
    /// Units per hidden layer, 1 to 16.
    pub width: usize,
    pub init: Init,
    pub bias: BiasInit,
    /// The optimiser; hot (its state restarts, the network stays).
    pub opt: Rule,
    pub data: Shape,
    /// Seeds the weights, then the data, then the order of the mini-batches.
    pub seed: u64,
}

/// The healthy start: ReLU, Xavier initialisation, SGD at 0.1, four hidden
/// layers of eight on the spiral, seed 8. On this seed every preset points
/// the same way as its average over 16 seeds (a test checks it).
pub const HEALTHY: DeadReluParams = DeadReluParams {
    lr: 0.1,
    act: Activation::Relu,
    depth: 4,
    width: 8,
    init: Init::XavierUniform,
    bias: BiasInit::Zero,
    opt: Rule::Sgd,
    data: Shape::Spiral,
    seed: 8,
};

/// The learning rate of the "too high" presets.
pub const HIGH_LR: f64 = 1.0;

/// One button of the presets row.
pub struct Preset {
    /// Its `data-preset` and the end of its text keys.
    pub name: &'static str,
    pub params: DeadReluParams,
    /// The preset its story compares with (an index into [`PRESETS`]).
    pub against: Option<usize>,
}

/// The article's story, one change at a time.
pub const PRESETS: [Preset; 5] = [
    Preset { name: "healthy", params: HEALTHY, against: None },
    Preset { name: "high_lr", params: DeadReluParams { lr: HIGH_LR, ..HEALTHY }, against: Some(0) },
    Preset { name: "he", params: DeadReluParams { lr: HIGH_LR, init: Init::HeNormal, ..HEALTHY }, against: Some(1) },
    Preset {
        name: "adagrad",
        params: DeadReluParams { lr: HIGH_LR, opt: Rule::Adagrad { eps: 1e-8 }, ..HEALTHY },
        against: Some(1),
    },
    Preset {
        name: "leaky",
        params: DeadReluParams { lr: HIGH_LR, act: Activation::LeakyRelu(0.01), ..HEALTHY },
        against: Some(1),
    },
];

impl Default for DeadReluParams {
    fn default() -> Self {
        HEALTHY
    }
}

fn index_of(names: &[&str], name: &str) -> usize {
    names.iter().position(|n| *n == name).unwrap_or(0)
}

impl Params for DeadReluParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "lr",
            label: "dead-relu.lr",
            kind: Kind::Log10 { min: -4.0, max: 1.0, step: 0.1 },
            rebuild: false,
            more: false,
            get: |p| Value::Num(p.lr),
            set: |p, v| p.lr = v.num(),
        },
        Control {
            name: "act",
            label: "dead-relu.act",
            kind: Kind::Choice { names: &ACT_NAMES, labels: "act" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(index_of(&ACT_NAMES, p.act.name())),
            set: |p, v| p.act = ACTS[v.index().min(ACTS.len() - 1)],
        },
        Control {
            name: "depth",
            label: "dead-relu.depth",
            kind: Kind::Num { min: 1.0, max: 10.0, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.depth as f64),
            set: |p, v| p.depth = v.num() as usize,
        },
        Control {
            name: "init",
            label: "dead-relu.init",
            kind: Kind::Choice { names: &crate::init::NAMES, labels: "init" },
            rebuild: true,
            more: true,
            get: |p| Value::Choice(index_of(&crate::init::NAMES, p.init.name())),
            set: |p, v| p.init = crate::init::ALL[v.index().min(crate::init::ALL.len() - 1)],
        },
        Control {
            name: "bias",
            label: "dead-relu.bias",
            kind: Kind::Choice { names: &BIAS_NAMES, labels: "dead-relu.bias" },
            rebuild: true,
            more: true,
            get: |p| Value::Choice(p.bias.name().map_or(0, |n| index_of(&BIAS_NAMES, n))),
            set: |p, v| p.bias = BIAS_ALL[v.index().min(BIAS_ALL.len() - 1)],
        },
        Control {
            name: "opt",
            label: "dead-relu.opt",
            kind: Kind::Choice { names: &crate::optimizer::NAMES, labels: "opt" },
            rebuild: false,
            more: true,
            get: |p| Value::Choice(index_of(&crate::optimizer::NAMES, p.opt.name())),
            set: |p, v| {
                let name = crate::optimizer::NAMES[v.index().min(crate::optimizer::NAMES.len() - 1)];
                p.opt = Rule::from_name(name).unwrap_or(Rule::Sgd);
            },
        },
        Control {
            name: "width",
            label: "dead-relu.width",
            kind: Kind::Num { min: 1.0, max: 16.0, step: 1.0 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.width as f64),
            set: |p, v| p.width = v.num() as usize,
        },
        Control {
            name: "data",
            label: "dead-relu.data",
            kind: Kind::Choice { names: &DATA_NAMES, labels: "dead-relu.data" },
            rebuild: true,
            more: true,
            get: |p| Value::Choice(index_of(&DATA_NAMES, p.data.name())),
            set: |p, v| p.data = Shape::from_name(DATA_NAMES[v.index().min(3)]).unwrap_or(Shape::Spiral),
        },
        Control {
            name: "seed",
            label: "dead-relu.seed",
            kind: Kind::Seed { max: 999_999 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.seed as f64),
            set: |p, v| p.seed = v.num() as u64,
        },
    ];
}

/// A share as a whole percentage ("31"), the same in both languages.
pub fn pct(share: f64) -> String {
    fmt_num((100.0 * share).round(), 0)
}

/// The story of preset `i` from the outcomes of every preset (in
/// [`PRESETS`] order); `None` until the ones it needs are computed.
pub fn story(lang: Lang, i: usize, outcomes: &[Outcome]) -> Option<String> {
    let preset = PRESETS.get(i)?;
    let own = outcomes.get(i)?;
    let steps = HORIZON.to_string();
    if let Some(step) = own.diverged {
        return Some(tf(lang, "dead-relu.story.diverged", &[("step", &step.to_string())]));
    }
    let lr = fmt_num(preset.params.lr, 4);
    let Some(j) = preset.against else {
        return Some(tf(lang, "dead-relu.story.healthy", &[("dead", &pct(own.dead)), ("steps", &steps), ("lr", &lr)]));
    };
    let base = outcomes.get(j)?;
    let how = match compare(own.dead, base.dead) {
        Compare::More => "more",
        Compare::Fewer => "fewer",
        Compare::About => "about",
    };
    let key = format!("dead-relu.story.{}.{how}", preset.name);
    let args = [
        ("dead", pct(own.dead)),
        ("dead0", pct(base.dead)),
        ("silent", pct(own.silent)),
        ("steps", steps),
        ("lr", lr),
        ("lr0", fmt_num(PRESETS[j].params.lr, 4)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut s = tf(lang, &key, &args);
    if let Some(note) = match preset.name {
        "adagrad" => Some("dead-relu.story.adagrad_note"),
        "leaky" => Some("dead-relu.story.leaky_note"),
        _ => None,
    } {
        s.push(' ');
        s.push_str(&tf(lang, note, &args));
    }
    Some(s)
}

/// The key sentence: how many hidden units are dead now.
pub fn key_sentence(lang: Lang, run: &model::Run) -> String {
    let total = run.units.iter().map(Vec::len).sum::<usize>();
    let dead = run.units.iter().flatten().filter(|u| u.dead).count();
    tf(lang, "dead-relu.key", &[("dead", &pct(run.dead())), ("n", &dead.to_string()), ("total", &total.to_string())])
}

/// For an activation whose units cannot die, how many are silent (negative
/// on every sample) but still learning; `None` when there are none.
pub fn silent_sentence(lang: Lang, run: &model::Run) -> Option<String> {
    let more = run.silent() - run.dead();
    (more > 0.0).then(|| tf(lang, "dead-relu.key_silent", &[("silent", &pct(more))]))
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(DeadReluParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &[],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The widget's own strings.
pub const STRINGS: Catalogue = &[
    ("dead-relu.title", "7. Dead ReLUs: units that stop learning", "7. 死亡 ReLU：不再學習的神經元"),
    (
        "dead-relu.intro",
        "A ReLU unit outputs zero for a negative input, and its slope there is zero too. If its input is negative for every training sample, no gradient reaches its weights or its bias, so training can never change them: the unit is dead. One large update is enough to push a unit there, which is why a learning rate that is too high kills units; the CS231n course notes warn that as much as 40% of a network can end up dead. The article names three remedies: careful initialisation (Xavier or He), a smaller learning rate, and an adaptive optimiser such as Adagrad; leaky ReLU is another. The presets below try each on the same network and seed, and say what happened.",
        "ReLU 神經元遇到負的輸入就輸出零，而且那裡的斜率也是零。如果它對每一個訓練樣本的輸入都是負的，就沒有任何梯度能傳到它的權重和偏差值，訓練再也改變不了它們：這個神經元就「死亡」了。一次太大的更新就足以把神經元推到那裡，所以學習率太高會殺死神經元；CS231n 課程講義提醒，網路中可能多達 40% 的神經元會死亡。文章提出三種對策：謹慎的初始化（Xavier 或 He）、較小的學習率，以及 Adagrad 這類自適應的最佳化器；Leaky ReLU 則是另一種做法。下面的預設情境在同一個網路、同一個種子上逐一嘗試，並說出實際發生了什麼。",
    ),
    ("dead-relu.lr", "Learning rate", "學習率"),
    ("dead-relu.act", "Activation function", "激勵函數"),
    ("dead-relu.depth", "Depth (hidden layers)", "深度（層數）"),
    ("dead-relu.width", "Width (units per layer)", "寬度（每層神經元數）"),
    ("dead-relu.init", "Weight initialisation", "權重初始化"),
    ("dead-relu.bias", "Bias initialisation", "偏差值初始化"),
    ("dead-relu.bias.zero", "zero", "零"),
    ("dead-relu.bias.positive", "small positive, 0.1", "小的正值 0.1"),
    ("dead-relu.bias.negative", "negative, −1 (a deliberately bad start)", "負值 −1（刻意的壞起點）"),
    ("dead-relu.bias.normal", "normal N(0, 1)", "常態分布 N(0, 1)"),
    ("dead-relu.opt", "Optimiser", "最佳化器"),
    ("dead-relu.data", "Data set", "資料集"),
    ("dead-relu.data.circle", "circle", "圓形"),
    ("dead-relu.data.xor", "XOR (quadrants)", "XOR（四個象限）"),
    ("dead-relu.data.gauss", "two Gaussian clouds", "兩團高斯分布"),
    ("dead-relu.data.spiral", "spiral", "螺旋"),
    ("dead-relu.seed", "Random seed", "隨機種子"),
    ("dead-relu.play", "Play", "播放"),
    ("dead-relu.pause", "Pause", "暫停"),
    ("dead-relu.step", "One step", "走一步"),
    ("dead-relu.reset", "Reset", "重設"),
    ("dead-relu.presets", "The story in five clicks", "五次點擊看完整個故事"),
    ("dead-relu.presets_hint", "Each preset starts again from its seed, trains 1000 steps and pauses; press Play to go on.", "每個預設情境都從它的種子重新開始，訓練 1000 步後暫停；按「播放」可以繼續。"),
    ("dead-relu.preset.healthy", "Healthy start", "健康的起點"),
    ("dead-relu.preset.high_lr", "Learning rate too high", "學習率太高"),
    ("dead-relu.preset.he", "… with He initialisation", "…改用 He 初始化"),
    ("dead-relu.preset.adagrad", "… with Adagrad", "…改用 Adagrad"),
    ("dead-relu.preset.leaky", "… with leaky ReLU", "…改用 Leaky ReLU"),
    ("dead-relu.computing", "computing…", "計算中…"),
    (
        "dead-relu.story.healthy",
        "ReLU, Xavier initialisation, SGD at learning rate {lr}: after {steps} steps, {dead}% of the hidden units are dead.",
        "ReLU、Xavier 初始化、SGD、學習率 {lr}：訓練 {steps} 步後，{dead}% 的隱藏層神經元死亡。",
    ),
    ("dead-relu.story.high_lr.more", "The same at learning rate {lr}: {dead}% dead after {steps} steps, more than at {lr0} ({dead0}%).", "同樣的網路改用學習率 {lr}：{steps} 步後 {dead}% 死亡，比學習率 {lr0} 時（{dead0}%）多。"),
    ("dead-relu.story.high_lr.fewer", "The same at learning rate {lr}: {dead}% dead after {steps} steps, fewer than at {lr0} ({dead0}%).", "同樣的網路改用學習率 {lr}：{steps} 步後 {dead}% 死亡，比學習率 {lr0} 時（{dead0}%）少。"),
    ("dead-relu.story.high_lr.about", "The same at learning rate {lr}: {dead}% dead after {steps} steps, about as many as at {lr0} ({dead0}%).", "同樣的網路改用學習率 {lr}：{steps} 步後 {dead}% 死亡，與學習率 {lr0} 時（{dead0}%）差不多。"),
    ("dead-relu.story.he.more", "He initialisation at the same rate: {dead}% dead, more than with Xavier ({dead0}%). Here it does not save units.", "同樣的學習率改用 He 初始化：{dead}% 死亡，比 Xavier 初始化（{dead0}%）多。在這裡它救不了神經元。"),
    ("dead-relu.story.he.fewer", "He initialisation at the same rate: {dead}% dead, fewer than with Xavier ({dead0}%).", "同樣的學習率改用 He 初始化：{dead}% 死亡，比 Xavier 初始化（{dead0}%）少。"),
    ("dead-relu.story.he.about", "He initialisation at the same rate: {dead}% dead, about as many as with Xavier ({dead0}%). Here it does not save units.", "同樣的學習率改用 He 初始化：{dead}% 死亡，與 Xavier 初始化（{dead0}%）差不多。在這裡它救不了神經元。"),
    ("dead-relu.story.adagrad.more", "Adagrad at the same rate: {dead}% dead, more than with SGD ({dead0}%).", "同樣的學習率改用 Adagrad：{dead}% 死亡，比 SGD（{dead0}%）多。"),
    ("dead-relu.story.adagrad.fewer", "Adagrad at the same rate: {dead}% dead, fewer than with SGD ({dead0}%).", "同樣的學習率改用 Adagrad：{dead}% 死亡，比 SGD（{dead0}%）少。"),
    ("dead-relu.story.adagrad.about", "Adagrad at the same rate: {dead}% dead, about as many as with SGD ({dead0}%).", "同樣的學習率改用 Adagrad：{dead}% 死亡，與 SGD（{dead0}%）差不多。"),
    (
        "dead-relu.story.adagrad_note",
        "Its first step moves every weight that has a gradient by almost exactly the learning rate, whether that gradient is large or small, so at a rate this high it cannot start gently.",
        "它的第一步會把每個有梯度的權重移動幾乎整整一個學習率，不論那個梯度是大是小，所以在這麼高的學習率下它無法溫和地起步。",
    ),
    ("dead-relu.story.leaky.more", "Leaky ReLU at the same rate: {dead}% dead, more than with ReLU ({dead0}%).", "同樣的學習率改用 Leaky ReLU：{dead}% 死亡，比 ReLU（{dead0}%）多。"),
    ("dead-relu.story.leaky.fewer", "Leaky ReLU at the same rate: {dead}% dead, fewer than with ReLU ({dead0}%).", "同樣的學習率改用 Leaky ReLU：{dead}% 死亡，比 ReLU（{dead0}%）少。"),
    ("dead-relu.story.leaky.about", "Leaky ReLU at the same rate: {dead}% dead, about as many as with ReLU ({dead0}%).", "同樣的學習率改用 Leaky ReLU：{dead}% 死亡，與 ReLU（{dead0}%）差不多。"),
    (
        "dead-relu.story.leaky_note",
        "Below zero it still passes 1% of the gradient, so no unit stops learning; yet {silent}% are negative on every sample for now.",
        "它在零以下仍會傳回 1% 的梯度，所以沒有神經元會停止學習；不過目前仍有 {silent}% 對每個樣本的輸入都是負的。",
    ),
    ("dead-relu.story.diverged", "Training diverged at step {step}.", "訓練在第 {step} 步發散。"),
    ("dead-relu.key", "{dead}% of hidden units are dead ({n} of {total}).", "{dead}% 的隱藏層神經元已死亡（{total} 個中有 {n} 個）。"),
    (
        "dead-relu.key_silent",
        "Another {silent}% get a negative input on every sample but still pass some gradient back, so they can recover.",
        "另有 {silent}% 對每個樣本的輸入都是負的，但仍會傳回一點梯度，所以還能恢復。",
    ),
    ("dead-relu.status", "step {step} · epoch {epoch} · training loss {loss}", "第 {step} 步 · 第 {epoch} 個訓練週期 · 訓練損失 {loss}"),
    ("dead-relu.diverged", "Diverged at step {step}: the loss is no longer a finite number. Press Reset to start again.", "在第 {step} 步發散：損失已不再是有限的數。按「重設」重新開始。"),
    ("dead-relu.diverged_short", "Diverged at step {step}", "在第 {step} 步發散"),
    ("dead-relu.grid_title", "Every hidden unit, by how often it is active", "每個隱藏層神經元被激發的頻率"),
    ("dead-relu.layer_axis", "hidden layer (input → output)", "隱藏層（輸入 → 輸出）"),
    ("dead-relu.unit_axis", "unit", "神經元"),
    ("dead-relu.dead_axis", "dead units (%)", "死亡神經元（%）"),
    ("dead-relu.step_axis", "training step", "訓練步數"),
    ("dead-relu.loss_axis", "training loss", "訓練損失"),
    ("dead-relu.layer_label", "layer {n}", "第 {n} 層"),
    ("dead-relu.legend_scale", "active on this share of samples:", "被激發的樣本比例："),
    ("dead-relu.legend_dead", "× dead: no gradient on any sample", "× 死亡：每個樣本的梯度都是零"),
    ("dead-relu.legend_silent", "○ negative on every sample, still learning", "○ 每個樣本都是負的，但仍在學習"),
    (
        "dead-relu.canvas_label",
        "Training a network: the share of dead units in each hidden layer and the training loss over the steps, and every hidden unit coloured by how often it is active. {key}",
        "訓練中的網路：各隱藏層死亡神經元的比例與訓練損失隨步數的變化，以及依激發頻率上色的每個隱藏層神經元。{key}",
    ),
    (
        "dead-relu.note_lu",
        "Narrow and deep is risky before training even starts: with zero biases and symmetric weights, a layer of n ReLUs is silent for a given input with probability 2⁻ⁿ, so an input gets through ten layers of width 2 with probability only (1 − 1/4)¹⁰ ≈ 0.056 (Lu et al., 2020). Set the width to 2 and the depth to 10 to see units dead at step 0.",
        "又窄又深的網路在訓練開始前就有風險：偏差值為零、權重對稱分布時，一層 n 個 ReLU 對某個輸入全部不激發的機率是 2⁻ⁿ，所以一個輸入要穿過十層寬度為 2 的網路，機率只有 (1 − 1/4)¹⁰ ≈ 0.056（Lu 等人，2020）。把寬度設為 2、深度設為 10，就能看到第 0 步就已死亡的神經元。",
    ),
];

#[cfg(test)]
mod tests {
    use super::model::{outcome, Run};
    use super::*;

    #[test]
    fn the_menus_name_what_the_core_names() {
        assert_eq!(ACTS.map(|a| a.name()), ACT_NAMES);
        assert_eq!(Shape::ALL.map(|s| s.name()), DATA_NAMES);
        for (i, p) in PRESETS.iter().enumerate() {
            assert!(p.against.is_none_or(|j| j < i), "{} compares with a later preset", p.name);
            let mut q = DeadReluParams::default();
            for c in DeadReluParams::CONTROLS {
                (c.set)(&mut q, (c.get)(&p.params));
            }
            assert_eq!(q, p.params, "{}: every preset setting can be written in the address", p.name);
        }
    }

    /// Every preset at [`HORIZON`], as the page computes them.
    fn outcomes() -> Vec<Outcome> {
        PRESETS.iter().map(|p| outcome(&p.params, HORIZON)).collect()
    }

    /// The order the page's end-to-end test also checks: a too-high rate
    /// ends with more dead units than the healthy start, leaky ReLU with fewer.
    #[test]
    fn presets_order_as_the_story_says() {
        let o = outcomes();
        eprintln!("preset outcomes at {HORIZON} steps:");
        for (p, o) in PRESETS.iter().zip(&o) {
            eprintln!("  {:<8} dead {:.4} silent {:.4} loss {:.4}", p.name, o.dead, o.silent, o.loss);
        }
        assert!(o.iter().all(|o| o.diverged.is_none()));
        assert!(o[1].dead > o[0].dead, "too high {} vs healthy {}", o[1].dead, o[0].dead);
        assert!(o[4].dead < o[1].dead, "leaky {} vs too high {}", o[4].dead, o[1].dead);
        // CS231n's "as much as 40%": the order of magnitude, not a fluke of one unit.
        assert!(o[1].dead >= 0.25 && o[1].dead >= 4.0 * o[0].dead, "{o:?}");
    }

    /// Each story states its own numbers and the comparison they make,
    /// in both languages; and it states nothing else that varies.
    #[test]
    fn stories_state_what_their_numbers_show() {
        let o = outcomes();
        let word = |c: Compare| match c {
            Compare::More => ("more than", "多"),
            Compare::Fewer => ("fewer than", "少"),
            Compare::About => ("about as many as", "差不多"),
        };
        for (i, p) in PRESETS.iter().enumerate() {
            let en = story(Lang::En, i, &o).unwrap();
            let zh = story(Lang::ZhTw, i, &o).unwrap();
            let own = format!("{}%", (100.0 * o[i].dead).round());
            assert!(en.contains(&own) && zh.contains(&own), "{}: {en} / {zh}", p.name);
            if let Some(j) = p.against {
                let c = compare(o[i].dead, o[j].dead);
                let base = format!("({}%)", (100.0 * o[j].dead).round());
                assert!(en.contains(&base) && zh.contains(&format!("（{}%）", (100.0 * o[j].dead).round())), "{en}");
                assert!(en.contains(word(c).0), "{}: {en}", p.name);
                assert!(zh.contains(word(c).1), "{}: {zh}", p.name);
                // The comparison is the plain one, checked again here in percent.
                let (a, b) = (100.0 * o[i].dead, 100.0 * o[j].dead);
                assert_eq!(c == Compare::More, a > b + 5.0);
                assert_eq!(c == Compare::Fewer, a < b - 5.0);
            }
        }
        // Not a story before its numbers exist.
        assert_eq!(story(Lang::En, 2, &o[..2]), None);
        assert_eq!(story(Lang::En, 1, &o[..1]), None);
        assert!(story(Lang::En, 0, &o[..1]).is_some());
    }

    /// The presets use one seed; averaged over 16 seeds, each comparison
    /// points the same way (so the single seed is not a fluke chosen to tell
    /// a story the data do not).
    #[test]
    fn preset_comparisons_hold_on_average_over_seeds() {
        let one = outcomes();
        let mean = |i: usize| {
            (0..16u64).map(|seed| outcome(&DeadReluParams { seed, ..PRESETS[i].params.clone() }, HORIZON).dead).sum::<f64>()
                / 16.0
        };
        let means: Vec<f64> = (0..PRESETS.len()).map(mean).collect();
        eprintln!("16-seed means: {means:?}");
        for (i, p) in PRESETS.iter().enumerate() {
            if let Some(j) = p.against {
                assert_eq!(
                    compare(one[i].dead, one[j].dead),
                    compare(means[i], means[j]),
                    "{}: seed 8 says {} vs {}, 16 seeds {} vs {}",
                    p.name,
                    one[i].dead,
                    one[j].dead,
                    means[i],
                    means[j]
                );
            }
        }
    }

    #[test]
    fn the_key_sentence_counts_units() {
        let mut run = Run::new(&PRESETS[1].params);
        run.train(HORIZON);
        run.observe();
        let n = run.units.iter().flatten().filter(|u| u.dead).count();
        assert!(n > 0);
        let s = key_sentence(Lang::En, &run);
        assert_eq!(s, format!("{}% of hidden units are dead ({n} of 32).", pct(n as f64 / 32.0)));
        assert_eq!(silent_sentence(Lang::En, &run), None, "ReLU: silent is dead");
        let mut leaky = Run::new(&PRESETS[4].params);
        leaky.train(HORIZON);
        leaky.observe();
        assert_eq!(key_sentence(Lang::ZhTw, &leaky), "0% 的隱藏層神經元已死亡（32 個中有 0 個）。");
        let silent = leaky.units.iter().flatten().filter(|u| u.silent()).count();
        assert!(silent > 0);
        let s = silent_sentence(Lang::ZhTw, &leaky).unwrap();
        assert!(s.contains(&format!("{}%", pct(silent as f64 / 32.0))), "{s}");
    }

    /// The fact the Adagrad note states: its first step moves each weight
    /// with a nonzero gradient by the learning rate (to 1%), large gradient or small.
    #[test]
    fn adagrads_first_step_is_the_learning_rate() {
        let mut run = Run::new(&PRESETS[3].params);
        let before = run.trainer.net.clone();
        run.train(1);
        let mut moved = 0;
        for (a, b) in before.layers.iter().zip(&run.trainer.net.layers) {
            for (x, y) in a.w.iter().chain(&a.b).zip(b.w.iter().chain(&b.b)) {
                let d = (y - x).abs();
                assert!(d == 0.0 || (d - HIGH_LR).abs() < 0.01 * HIGH_LR, "moved by {d}");
                moved += (d > 0.0) as usize;
            }
        }
        assert!(moved > 100, "{moved} parameters moved");
    }

    /// The deliberately bad start: a bias of −1 closes units before any
    /// training (He weights, 16 seeds), against a zero bias.
    #[test]
    fn a_negative_bias_is_a_bad_start() {
        let at_start = |bias| {
            (0..16u64)
                .map(|seed| Run::new(&DeadReluParams { seed, bias, init: Init::HeNormal, ..HEALTHY }).dead())
                .sum::<f64>()
                / 16.0
        };
        let (neg, zero) = (at_start(BiasInit::Constant(-1.0)), at_start(BiasInit::Zero));
        assert!(neg > zero + 0.1, "bias -1: {neg}, bias 0: {zero}");
    }
}
