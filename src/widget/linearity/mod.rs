//! The `linearity` widget: without a nonlinearity a deep network is one affine map; with ReLU it is a different affine map on each linear region of the input plane.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

use crate::activation::Activation;
use crate::i18n::Catalogue;
use crate::url::{Control, Kind, Params, Value};

use super::Entry;

pub const ID: &str = "linearity";

/// Hidden layers offered, smallest and largest.
pub const DEPTH: (usize, usize) = (1, 12);
/// Units per hidden layer offered.
pub const WIDTH: (usize, usize) = (1, 16);
/// The plane shown is [-EXTENT, EXTENT]².
pub const EXTENT: f64 = 2.0;

/// The activations this widget offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Identity,
    Relu,
    LeakyRelu,
    Tanh,
    Sigmoid,
}

impl Act {
    /// In the order the menu lists them.
    pub const ALL: [Act; 5] = [Act::Identity, Act::Relu, Act::LeakyRelu, Act::Tanh, Act::Sigmoid];

    /// The stable name (URL value; `act.<name>` is its label).
    pub const fn name(self) -> &'static str {
        match self {
            Act::Identity => "identity",
            Act::Relu => "relu",
            Act::LeakyRelu => "leaky_relu",
            Act::Tanh => "tanh",
            Act::Sigmoid => "sigmoid",
        }
    }

    /// The activation, with leaky ReLU's negative slope `alpha`.
    pub fn activation(self, alpha: f64) -> Activation {
        match self {
            Act::Identity => Activation::Identity,
            Act::Relu => Activation::Relu,
            Act::LeakyRelu => Activation::LeakyRelu(alpha),
            Act::Tanh => Activation::Tanh,
            Act::Sigmoid => Activation::Sigmoid,
        }
    }
}

/// Every name of `Act::ALL`, for the menu.
pub const ACT_NAMES: [&str; 5] = {
    let mut n = [""; 5];
    let mut i = 0;
    while i < 5 {
        n[i] = Act::ALL[i].name();
        i += 1;
    }
    n
};

/// The state of the `linearity` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearityParams {
    pub act: Act,
    /// Leaky ReLU's slope for negative inputs.
    pub alpha: f64,
    /// Hidden layers, `DEPTH.0..=DEPTH.1`.
    pub depth: usize,
    /// Units per hidden layer, `WIDTH.0..=WIDTH.1`.
    pub width: usize,
    /// Seeds the weights and biases.
    pub seed: u32,
    /// The two points whose effective maps are compared, in the plane.
    pub a: [f64; 2],
    pub b: [f64; 2],
}

impl Default for LinearityParams {
    fn default() -> Self {
        LinearityParams { act: Act::Relu, alpha: 0.1, depth: 3, width: 8, seed: 1, a: [-1.0, 0.8], b: [1.2, -0.6] }
    }
}

impl LinearityParams {
    /// The hidden activation.
    pub fn activation(&self) -> Activation {
        self.act.activation(self.alpha)
    }
}

/// A coordinate of A or B: a slider over the plane (the keyboard's way to
/// move a point; the pointer drags it on the chart).
const fn coordinate(name: &'static str, label: &'static str, get: fn(&LinearityParams) -> Value, set: fn(&mut LinearityParams, Value)) -> Control<LinearityParams> {
    Control { name, label, kind: Kind::Num { min: -EXTENT, max: EXTENT, step: 0.01 }, rebuild: false, more: true, get, set }
}

impl Params for LinearityParams {
    const ID: &'static str = ID;
    const CONTROLS: &'static [Control<Self>] = &[
        Control {
            name: "act",
            label: "linearity.act",
            kind: Kind::Choice { names: &ACT_NAMES, labels: "act" },
            rebuild: true,
            more: false,
            get: |p| Value::Choice(Act::ALL.iter().position(|a| *a == p.act).unwrap_or(0)),
            set: |p, v| p.act = Act::ALL.get(v.index()).copied().unwrap_or(Act::Relu),
        },
        Control {
            name: "depth",
            label: "linearity.depth",
            kind: Kind::Num { min: DEPTH.0 as f64, max: DEPTH.1 as f64, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.depth as f64),
            set: |p, v| p.depth = v.num() as usize,
        },
        Control {
            name: "width",
            label: "linearity.width",
            kind: Kind::Num { min: WIDTH.0 as f64, max: WIDTH.1 as f64, step: 1.0 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.width as f64),
            set: |p, v| p.width = v.num() as usize,
        },
        Control {
            name: "seed",
            label: "linearity.seed",
            kind: Kind::Seed { max: 99_999 },
            rebuild: true,
            more: false,
            get: |p| Value::Num(p.seed as f64),
            set: |p, v| p.seed = v.num() as u32,
        },
        Control {
            name: "alpha",
            label: "linearity.alpha",
            kind: Kind::Num { min: 0.01, max: 0.5, step: 0.01 },
            rebuild: true,
            more: true,
            get: |p| Value::Num(p.alpha),
            set: |p, v| p.alpha = v.num(),
        },
        coordinate("ax", "linearity.ax", |p| Value::Num(p.a[0]), |p, v| p.a[0] = v.num()),
        coordinate("ay", "linearity.ay", |p| Value::Num(p.a[1]), |p, v| p.a[1] = v.num()),
        coordinate("bx", "linearity.bx", |p| Value::Num(p.b[0]), |p, v| p.b[0] = v.num()),
        coordinate("by", "linearity.by", |p| Value::Num(p.b[1]), |p, v| p.b[1] = v.num()),
    ];
}

/// The widget in the registry.
pub const ENTRY: Entry = Entry {
    id: ID,
    strings: STRINGS,
    params: || Box::new(LinearityParams::default()),
    #[cfg(not(target_arch = "wasm32"))]
    svg: chart::svg_at_defaults,
    notation: &["linearity.point_a", "linearity.point_b", "linearity.key_dev"],
    #[cfg(target_arch = "wasm32")]
    mount: dom::mount,
};

/// The widget's own strings: (key, English, Traditional Chinese).
pub const STRINGS: Catalogue = &[
    ("linearity.title", "4. Depth needs a nonlinearity", "4. 沒有非線性，層數再多也沒用"),
    (
        "linearity.intro",
        "A layer multiplies its input by a matrix and adds a bias. Stack two such layers and you get another matrix and another bias, so without an activation function a network of any depth can only ever compute one affine map: the twelfth layer adds nothing the first could not. An activation bends that chain. ReLU bends it in the simplest possible way: each unit is either off (output 0) or on (output equal to its input), so on any patch of the plane where no unit switches, the network is still a single affine map. Cross a line where some unit switches and a different map takes over. The plane falls apart into linear regions, each with its own matrix, and together they can follow any curve.",
        "每一層都是把輸入乘上一個矩陣再加上偏差值。兩層疊起來，得到的仍是一個矩陣加一個偏差值；所以沒有激勵函數，不論網路有幾層，算出來的永遠只是一個仿射映射：第十二層做得到的，第一層早就做得到。激勵函數讓這條鏈彎折。ReLU 彎折的方式最簡單：每個神經元不是關閉（輸出 0），就是打開（輸出等於輸入），因此在沒有任何神經元切換狀態的那一塊平面上，網路仍然只是一個仿射映射；越過某個神經元切換的那條線，就換成另一個映射。整個平面因此切成許多線性區域（linear region），每一塊有自己的矩陣，拼起來就能逼近任何曲線。",
    ),
    ("linearity.act", "Activation", "激勵函數"),
    ("linearity.alpha", "Leaky slope α", "洩漏斜率 α"),
    ("linearity.depth", "Depth (hidden layers)", "深度（層數）"),
    ("linearity.width", "Width (units per layer)", "寬度（每層神經元數）"),
    ("linearity.seed", "Seed of the weights", "權重的隨機種子"),
    ("linearity.ax", "A: x₁", "A 點的 x₁"),
    ("linearity.ay", "A: x₂", "A 點的 x₂"),
    ("linearity.bx", "B: x₁", "B 點的 x₁"),
    ("linearity.by", "B: x₂", "B 點的 x₂"),
    (
        "linearity.canvas_label",
        "The input plane (x₁, x₂), each point coloured by the network's output",
        "輸入平面 (x₁, x₂)，每一點依網路的輸出著色",
    ),
    ("linearity.scale", "output", "輸出"),
    (
        "linearity.hint",
        "Click or tap the plane to bring the nearer of A and B there, or drag them; under “More settings” they move by keyboard.",
        "在平面上點一下，較近的 A 或 B 就會移到那裡，也可以直接拖曳；在「更多設定」裡可以用鍵盤移動它們。",
    ),
    ("linearity.boundary", "white line: output = 0 (decision boundary)", "白線：輸出 = 0（決策邊界）"),
    (
        "linearity.borders",
        "dark lines: borders of linear regions, each region shaded by its average output",
        "深色線：線性區域的邊界，每個區域以它的平均輸出著色",
    ),
    (
        "linearity.collapsed",
        "Depth {depth}, and still one affine map: y = {m1}·x₁ + {m2}·x₂ + {c}.",
        "深度 {depth}，合起來仍然只是一個仿射映射：y = {m1}·x₁ + {m2}·x₂ + {c}。",
    ),
    (
        "linearity.max_dev",
        "Largest gap between the network and that one map, over the whole plane: {dev}.",
        "在整個平面上，網路與這一個映射的最大差距：{dev}。",
    ),
    ("linearity.key_dev", "max |net(x) − (Mx + b)|", "max |net(x) − (Mx + b)|"),
    ("linearity.key_regions", "linear regions in view", "畫面中的線性區域"),
    ("linearity.key_smooth", "no linear regions", "沒有線性區域"),
    (
        "linearity.regions",
        "{count} linear regions in view. One layer of {n} units can cut the plane into at most 1 + n + n(n − 1)/2 = {bound} regions; deeper layers fold those pieces again.",
        "畫面中有 {count} 個線性區域。一層 {n} 個神經元最多只能把平面切成 1 + n + n(n − 1)/2 = {bound} 塊；更深的層會把這些區塊再摺疊、再切割。",
    ),
    (
        "linearity.regions_capped",
        "More than {cap} linear regions in view: most are now only a few pixels wide, too small for this {side} × {side} grid to count one by one. One layer of {n} units makes at most {bound}.",
        "畫面中超過 {cap} 個線性區域：大多只剩幾個像素寬，這個 {side} × {side} 的網格已無法逐一數清。一層 {n} 個神經元最多只能切出 {bound} 塊。",
    ),
    ("linearity.map_at", "at {point} = ({x}, {y}): y = {m1}·x₁ + {m2}·x₂ + {c}", "在 {point} = ({x}, {y})：y = {m1}·x₁ + {m2}·x₂ + {c}"),
    ("linearity.value_at", "at {point} = ({x}, {y}): output {out}", "在 {point} = ({x}, {y})：輸出 {out}"),
    (
        "linearity.maps_differ",
        "A and B lie in different regions and the network applies a different map to each: it is linear piece by piece, never as a whole.",
        "A 與 B 位在不同區域，網路對兩者套用不同的映射：它只在每一塊上是線性的，整體並不是。",
    ),
    (
        "linearity.maps_same",
        "A and B lie in the same region, so one map serves both. Move one of them across a dark line.",
        "A 與 B 位在同一個區域，同一個映射同時適用兩者。把其中一點移過一條深色線看看。",
    ),
    (
        "linearity.maps_coincide",
        "A and B switch different units on, yet the units that differ do not reach the output: the two maps coincide.",
        "A 與 B 打開的神經元不同，但不同的那些神經元影響不到輸出：兩個映射恰好相同。",
    ),
    (
        "linearity.smooth",
        "With {act} every unit bends a little everywhere: the surface is curved at every point, with no flat pieces and no single matrix that describes it.",
        "用 {act} 時，每個神經元在每個地方都彎一點：整個曲面處處彎曲，沒有平坦的區塊，也沒有任何一個矩陣能描述它。",
    ),
    ("linearity.point_a", "A", "A"),
    ("linearity.point_b", "B", "B"),
    (
        "linearity.alt_collapsed",
        "The plane shaded by a single tilted ramp with straight, parallel contour lines: at depth {depth} the network equals one affine map, to within {dev}.",
        "平面呈現單一傾斜的漸層，等高線筆直而平行：深度 {depth} 的網路等於一個仿射映射，誤差不超過 {dev}。",
    ),
    (
        "linearity.alt_regions",
        "The plane cut into {count} linear regions, each a flat colour with dark borders.",
        "平面被切成 {count} 個線性區域，每一塊是單一顏色，以深色線分隔。",
    ),
    ("linearity.alt_smooth", "The plane shaded smoothly, with no linear regions.", "平面呈現平滑的漸層，沒有線性區域。"),
];
