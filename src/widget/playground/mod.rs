//! The `playground` widget: train a network live on a small task, watch its decision boundary, losses and per-layer gradients, add your own points, and race two activations side by side.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::activation::{Activation, ALL, NAMES};
use crate::i18n::Catalogue;
use crate::init::Init;
use crate::optimizer::{Rule, NAMES as OPT_NAMES};
use crate::url::{Control, Kind, Params, Value};

use super::Entry;

pub const ID: &str = "playground";

/// The data sets, in the menu's order (the address holds these names).
pub const DATA: [&str; 5] = ["circle", "xor", "gauss", "spiral", "regression"];

/// The initialisations' names, in the order of `init::ALL` (checked by a test).
pub const INIT_NAMES: [&str; 9] =
    ["zero", "constant", "uniform", "standard", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "normal"];

/// The largest seed the box accepts.
pub const SEED_MAX: u32 = 99_999;

/// The state of the `playground` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundParams {
    /// Index into [`DATA`].
    pub data: usize,
    /// Noise, 0 to 0.5 (see `data::classification` and `data::regression_1d`).
    pub noise: f64,
    /// Percent of the points used for training (the rest are the test set).
    pub ratio: f64,
    /// Samples per mini-batch; hot.
    pub batch: usize,
    /// Hidden layers, 0 to 8.
    pub depth: usize,
    /// Units per hidden layer, 1 to 16.
    pub width: usize,
    /// The hidden layers' activation.
    pub act: Activation,
    /// Learning rate; hot.
    pub lr: f64,
    /// Optimiser; hot (its state restarts, the weights stay).
    pub opt: Rule,
    pub init: Init,
    /// Seeds the data, the weights and the order of the mini-batches.
    pub seed: u64,
    /// Passes over the training set per animation frame, at most (the
    /// frame's time budget may cut it short); hot.
    pub epochs: f64,
    /// Train a second network, identical but for its activation, beside the first.
    pub compare: bool,
    /// The second network's activation.
    pub versus: Activation,
}

impl Default for PlaygroundParams {
    /// Circles, 3 hidden layers of 8 ReLU units, SGD at 0.03 with batches
    /// of 10, Xavier (Glorot) uniform weights: learns the circle within a
    /// few seconds of frames.
    fn default() -> Self {
        PlaygroundParams {
            data: 0,
            noise: 0.0,
            ratio: 50.0,
            batch: 10,
            depth: 3,
            width: 8,
            act: Activation::Relu,
            lr: 0.03,
            opt: Rule::Sgd,
            init: Init::XavierUniform,
            seed: 1,
            epochs: 1.0,
            compare: false,
            versus: Activation::Sigmoid,
        }
    }
}

impl PlaygroundParams {
    /// The race of claim 9: the same six-layer network on the circle with
    /// ReLU and with sigmoid units, side by side (the seed is kept).
    pub fn race(&self) -> PlaygroundParams {
        PlaygroundParams {
            data: 0,
            noise: 0.0,
            ratio: 50.0,
            batch: 10,
            depth: 6,
            width: 8,
            act: Activation::Relu,
            lr: 0.03,
            opt: Rule::Sgd,
            init: Init::XavierUniform,
            epochs: self.epochs,
            compare: true,
            versus: Activation::Sigmoid,
            seed: self.seed,
        }
    }
}

fn act_index(a: Activation) -> usize {
    a.index()
}

fn init_index(i: Init) -> usize {
    INIT_NAMES.iter().position(|n| *n == i.name()).unwrap_or(4)
}

fn opt_index(r: Rule) -> usize {
    OPT_NAMES.iter().position(|n| *n == r.name()).unwrap_or(0)
}

impl Params for PlaygroundParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "data",
            label: "playground.c.data",
            kind: Kind::Choice { names: &DATA, labels: "playground.data" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(p.data),
            set: |p, v| p.data = v.index().min(DATA.len() - 1),
        },
        Control {
            name: "depth",
            label: "playground.c.depth",
            kind: Kind::Num { min: 0.0, max: 8.0, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.depth as f64),
            set: |p, v| p.depth = v.num() as usize,
        },
        Control {
            name: "act",
            label: "playground.c.act",
            kind: Kind::Choice { names: &NAMES, labels: "act" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(act_index(p.act)),
            set: |p, v| p.act = ALL[v.index().min(ALL.len() - 1)],
        },
        Control {
            name: "lr",
            label: "playground.c.lr",
            kind: Kind::Log10 { min: -4.0, max: 1.0, step: 0.1 },
            rebuild: false,
            more: false,
            get: |p| Value::Num(p.lr),
            set: |p, v| p.lr = v.num(),
        },
        Control {
            name: "compare",
            label: "playground.c.compare",
            kind: Kind::Bool,
            rebuild: true,
            more: true,
            get: |p| Value::Bool(p.compare),
            set: |p, v| p.compare = v.on(),
        },
        Control {
            name: "versus",
            label: "playground.c.versus",
            kind: Kind::Choice { names: &NAMES, labels: "act" },
            rebuild: true,
            more: true,
            get: |p| Value::Choice(act_index(p.versus)),
            set: |p, v| p.versus = ALL[v.index().min(ALL.len() - 1)],
        },
        Control {
            name: "width",
            label: "playground.c.width",
            kind: Kind::Num { min: 1.0, max: 16.0, step: 1.0 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.width as f64),
            set: |p, v| p.width = v.num() as usize,
        },
        Control {
            name: "opt",
            label: "playground.c.opt",
            kind: Kind::Choice { names: &OPT_NAMES, labels: "opt" },
            rebuild: false,
            more: true,
            get: |p| Value::Choice(opt_index(p.opt)),
            set: |p, v| {
                p.opt = OPT_NAMES.get(v.index()).and_then(|n| Rule::from_name(n)).unwrap_or(Rule::Sgd);
            },
        },
        Control {
            name: "init",
            label: "playground.c.init",
            kind: Kind::Choice { names: &INIT_NAMES, labels: "init" },
            rebuild: true,
            more: true,
            get: |p| Value::Choice(init_index(p.init)),
            set: |p, v| {
                p.init = INIT_NAMES.get(v.index()).and_then(|n| Init::from_name(n, None)).unwrap_or(Init::XavierUniform);
            },
        },
        Control {
            name: "batch",
            label: "playground.c.batch",
            kind: Kind::Num { min: 1.0, max: 30.0, step: 1.0 },
            rebuild: false,
            more: true,
            get: |p| Value::Num(p.batch as f64),
            set: |p, v| p.batch = v.num() as usize,
        },
        Control {
            name: "noise",
            label: "playground.c.noise",
            kind: Kind::Num { min: 0.0, max: 0.5, step: 0.05 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.noise),
            set: |p, v| p.noise = v.num(),
        },
        Control {
            name: "ratio",
            label: "playground.c.ratio",
            kind: Kind::Num { min: 10.0, max: 90.0, step: 10.0 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.ratio),
            set: |p, v| p.ratio = v.num(),
        },
        Control {
            name: "seed",
            label: "playground.c.seed",
            kind: Kind::Seed { max: SEED_MAX },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.seed as f64),
            set: |p, v| p.seed = v.num() as u64,
        },
        Control {
            name: "epochs",
            label: "playground.c.epochs",
            kind: Kind::Log10 { min: -2.0, max: 1.0, step: 0.1 },
            rebuild: false,
            more: true,
            get: |p| Value::Num(p.epochs),
            set: |p, v| p.epochs = v.num(),
        },
    ];
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(PlaygroundParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &[],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The widget's own strings.
pub const STRINGS: Catalogue = &[
    ("playground.title", "8. Train one yourself", "8. 親手訓練一個網路"),
    (
        "playground.intro",
        "Here a whole network learns while you watch. The shaded plane is what it currently answers at every point: blue for one class, orange for the other, pale where it hesitates. Press play and see the boundary bend around the data; the charts below follow the loss and how much gradient reaches each layer. Deepen the network and switch the activation to sigmoid, and the layers near the input stop receiving gradient: learning crawls. Click or tap the plane to add your own points.",
        "這裡有一整個網路在你眼前學習。著色的平面是它目前在每一點給出的答案：藍色代表一類，橘色代表另一類，顏色越淡表示越猶豫。按下播放，看決策邊界如何繞著資料彎曲；下方的圖表追蹤損失，以及每一層收到多少梯度。把網路加深，再把激勵函數換成 sigmoid，靠近輸入的幾層就幾乎收不到梯度，學習變得極為緩慢。點一下或輕觸平面，就能加入你自己的資料點。",
    ),
    ("playground.c.data", "Data", "資料"),
    ("playground.c.depth", "Hidden layers", "隱藏層數"),
    ("playground.c.act", "Activation", "激勵函數"),
    ("playground.c.lr", "Learning rate", "學習率"),
    ("playground.c.compare", "Compare with a second activation", "與第二種激勵函數比較"),
    ("playground.c.versus", "Second activation", "第二種激勵函數"),
    ("playground.c.width", "Neurons per layer", "每層神經元數"),
    ("playground.c.opt", "Optimiser", "最佳化器"),
    ("playground.c.init", "Initialisation", "初始化"),
    ("playground.c.batch", "Batch size", "批次大小"),
    ("playground.c.noise", "Noise", "雜訊"),
    ("playground.c.ratio", "Training set (%)", "訓練集比例（%）"),
    ("playground.c.seed", "Random seed", "隨機種子"),
    ("playground.c.epochs", "Epochs per frame (at most)", "每幀最多訓練週期數"),
    ("playground.data.circle", "circle", "圓形"),
    ("playground.data.xor", "XOR (quadrants)", "XOR（四個象限）"),
    ("playground.data.gauss", "two clouds", "兩團高斯分布"),
    ("playground.data.spiral", "spiral", "螺旋"),
    ("playground.data.regression", "1-D regression (a sine)", "一維迴歸（正弦曲線）"),
    ("playground.play", "Play", "播放"),
    ("playground.pause", "Pause", "暫停"),
    ("playground.step", "One epoch", "前進一個訓練週期"),
    ("playground.reset", "Reset", "重設"),
    ("playground.race", "Race: ReLU vs sigmoid, 6 layers", "比賽：ReLU 對 sigmoid，6 層"),
    ("playground.class_pos", "Clicks add: blue ●", "點擊加入：藍色 ●"),
    ("playground.class_neg", "Clicks add: orange ▲", "點擊加入：橘色 ▲"),
    ("playground.clear", "Clear all points", "清除所有資料點"),
    (
        "playground.hint",
        "Click or tap the plane to add a point of the class on the button (shift-click adds the other class); in regression, a point where you click. Filled marks are the training set, hollow marks the test set.",
        "點一下或輕觸平面，就會加入按鈕上所示類別的資料點（按住 Shift 點擊則加入另一類）；迴歸時，點在哪裡就加在哪裡。實心標記是訓練集，空心標記是測試集。",
    ),
    (
        "playground.legend",
        "Colours: blue where the network answers +1, orange where it answers −1, grey in between. In regression, blue lies below the fitted curve and orange above it.",
        "顏色：網路回答 +1 的地方為藍色，回答 −1 的地方為橘色，介於兩者之間為灰色。迴歸時，擬合曲線下方為藍色，上方為橘色。",
    ),
    ("playground.empty", "No points: click the plane to add some, or press Reset to bring back the data set.", "沒有資料點：點擊平面加入一些，或按下重設找回原本的資料集。"),
    ("playground.diverged", "Diverged at step {step}: the numbers blew up. Lower the learning rate and press Reset.", "在第 {step} 步發散：數值爆掉了。請調低學習率並按下重設。"),
    ("playground.status", "step {step} · epoch {epoch}", "第 {step} 步 · 第 {epoch} 個訓練週期"),
    ("playground.losses", "train loss {train} · test loss {test}", "訓練損失 {train} · 測試損失 {test}"),
    ("playground.accuracy", "test accuracy {acc}%", "測試準確率 {acc}%"),
    ("playground.reached", "train loss below {target} at epoch {epoch}", "在第 {epoch} 個訓練週期時訓練損失低於 {target}"),
    ("playground.not_reached", "train loss not yet below {target}", "訓練損失尚未低於 {target}"),
    (
        "playground.gradient_ratio",
        "Layer 1 receives {ratio} times the gradient of the output layer.",
        "第 1 層收到的梯度是輸出層的 {ratio} 倍。",
    ),
    ("playground.race_at", "{act}: loss below {target} at epoch {epoch}", "{act}：在第 {epoch} 個訓練週期時損失低於 {target}"),
    ("playground.race_not", "{act}: loss not yet below {target}", "{act}：損失尚未低於 {target}"),
    ("playground.loss_title", "Loss (log scale)", "損失（對數尺度）"),
    ("playground.grad_title", "Gradient norm per layer, ‖∂L/∂W‖ (log scale)", "每層梯度大小 ‖∂L/∂W‖（對數尺度）"),
    ("playground.epoch_axis", "epoch", "訓練週期"),
    ("playground.train", "train", "訓練"),
    ("playground.test", "test", "測試"),
    ("playground.layers_legend", "layer, input → output", "層，輸入 → 輸出"),
    ("playground.no_history", "Press play to train.", "按下播放開始訓練。"),
    (
        "playground.plane_label",
        "What the {act} network answers over the plane; {acc}",
        "{act} 網路在平面上各點的回答；{acc}",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_lists_every_initialisation_in_the_cores_order() {
        let names: Vec<&str> = crate::init::ALL.iter().map(|i| i.name()).collect();
        assert_eq!(names, INIT_NAMES);
        for (i, n) in INIT_NAMES.iter().enumerate() {
            assert_eq!(init_index(Init::from_name(n, None).unwrap()), i);
        }
        for (i, n) in OPT_NAMES.iter().enumerate() {
            assert_eq!(opt_index(Rule::from_name(n).unwrap()), i);
        }
    }

    #[test]
    fn only_data_depth_activation_and_learning_rate_are_in_sight() {
        let shown: Vec<&str> = PlaygroundParams::CONTROLS.iter().filter(|c| !c.more).map(|c| c.name).collect();
        assert_eq!(shown, ["data", "depth", "act", "lr"]);
        let hot: Vec<&str> = PlaygroundParams::CONTROLS.iter().filter(|c| !c.rebuild).map(|c| c.name).collect();
        assert_eq!(hot, ["lr", "opt", "batch", "epochs"], "learning rate and optimiser settings never reset");
    }
}
