//! The `backprop` model: one pass of the core (forward, loss, backward, SGD update) on one sample, cut into stages; the chain rule for one weight with live numbers; the diagram's geometry.
//!
//! Every number comes from the core: z, a, f′(z) and δ are read from the
//! [`Tape`] that `Network::forward`, `Loss::output_delta` and
//! `Network::backward` fill, ∂L/∂w from their [`Grads`], the new weights
//! from `optimizer` (SGD). Nothing here recomputes them, except the chain
//! written out for one weight, which is checked against the core.

use super::{BackpropParams, MAX_ITER, MAX_WIDTH};
use crate::activation::Activation;
use crate::chart::scale::sci;
use crate::init::{initialise, BiasInit, Init};
use crate::loss::Loss;
use crate::network::{Grads, Network, Tape};
use crate::optimizer::{Optimizer, Rule};
use crate::rng::Rng;

/// The output unit squashes to (0, 1), so a target in [0, 1] is reachable.
pub const OUTPUT: Activation = Activation::Sigmoid;
/// L = ½ (y − t)²: at the output, δ = f′(z) (y − t), the same form as every other unit.
pub const LOSS: Loss = Loss::Mse;
/// Glorot & Bengio's normalised initialisation (as a normal), biases zero.
pub const INIT: Init = Init::XavierNormal;
/// Inputs of the sample.
pub const INPUTS: usize = 2;

/// One stage of a pass, in the order the buttons step through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The sample is at the inputs; edges show the weights.
    Start,
    /// Layer k (1 = first hidden, depth + 1 = output) has computed z and a.
    Forward(usize),
    /// The loss of the output against the target.
    Loss,
    /// Layer k (from depth + 1 down to 1) has its δ and its weights' gradients.
    Backward(usize),
    /// One SGD step: edges show Δw = −η ∂L/∂w.
    Update,
}

impl Stage {
    /// Stages in a pass through `depth` hidden layers: start, depth + 1
    /// forward, loss, depth + 1 backward, update.
    pub fn count(depth: usize) -> usize {
        2 * depth + 5
    }

    /// The stage at position `i` (0..count(depth)), clamped to the last.
    pub fn from_index(i: usize, depth: usize) -> Stage {
        let layers = depth + 1;
        match i.min(Stage::count(depth) - 1) {
            0 => Stage::Start,
            i if i <= layers => Stage::Forward(i),
            i if i == layers + 1 => Stage::Loss,
            i if i <= 2 * layers + 1 => Stage::Backward(2 * layers + 2 - i),
            _ => Stage::Update,
        }
    }

    /// Position of this stage in a pass through `depth` hidden layers.
    pub fn index(self, depth: usize) -> usize {
        let layers = depth + 1;
        match self {
            Stage::Start => 0,
            Stage::Forward(k) => k,
            Stage::Loss => layers + 1,
            Stage::Backward(k) => 2 * layers + 2 - k,
            Stage::Update => 2 * layers + 2,
        }
    }
}

/// A weight: `layer` indexes `Network::layers` (0 takes the inputs); it
/// carries unit `from` of that layer's input to unit `to` of its output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub layer: usize,
    pub to: usize,
    pub from: usize,
}

/// A unit of the diagram: column `col` (0 = inputs, depth + 1 = output), unit `unit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub col: usize,
    pub unit: usize,
}

/// What a point of the diagram is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Node(Node),
    Edge(Edge),
}

/// A quantity printed at a node; its symbol is the same in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qty {
    X,
    Z,
    A,
    Y,
    Target,
    Loss,
    Slope,
    Delta,
    /// Δb = −η δ, the bias's step.
    BiasStep,
}

impl Qty {
    pub fn symbol(self) -> &'static str {
        match self {
            Qty::X => "x",
            Qty::Z => "z",
            Qty::A => "a",
            Qty::Y => "y",
            Qty::Target => "t",
            Qty::Loss => "L",
            Qty::Slope => "f′",
            Qty::Delta => "δ",
            Qty::BiasStep => "Δb",
        }
    }
}

/// How a node or edge relates to the stage shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Not reached by this stage of the pass.
    Pending,
    /// Computed at this stage.
    Current,
    /// Computed earlier in the pass.
    Done,
}

/// What one node shows.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub lines: Vec<(Qty, f64)>,
    pub mark: Mark,
}

/// What one edge shows: `value` is `None` while its quantity is not yet known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeView {
    pub edge: Edge,
    pub value: Option<f64>,
    pub current: bool,
}

/// The quantity every edge with a value shows at this stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeQty {
    Weight,
    Grad,
    Step,
}

/// One forward, loss, backward and update on one sample, as the core computes them.
#[derive(Clone, Debug)]
pub struct Pass {
    pub tape: Tape,
    pub grads: Grads,
    pub loss: f64,
    /// The network after one SGD step.
    pub updated: Network,
}

impl Pass {
    /// Runs the core on `net` (not mutated) for input `x` and target `t`, and updates a copy with learning rate `lr`.
    pub fn run(net: &Network, x: [f64; INPUTS], t: f64, lr: f64) -> Pass {
        let mut tape = net.tape(1);
        let mut grads = net.grads();
        net.forward([x.as_slice()], &mut tape);
        let loss = LOSS.output_delta(net, &mut tape, [[t].as_slice()], 1.0);
        net.backward(&mut tape, &mut grads);
        let mut updated = net.clone();
        Optimizer::new(Rule::Sgd, net).step(&mut updated, &grads, lr);
        Pass { tape, grads, loss, updated }
    }
}

/// The loss of `net` on one sample (forward only).
pub fn loss_of(net: &Network, x: [f64; INPUTS], t: f64) -> f64 {
    let mut tape = net.tape(1);
    net.forward([x.as_slice()], &mut tape);
    LOSS.output_delta(net, &mut tape, [[t].as_slice()], 1.0)
}

/// Input, hidden and output sizes.
pub fn sizes(depth: usize, width: usize) -> Vec<usize> {
    let mut s = vec![INPUTS];
    s.extend(std::iter::repeat_n(width, depth));
    s.push(1);
    s
}

/// The seeded initial network of these params (before any update).
pub fn initial_network(p: &BackpropParams) -> Network {
    let (depth, width) = p.shape();
    let mut net =
        Network::new(&sizes(depth, width), p.act, OUTPUT).expect("the diagram's shapes are within the core's limits");
    initialise(&mut net, INIT, BiasInit::Zero, &mut Rng::new(p.seed));
    net
}

/// Everything the figure shows for one set of params.
#[derive(Clone, Debug)]
pub struct View {
    /// The params this view was computed for.
    pub params: BackpropParams,
    pub sizes: Vec<usize>,
    pub stage: Stage,
    /// Updates applied before this pass (less than `BackpropParams::iter` after an overflow).
    pub iter: usize,
    /// The update that overflowed, if one did.
    pub diverged_at: Option<usize>,
    pub x: [f64; INPUTS],
    pub target: f64,
    pub lr: f64,
    /// The weights this pass starts from.
    pub net: Network,
    pub pass: Pass,
    /// The loss after this pass's update (the key number).
    pub loss_after: f64,
    /// Per column (inputs, hidden layers, output), per unit.
    pub nodes: Vec<Vec<NodeView>>,
    /// Every weight, layer by layer, row by row (`to`), then `from`.
    pub edges: Vec<EdgeView>,
    pub edge_qty: EdgeQty,
    /// The largest |value| among the edges (1 when all are zero or unknown): the scale of widths and colours.
    pub edge_max: f64,
}

/// The sample, target and learning rate of `p`, clamped to their ranges (NaN goes to the default).
fn sample(p: &BackpropParams) -> ([f64; INPUTS], f64, f64) {
    let d = BackpropParams::default();
    let c = |v: f64, lo: f64, hi: f64, def: f64| if v.is_nan() { def } else { v.clamp(lo, hi) };
    ([c(p.x1, -1.0, 1.0, d.x1), c(p.x2, -1.0, 1.0, d.x2)], c(p.target, 0.0, 1.0, d.target), c(p.lr, 1e-4, 10.0, d.lr))
}

/// Replays `p.iter` updates from the seeded weights, runs the current pass and stages it.
pub fn compute(p: &BackpropParams) -> View {
    let (x, target, lr) = sample(p);
    let mut net = initial_network(p);
    let mut iter = 0;
    let mut pass = Pass::run(&net, x, target, lr);
    while iter < p.iter.min(MAX_ITER) && pass.updated.is_finite() {
        net = pass.updated.clone();
        iter += 1;
        pass = Pass::run(&net, x, target, lr);
    }
    View::new(p, net, pass, iter)
}

/// The same view as `compute(p)`, reusing `prev` where it can: when only
/// the stage differs, it is restaged; when `p` is the pass after `prev`'s
/// (one more update, as Play and Next make it), it starts from `prev`'s
/// updated weights instead of replaying every update.
pub fn compute_from(prev: Option<&View>, p: &BackpropParams) -> View {
    if let Some(prev) = prev {
        let same = BackpropParams { stage: p.stage, ..prev.params.clone() };
        if same == *p {
            let mut v = prev.clone();
            v.restage(p);
            return v;
        }
        let next = BackpropParams { iter: prev.params.iter + 1, ..same };
        let caught_up = prev.iter == prev.params.iter && prev.diverged_at.is_none();
        if next == *p && caught_up && p.iter <= MAX_ITER {
            let (x, target, lr) = sample(p);
            let net = prev.pass.updated.clone();
            let pass = Pass::run(&net, x, target, lr);
            return View::new(p, net, pass, prev.iter + 1);
        }
    }
    compute(p)
}

impl View {
    /// The view of `pass` on `net` after `iter` updates, at `p`'s stage.
    fn new(p: &BackpropParams, net: Network, pass: Pass, iter: usize) -> View {
        let (x, target, lr) = sample(p);
        let loss_after = loss_of(&pass.updated, x, target);
        let diverged_at =
            (!pass.updated.is_finite() || !loss_after.is_finite() || !pass.loss.is_finite()).then_some(iter + 1);
        let mut view = View {
            params: p.clone(),
            sizes: net.sizes(),
            stage: Stage::Start,
            iter,
            diverged_at,
            x,
            target,
            lr,
            net,
            pass,
            loss_after,
            nodes: Vec::new(),
            edges: Vec::new(),
            edge_qty: EdgeQty::Weight,
            edge_max: 1.0,
        };
        view.restage(p);
        view
    }

    /// Shows `p`'s stage of the same pass (mutates the stage and what nodes and edges show).
    pub fn restage(&mut self, p: &BackpropParams) {
        self.params.stage = p.stage;
        self.stage = p.current_stage();
        self.nodes = (0..self.sizes.len()).map(|c| (0..self.sizes[c]).map(|j| self.node_view(c, j)).collect()).collect();
        self.edge_qty = match self.stage {
            Stage::Backward(_) => EdgeQty::Grad,
            Stage::Update => EdgeQty::Step,
            _ => EdgeQty::Weight,
        };
        self.edges = self.all_edges().map(|e| self.edge_view(e)).collect();
        let max = self.edges.iter().filter_map(|e| e.value).map(f64::abs).filter(|v| v.is_finite()).fold(0.0, f64::max);
        self.edge_max = if max > 0.0 { max } else { 1.0 };
    }

    /// Hidden layers.
    pub fn depth(&self) -> usize {
        self.sizes.len() - 2
    }

    /// Columns of the diagram (inputs, hidden layers, output).
    pub fn columns(&self) -> usize {
        self.sizes.len()
    }

    fn read(&self, rows: &[Vec<f64>], row: usize, unit: usize) -> f64 {
        rows[row][unit * self.pass.tape.cap]
    }

    /// Pre-activation z of unit `j` in column `col` >= 1.
    pub fn z(&self, col: usize, j: usize) -> f64 {
        self.read(&self.pass.tape.z, col - 1, j)
    }

    /// Output a of unit `j` in column `col` (the input itself in column 0).
    pub fn a(&self, col: usize, j: usize) -> f64 {
        self.read(&self.pass.tape.a, col, j)
    }

    /// Slope f′(z) of unit `j` in column `col` >= 1.
    pub fn slope(&self, col: usize, j: usize) -> f64 {
        self.read(&self.pass.tape.d, col - 1, j)
    }

    /// δ = ∂L/∂z of unit `j` in column `col` >= 1.
    pub fn delta(&self, col: usize, j: usize) -> f64 {
        self.read(&self.pass.tape.delta, col - 1, j)
    }

    /// The network's output y.
    pub fn output(&self) -> f64 {
        self.a(self.columns() - 1, 0)
    }

    pub fn weight(&self, e: Edge) -> f64 {
        let l = &self.net.layers[e.layer];
        l.w[e.to * l.n_in + e.from]
    }

    /// ∂L/∂w from the core's `Grads`.
    pub fn grad(&self, e: Edge) -> f64 {
        self.pass.grads.w[e.layer][e.to * self.net.layers[e.layer].n_in + e.from]
    }

    /// The weight after the update (from the optimiser).
    pub fn new_weight(&self, e: Edge) -> f64 {
        let l = &self.pass.updated.layers[e.layer];
        l.w[e.to * l.n_in + e.from]
    }

    /// Δw = −η ∂L/∂w, what SGD subtracts.
    pub fn step(&self, e: Edge) -> f64 {
        -(self.lr * self.grad(e))
    }

    /// Every weight: layer by layer, then `to`, then `from` (row-major, as the core stores them).
    pub fn all_edges(&self) -> impl Iterator<Item = Edge> + '_ {
        self.net.layers.iter().enumerate().flat_map(|(layer, l)| {
            (0..l.n_out).flat_map(move |to| (0..l.n_in).map(move |from| Edge { layer, to, from }))
        })
    }

    /// Whether `e` names a weight of this network.
    pub fn has(&self, e: Edge) -> bool {
        self.net.layers.get(e.layer).is_some_and(|l| e.to < l.n_out && e.from < l.n_in)
    }

    fn node_view(&self, col: usize, j: usize) -> NodeView {
        let out = col == self.columns() - 1;
        let forward = |c: usize| {
            if c == self.columns() - 1 {
                vec![(Qty::Z, self.z(c, j)), (Qty::Y, self.a(c, j))]
            } else {
                vec![(Qty::Z, self.z(c, j)), (Qty::A, self.a(c, j))]
            }
        };
        if col == 0 {
            return NodeView { lines: vec![(Qty::X, self.a(0, j))], mark: Mark::Done };
        }
        let backward = vec![(Qty::Slope, self.slope(col, j)), (Qty::Delta, self.delta(col, j))];
        let (lines, mark) = match self.stage {
            Stage::Start => (vec![], Mark::Pending),
            Stage::Forward(k) if col > k => (vec![], Mark::Pending),
            Stage::Forward(k) => (forward(col), if col == k { Mark::Current } else { Mark::Done }),
            Stage::Loss if out => {
                (vec![(Qty::Y, self.output()), (Qty::Target, self.target), (Qty::Loss, self.pass.loss)], Mark::Current)
            }
            Stage::Loss => (forward(col), Mark::Done),
            Stage::Backward(k) if col < k => (vec![(Qty::A, self.a(col, j))], Mark::Pending),
            Stage::Backward(k) => (backward, if col == k { Mark::Current } else { Mark::Done }),
            Stage::Update => {
                (vec![(Qty::Delta, self.delta(col, j)), (Qty::BiasStep, -(self.lr * self.delta(col, j)))], Mark::Done)
            }
        };
        NodeView { lines, mark }
    }

    fn edge_view(&self, e: Edge) -> EdgeView {
        let k = e.layer + 1;
        let (value, current) = match self.stage {
            Stage::Start | Stage::Loss => (Some(self.weight(e)), false),
            Stage::Forward(f) => (Some(self.weight(e)), f == k),
            Stage::Backward(b) if k >= b => (Some(self.grad(e)), k == b),
            Stage::Backward(_) => (None, false),
            Stage::Update => (Some(self.step(e)), false),
        };
        EdgeView { edge: e, value, current }
    }

    /// The chain rule for weight `e` with this pass's numbers; `None` if `e` is not a weight here.
    pub fn chain(&self, e: Edge) -> Option<Chain> {
        if !self.has(e) {
            return None;
        }
        let col = e.layer + 1;
        let upstream = if col == self.columns() - 1 {
            Upstream::Output { y: self.output(), target: self.target }
        } else {
            let above = &self.net.layers[col];
            Upstream::Units(
                (0..above.n_out).map(|k| (above.w[k * above.n_in + e.to], self.delta(col + 1, k))).collect(),
            )
        };
        let upstream_sum = match &upstream {
            Upstream::Output { y, target } => y - target,
            Upstream::Units(terms) => terms.iter().map(|(w, d)| w * d).sum(),
        };
        let (a, delta, slope) = (self.a(e.layer, e.from), self.delta(col, e.to), self.slope(col, e.to));
        Some(Chain {
            edge: e,
            output_col: self.columns() - 1,
            a,
            delta,
            slope,
            upstream,
            upstream_sum,
            product: delta * a,
            expanded: slope * upstream_sum * a,
            core: self.grad(e),
            lr: self.lr,
            weight: self.weight(e),
            step: self.step(e),
            new_weight: self.new_weight(e),
        })
    }
}

/// Where a unit's error comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Upstream {
    /// The output unit: ∂L/∂y = y − t.
    Output { y: f64, target: f64 },
    /// A hidden unit: (w_kj, δ_k) for each unit k of the next layer.
    Units(Vec<(f64, f64)>),
}

/// ∂L/∂w for one weight written as the chain rule multiplies it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    pub edge: Edge,
    /// Column of the output unit (depth + 1), for naming.
    pub output_col: usize,
    /// The activation the weight carries, a_i (x_i for the first layer).
    pub a: f64,
    /// δ_j of the unit it feeds, read from the core's tape.
    pub delta: f64,
    /// f′(z_j), from the tape.
    pub slope: f64,
    pub upstream: Upstream,
    /// Σ_k w_kj δ_k, or y − t at the output: ∂L/∂a_j.
    pub upstream_sum: f64,
    /// δ_j · a_i.
    pub product: f64,
    /// f′(z_j) · ∂L/∂a_j · a_i, multiplied out here.
    pub expanded: f64,
    /// The core's ∂L/∂w from `Grads`.
    pub core: f64,
    pub lr: f64,
    pub weight: f64,
    /// Δw = −η ∂L/∂w.
    pub step: f64,
    /// The weight after the optimiser's step.
    pub new_weight: f64,
}

const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

fn script(n: usize, digits: &[char; 10]) -> String {
    n.to_string().chars().map(|c| digits[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

/// "⁽ˡ⁾" for layer l.
fn sup(l: usize) -> String {
    format!("⁽{}⁾", script(l, &SUP))
}

/// `i` in subscript digits (x₂).
pub fn sub(i: usize) -> String {
    script(i, &SUB)
}

/// A number as a factor: negative ones in parentheses.
fn factor(x: f64) -> String {
    if x < 0.0 {
        format!("({})", sig4(x))
    } else {
        sig4(x)
    }
}

impl Chain {
    /// True when δ · a, the product shown, is the core's ∂L/∂w (to rounding)
    /// and so is the fully expanded product.
    pub fn agrees(&self) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
        let loose = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + b.abs());
        close(self.product, self.core) && loose(self.expanded, self.core)
    }

    /// |δ · a − core|.
    pub fn difference(&self) -> f64 {
        (self.product - self.core).abs()
    }

    /// The chain as formulas with live numbers, 4 significant digits
    /// (notation only, the same in every language): the gradient as δ · a,
    /// δ from its slope and upstream error, the whole product, the update.
    pub fn lines(&self) -> Vec<String> {
        let Edge { layer, to, from } = self.edge;
        let l = layer + 1;
        let (j, i) = (to + 1, from + 1);
        let w = format!("w{}{}{}", sup(l), sub(j), sub(i));
        let a = if layer == 0 { format!("x{}", sub(i)) } else { format!("a{}{}", sup(layer), sub(i)) };
        let d = format!("δ{}{}", sup(l), sub(j));
        let fz = format!("f′(z{}{})", sup(l), sub(j));
        let grad = format!("∂L/∂{w}");
        let (up_sym, up_num) = match &self.upstream {
            Upstream::Output { y, target } => ("(y − t)".to_string(), format!("({} − {})", sig4(*y), sig4(*target))),
            Upstream::Units(terms) => (
                format!("Σₖ w{}ₖ{} δ{}ₖ", sup(l + 1), sub(j), sup(l + 1)),
                format!(
                    "({})",
                    terms
                        .iter()
                        .map(|(w, d)| format!("{} × {}", factor(*w), factor(*d)))
                        .collect::<Vec<_>>()
                        .join(" + ")
                ),
            ),
        };
        vec![
            format!("{grad} = {d} · {a} = {} × {} = {}", factor(self.delta), factor(self.a), sig4(self.product)),
            format!(
                "{d} = {fz} · {up_sym} = {} × {up_num} = {} × {} = {}",
                factor(self.slope),
                factor(self.slope),
                factor(self.upstream_sum),
                sig4(self.slope * self.upstream_sum)
            ),
            format!(
                "{grad} = {fz} · {up_sym} · {a} = {} × {} × {} = {}",
                factor(self.slope),
                factor(self.upstream_sum),
                factor(self.a),
                sig4(self.expanded)
            ),
            format!(
                "Δ{w} = −η · {grad} = −{} × {} = {};  {w}: {} → {}",
                sig4(self.lr),
                factor(self.core),
                sig4(self.step),
                sig4(self.weight),
                sig4(self.new_weight)
            ),
        ]
    }
}

/// A number to 4 significant digits: plain decimals from 0.001 to 10⁴,
/// else `−9.708 × 10⁻⁷` (the page's `fmt_num` and `chart::scale::sci`).
pub fn sig4(x: f64) -> String {
    sci(x, 4)
}

/// Where the diagram puts its nodes, in a unit square (x right, y down),
/// shared by the chart that draws it and the page that hit-tests clicks.
///
/// Lengths that must look round (node radius, hit tolerance) are in units
/// of the square's height; `aspect` (pixel width / height) converts x.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub sizes: Vec<usize>,
    pub aspect: f64,
}

/// Left and right margins of the node columns, in units of the width.
const PAD_X: f64 = 0.06;
/// Vertical centre of the columns and distance between units.
const MID_Y: f64 = 0.44;
const GAP_Y: f64 = 0.8 / MAX_WIDTH as f64;
/// How near an edge a click must land, in units of the height.
const EDGE_TOLERANCE: f64 = 0.025;

impl Layout {
    pub fn new(sizes: &[usize], aspect: f64) -> Layout {
        Layout { sizes: sizes.to_vec(), aspect: if aspect.is_finite() && aspect > 0.0 { aspect } else { 1.0 } }
    }

    /// Centre of a node.
    pub fn pos(&self, n: Node) -> (f64, f64) {
        let cols = self.sizes.len();
        let x = PAD_X + (1.0 - 2.0 * PAD_X) * n.col as f64 / (cols - 1).max(1) as f64;
        let units = self.sizes[n.col] as f64;
        (x, MID_Y + (n.unit as f64 - (units - 1.0) / 2.0) * GAP_Y)
    }

    /// Node radius in units of the height: at most a third of the gap between columns.
    pub fn radius(&self) -> f64 {
        let cols = (self.sizes.len() - 1).max(1) as f64;
        let col_gap = (1.0 - 2.0 * PAD_X) / cols * self.aspect;
        (0.3 * GAP_Y).min(0.3 * col_gap)
    }

    /// Every node, column by column.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        self.sizes.iter().enumerate().flat_map(|(col, &n)| (0..n).map(move |unit| Node { col, unit }))
    }

    /// Both ends of an edge.
    pub fn ends(&self, e: Edge) -> ((f64, f64), (f64, f64)) {
        (self.pos(Node { col: e.layer, unit: e.from }), self.pos(Node { col: e.layer + 1, unit: e.to }))
    }

    /// Distance in units of the height.
    fn dist(&self, a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0) * self.aspect).hypot(a.1 - b.1)
    }

    /// Distance from (x, y) to the segment of edge `e`, in units of the height.
    pub fn edge_distance(&self, e: Edge, x: f64, y: f64) -> f64 {
        let (p, q) = self.ends(e);
        // Project onto the segment with x scaled by the aspect.
        let (dx, dy) = ((q.0 - p.0) * self.aspect, q.1 - p.1);
        let (px, py) = ((x - p.0) * self.aspect, y - p.1);
        let t = ((px * dx + py * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
        (px - t * dx).hypot(py - t * dy)
    }

    /// Every edge, layer by layer, `to`, then `from`.
    pub fn edges(&self) -> impl Iterator<Item = Edge> + '_ {
        (0..self.sizes.len() - 1).flat_map(move |layer| {
            (0..self.sizes[layer + 1])
                .flat_map(move |to| (0..self.sizes[layer]).map(move |from| Edge { layer, to, from }))
        })
    }

    /// The node under (x, y), else the nearest edge within a small tolerance.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        let r = self.radius();
        if let Some(n) = self.nodes().find(|&n| self.dist((x, y), self.pos(n)) <= r) {
            return Some(Hit::Node(n));
        }
        self.edges()
            .map(|e| (self.edge_distance(e, x, y), e))
            .filter(|(d, _)| *d <= EDGE_TOLERANCE)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| Hit::Edge(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::ALL;

    fn params(depth: usize, width: usize, act: Activation) -> BackpropParams {
        BackpropParams { depth, width, act, ..BackpropParams::default() }
    }

    /// The loss as a function of one weight, for finite differences.
    fn loss_with(net: &Network, e: Edge, w: f64, x: [f64; 2], t: f64) -> f64 {
        let mut n = net.clone();
        let row = n.layers[e.layer].n_in;
        n.layers[e.layer].w[e.to * row + e.from] = w;
        loss_of(&n, x, t)
    }

    /// Central difference of the loss in weight `e` (h scaled to the weight).
    fn numeric_grad(net: &Network, e: Edge, x: [f64; 2], t: f64) -> f64 {
        let w = net.layers[e.layer].w[e.to * net.layers[e.layer].n_in + e.from];
        let h = 1e-5 * (1.0 + w.abs());
        (loss_with(net, e, w + h, x, t) - loss_with(net, e, w - h, x, t)) / (2.0 * h)
    }

    #[test]
    fn stage_indices_round_trip_and_run_forward_then_backward() {
        for depth in 1..=6 {
            let n = Stage::count(depth);
            let stages: Vec<Stage> = (0..n).map(|i| Stage::from_index(i, depth)).collect();
            for (i, s) in stages.iter().enumerate() {
                assert_eq!(s.index(depth), i, "{s:?}");
            }
            let fwd: Vec<usize> =
                stages.iter().filter_map(|s| if let Stage::Forward(k) = s { Some(*k) } else { None }).collect();
            let bwd: Vec<usize> =
                stages.iter().filter_map(|s| if let Stage::Backward(k) = s { Some(*k) } else { None }).collect();
            assert_eq!(fwd, (1..=depth + 1).collect::<Vec<_>>());
            assert_eq!(bwd, (1..=depth + 1).rev().collect::<Vec<_>>());
            assert_eq!(stages[depth + 2], Stage::Loss);
            assert_eq!(stages[n - 1], Stage::Update);
        }
    }

    /// Every gradient the view holds is the loss's slope in that weight,
    /// measured by central differences of the loss (an oracle independent
    /// of the backward pass), for every activation with a derivative
    /// everywhere near the sample.
    #[test]
    fn gradients_match_finite_differences_of_the_loss() {
        for act in ALL {
            for (depth, width) in [(1, 1), (2, 3), (4, 4), (6, 2)] {
                let v = compute(&params(depth, width, act));
                let mut worst: f64 = 0.0;
                for e in v.all_edges() {
                    let num = numeric_grad(&v.net, e, v.x, v.target);
                    let err = (v.grad(e) - num).abs() / (1e-7 + num.abs().max(v.grad(e).abs()));
                    // Absolute floor: gradients below 1e-9 are noise for a difference quotient.
                    if (v.grad(e) - num).abs() > 1e-9 {
                        worst = worst.max(err);
                    }
                }
                assert!(worst < 1e-4, "{act} {depth}x{width}: worst relative error {worst}");
            }
        }
    }

    /// The view reads the core: a pass run here by hand through
    /// Network/Loss gives the same z, a, f′, δ and ∂L/∂w bit for bit, and the
    /// update is w − η ∂L/∂w.
    #[test]
    fn the_view_shows_the_cores_numbers() {
        let p = BackpropParams {
            depth: 3,
            width: 4,
            act: Activation::Tanh,
            seed: 9,
            x1: -0.3,
            x2: 0.7,
            target: 0.2,
            lr: 0.1,
            ..BackpropParams::default()
        };
        let v = compute(&p);
        let mut net = Network::new(&[2, 4, 4, 4, 1], Activation::Tanh, Activation::Sigmoid).unwrap();
        initialise(&mut net, Init::XavierNormal, BiasInit::Zero, &mut Rng::new(9));
        let mut tape = net.tape(1);
        let mut grads = net.grads();
        net.forward([[-0.3, 0.7].as_slice()], &mut tape);
        let loss = Loss::Mse.output_delta(&net, &mut tape, [[0.2].as_slice()], 1.0);
        net.backward(&mut tape, &mut grads);
        assert_eq!(v.pass.loss, loss);
        let cap = tape.cap;
        for c in 1..5 {
            for j in 0..v.sizes[c] {
                assert_eq!(v.z(c, j), tape.z[c - 1][j * cap]);
                assert_eq!(v.a(c, j), tape.a[c][j * cap]);
                assert_eq!(v.slope(c, j), tape.d[c - 1][j * cap]);
                assert_eq!(v.delta(c, j), tape.delta[c - 1][j * cap]);
            }
        }
        for e in v.all_edges() {
            let n_in = net.layers[e.layer].n_in;
            assert_eq!(v.grad(e), grads.w[e.layer][e.to * n_in + e.from]);
            assert_eq!(v.new_weight(e), net.layers[e.layer].w[e.to * n_in + e.from] - 0.1 * v.grad(e));
            assert_eq!(v.weight(e) + v.step(e), v.new_weight(e));
        }
        // a = f(z) with the activation's own formula; y is a sigmoid.
        assert!((v.a(1, 0) - v.z(1, 0).tanh()).abs() < 1e-15);
        assert!((v.output() - 1.0 / (1.0 + (-v.z(4, 0)).exp())).abs() < 1e-15);
        assert_eq!(v.pass.loss, 0.5 * (v.output() - 0.2).powi(2));
    }

    #[test]
    fn replayed_updates_equal_sgd_steps_and_lower_the_loss() {
        let p = BackpropParams { iter: 5, ..BackpropParams::default() };
        let v = compute(&p);
        let mut net = initial_network(&p);
        let mut losses = Vec::new();
        for _ in 0..5 {
            let mut tape = net.tape(1);
            let mut grads = net.grads();
            net.forward([[p.x1, p.x2].as_slice()], &mut tape);
            losses.push(Loss::Mse.output_delta(&net, &mut tape, [[p.target].as_slice()], 1.0));
            net.backward(&mut tape, &mut grads);
            for (layer, g) in net.layers.iter_mut().zip(&grads.w) {
                layer.w.iter_mut().zip(g).for_each(|(w, g)| *w -= p.lr * g);
            }
            for (layer, g) in net.layers.iter_mut().zip(&grads.b) {
                layer.b.iter_mut().zip(g).for_each(|(b, g)| *b -= p.lr * g);
            }
        }
        assert_eq!(v.iter, 5);
        assert_eq!(v.net, net);
        losses.push(v.pass.loss);
        losses.push(v.loss_after);
        assert!(losses.windows(2).all(|w| w[1] < w[0]), "learning rate 0.5 on one sample lowers the loss: {losses:?}");
    }

    #[test]
    fn reusing_the_previous_view_gives_the_same_numbers() {
        let same = |a: &View, b: &View| {
            assert_eq!((a.iter, a.stage, a.net.clone(), a.pass.loss, a.loss_after), (b.iter, b.stage, b.net.clone(), b.pass.loss, b.loss_after));
            assert_eq!((a.nodes.clone(), a.edges.clone(), a.edge_max), (b.nodes.clone(), b.edges.clone(), b.edge_max));
        };
        let mut p = BackpropParams { depth: 3, width: 2, act: Activation::Tanh, ..BackpropParams::default() };
        let mut v = compute(&p);
        // Play through three whole passes, one stage at a time.
        for _ in 0..3 * p.stages() {
            p.step_forward();
            v = compute_from(Some(&v), &p);
            same(&v, &compute(&p));
        }
        assert_eq!(v.iter, 3);
        // Any other change is computed afresh.
        let q = BackpropParams { lr: 0.05, ..p.clone() };
        same(&compute_from(Some(&v), &q), &compute(&q));
        let q = BackpropParams { iter: 1, ..p.clone() };
        same(&compute_from(Some(&v), &q), &compute(&q));
    }

    #[test]
    fn the_key_number_follows_the_learning_rate_and_the_depth() {
        let base = compute(&BackpropParams::default());
        let slow = compute(&BackpropParams { lr: 0.01, ..BackpropParams::default() });
        let deep = compute(&BackpropParams { depth: 5, ..BackpropParams::default() });
        assert!(base.loss_after < slow.loss_after && slow.loss_after < slow.pass.loss);
        assert_eq!(base.pass.loss, slow.pass.loss, "the learning rate acts only at the update");
        assert_ne!(base.loss_after, deep.loss_after);
    }

    #[test]
    fn the_chain_multiplies_out_to_the_cores_gradient() {
        for act in [Activation::Sigmoid, Activation::Relu, Activation::Gelu] {
            let v = compute(&params(3, 3, act));
            for e in v.all_edges() {
                let c = v.chain(e).unwrap();
                assert!(c.agrees(), "{act} {e:?}: {c:?}");
                assert_eq!(c.difference(), 0.0, "δ · a is exactly what backward accumulated");
                // δ_j = f′(z_j) Σ_k w_kj δ_k, with the sum formed here from the weights.
                assert!((c.slope * c.upstream_sum - c.delta).abs() <= 1e-14 * (1.0 + c.delta.abs()));
                let num = numeric_grad(&v.net, e, v.x, v.target);
                assert!(
                    (c.expanded - num).abs() <= 1e-6 * (1e-6 + num.abs()) + 1e-10,
                    "{e:?}: {} vs {num}",
                    c.expanded
                );
            }
        }
        let v = compute(&BackpropParams::default());
        assert!(v.chain(Edge { layer: 3, to: 0, from: 0 }).is_none());
        assert!(v.chain(Edge { layer: 0, to: 3, from: 0 }).is_none());
    }

    #[test]
    fn the_chain_is_written_with_its_numbers() {
        let v = compute(&BackpropParams::default());
        // Output weight from hidden unit 2 of layer 2: w⁽³⁾₁₂.
        let c = v.chain(Edge { layer: 2, to: 0, from: 1 }).unwrap();
        let lines = c.lines();
        assert!(lines[0].starts_with("∂L/∂w⁽³⁾₁₂ = δ⁽³⁾₁ · a⁽²⁾₂ = "), "{}", lines[0]);
        assert!(lines[0].ends_with(&format!("= {}", sig4(v.grad(c.edge)))));
        assert!(lines[1].contains("(y − t)") && lines[1].contains(&sig4(v.output())));
        // A first-layer weight reads its input x and sums over the 3 units above.
        let c = v.chain(Edge { layer: 0, to: 2, from: 0 }).unwrap();
        let lines = c.lines();
        assert!(lines[0].contains("· x₁ = ") && lines[0].contains(&sig4(0.8)), "{}", lines[0]);
        assert_eq!(lines[1].matches(" + ").count(), 2, "a sum of three w × δ terms: {}", lines[1]);
        assert!(lines[3].contains(&sig4(c.new_weight)));
    }

    #[test]
    fn nodes_and_edges_show_what_each_stage_has_computed() {
        let depth = 2;
        let mut p = params(depth, 3, Activation::Sigmoid);
        let v = compute(&p);
        assert!(v.nodes[1..].iter().flatten().all(|n| n.lines.is_empty() && n.mark == Mark::Pending));
        assert_eq!(v.nodes[0][1].lines, vec![(Qty::X, p.x2)]);
        p.stage = Stage::Forward(2).index(depth);
        let v = compute(&p);
        assert_eq!(v.nodes[2][0].mark, Mark::Current);
        assert_eq!(v.nodes[2][1].lines, vec![(Qty::Z, v.z(2, 1)), (Qty::A, v.a(2, 1))]);
        assert!(v.nodes[3][0].lines.is_empty());
        assert_eq!(v.edges.iter().filter(|e| e.current).count(), 3 * 3);
        assert!(v.edges.iter().all(|e| e.value == Some(v.weight(e.edge))));
        p.stage = Stage::Backward(2).index(depth);
        let v = compute(&p);
        assert_eq!(v.edge_qty, EdgeQty::Grad);
        // Layers 2 and 3 have gradients (9 + 3 weights), layer 1 (6) not yet.
        assert_eq!(v.edges.iter().filter(|e| e.value.is_some()).count(), 12);
        assert_eq!(v.nodes[2][0].lines, vec![(Qty::Slope, v.slope(2, 0)), (Qty::Delta, v.delta(2, 0))]);
        assert_eq!(v.nodes[1][0].mark, Mark::Pending);
        let max = v.all_edges().filter(|e| e.layer >= 1).map(|e| v.grad(e).abs()).fold(0.0, f64::max);
        assert_eq!(v.edge_max, max);
        p.stage = Stage::Update.index(depth);
        let v = compute(&p);
        assert!(v.edges.iter().all(|e| e.value == Some(v.new_weight(e.edge) - v.weight(e.edge)) || {
            let d = v.new_weight(e.edge) - v.weight(e.edge);
            (e.value.unwrap() - d).abs() <= 1e-15 * (1.0 + v.weight(e.edge).abs())
        }));
    }

    #[test]
    fn bad_numbers_are_clamped_and_nothing_overflows_silently() {
        let v =
            compute(&BackpropParams { x1: f64::NAN, x2: 7.0, target: -3.0, lr: 1e9, depth: 40, width: 0, ..BackpropParams::default() });
        assert_eq!(v.x, [BackpropParams::default().x1, 1.0]);
        assert_eq!((v.target, v.lr), (0.0, 10.0));
        assert_eq!(v.sizes, vec![2, 1, 1, 1, 1, 1, 1, 1]);
        // The largest rate, the largest net, every update allowed: the sigmoid
        // output bounds δ at the output, and no activation overflows.
        for act in ALL {
            let p = BackpropParams { act, lr: 10.0, depth: 6, width: 4, iter: MAX_ITER, x1: 1.0, x2: -1.0, target: 0.0, ..BackpropParams::default() };
            let v = compute(&p);
            assert_eq!((v.iter, v.diverged_at), (MAX_ITER, None), "{act}");
            assert!(v.pass.updated.is_finite() && v.loss_after.is_finite(), "{act}");
        }
        // Weights that do overflow are flagged, with the update that did it.
        // (Identity units carry 2e308 = ∞ on; the saturated output then meets 0 · ∞.)
        let p = BackpropParams { act: Activation::Identity, ..BackpropParams::default() };
        let mut net = initial_network(&p);
        net.layers.iter_mut().for_each(|l| l.w.iter_mut().for_each(|w| *w = 1e308));
        let pass = Pass::run(&net, [1.0, 1.0], 0.0, 10.0);
        let v = View::new(&p, net, pass, 4);
        assert_eq!(v.diverged_at, Some(5));
    }

    #[test]
    fn four_significant_digits() {
        assert_eq!(sig4(0.001234567), "0.001235");
        assert_eq!(sig4(-0.1234567), "−0.1235");
        assert_eq!(sig4(123.4567), "123.5");
        assert_eq!(sig4(0.5), "0.5");
        assert_eq!(sig4(9.99996), "10");
        assert_eq!(sig4(1.234567e-5), "1.235 × 10⁻⁵");
        assert_eq!(sig4(-9.99996e-4), "−0.001");
        assert_eq!(sig4(123456.0), "1.235 × 10⁵");
        assert_eq!(sig4(-0.001), "−0.001");
        assert_eq!(sig4(0.0), "0");
    }

    #[test]
    fn every_node_and_edge_can_be_hit_where_it_is_drawn() {
        for depth in 1..=6 {
            for width in 1..=4 {
                for aspect in [1.0, 2.0, 0.7] {
                    let l = Layout::new(&sizes(depth, width), aspect);
                    for n in l.nodes() {
                        let (x, y) = l.pos(n);
                        assert_eq!(l.hit(x, y), Some(Hit::Node(n)));
                        // Just outside the circle, straight up, is not that node.
                        assert_ne!(l.hit(x, y - 1.05 * l.radius()), Some(Hit::Node(n)));
                    }
                    for e in l.edges() {
                        let ((x0, y0), (x1, y1)) = l.ends(e);
                        let mut exact = 0;
                        for t in [0.35, 0.45, 0.5, 0.55, 0.65] {
                            let (x, y) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0));
                            // On the edge, the hit is this edge or one crossing it right there.
                            match l.hit(x, y) {
                                Some(Hit::Edge(h)) => {
                                    assert!(
                                        l.edge_distance(h, x, y) < 1e-12,
                                        "{depth}x{width} {aspect}: {e:?} at {t} hit {h:?}"
                                    );
                                    exact += usize::from(h == e);
                                }
                                other => panic!("{depth}x{width} {aspect}: {e:?} at {t} hit {other:?}"),
                            }
                        }
                        assert!(exact >= 3, "{e:?} is clickable along most of its length");
                    }
                    assert_eq!(l.edges().count(), l.sizes.windows(2).map(|w| w[0] * w[1]).sum::<usize>());
                    assert_eq!(l.hit(0.5, 0.99), None, "below every node and edge");
                }
            }
        }
    }
}
