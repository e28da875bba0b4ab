//! The `vanishing` model: a deep network on a fixed task, the size of the back-propagated gradient at each layer, the chain rule's factors that account for it, and training one step at a time.
//!
//! The network takes [`INPUTS`] standard-normal inputs and has `depth`
//! hidden layers of `width` units with the chosen activation, then one
//! sigmoid output trained with binary cross-entropy (bce). With bce the
//! output layer's dL/dz is the plain error y − t, so every shrinking factor
//! the figure shows comes from the hidden layers, not from the output
//! sigmoid's own slope (mse would add one more factor of at most 0.25).
//! The task is the 8-D version of TensorFlow Playground's circle: the
//! target is 1 for the half of the points nearest the origin, 0 for the
//! rest; it is nonlinear, so training has something to learn.
//!
//! **What is measured.** For each layer l (input layer first, the output
//! layer last) the root mean square over the samples of ‖dL/dz_l‖, the
//! back-propagated gradient of one sample (`backprop_rms`, Glorot & Bengio's
//! quantity). It is chosen over the batch-mean weight gradient ‖dL/dW_l‖
//! because it is exactly what the chain rule multiplies, layer after layer
//! (dL/dz_l = f′(z_l) ⊙ W_{l+1}ᵀ dL/dz_{l+1}), so the bound and the
//! "show the math" factors compare like with like; dL/dW_l = dL/dz_l a_{l−1}ᵀ
//! would also carry the scale of each layer's input (N(0, 1) inputs at
//! layer 1, sigmoid outputs in (0, 1) further on), and a mean over samples
//! can cancel what single samples receive.

use super::VanishingParams;
use crate::activation::Activation;
use crate::analysis::gradient_flow::{backprop_rms, chain_bound};
use crate::analysis::stats::{hidden_stats, LayerStats};
use crate::data::{standard_normal, Dataset};
use crate::init::{initialise, BiasInit};
use crate::loss::Loss;
use crate::network::{l2_norm, Network, MAX_HIDDEN_LAYERS, MAX_WIDTH};
use crate::optimizer::Rule;
use crate::rng::Rng;
use crate::trainer::{State, TrainConfig, Trainer};

/// Inputs per sample (the core's largest input size).
pub const INPUTS: usize = 8;
/// Samples measured (and trained on).
pub const SAMPLES: usize = 128;
/// Samples per training step.
pub const BATCH: usize = 16;
/// Bins of each hidden layer's histogram.
pub const BINS: usize = 20;
pub const LOSS: Loss = Loss::Bce;
/// The smallest gradient the log axis shows. `backprop_rms` sums squares,
/// and squares of numbers below about 1e-154 round to 0 in f64, so a value
/// under this floor is "0 or too small to measure", never plotted as log(0).
pub const FLOOR: f64 = 1e-150;
/// The learning rate's range (the slider is over its log10).
pub const LR_MIN: f64 = 1e-4;
pub const LR_MAX: f64 = 10.0;

/// A learning rate the trainer accepts: clamped into [LR_MIN, LR_MAX], a
/// non-finite one replaced by the default.
pub fn clamp_lr(lr: f64) -> f64 {
    if lr.is_finite() {
        lr.clamp(LR_MIN, LR_MAX)
    } else {
        VanishingParams::default().lr
    }
}

/// [`SAMPLES`] points of N(0, I_8), target 1 when the point lies closer to
/// the origin than the median distance (so exactly half are 1), from `rng`
/// (advanced).
pub fn dataset(rng: &mut Rng) -> Dataset {
    let mut d = standard_normal(SAMPLES, INPUTS, 1, rng);
    let r2: Vec<f64> = d.x.chunks(INPUTS).map(|x| x.iter().map(|v| v * v).sum()).collect();
    let mut sorted = r2.clone();
    sorted.sort_by(f64::total_cmp);
    let median = 0.5 * (sorted[SAMPLES / 2 - 1] + sorted[SAMPLES / 2]);
    for (t, r) in d.y.iter_mut().zip(&r2) {
        *t = (*r < median) as u8 as f64;
    }
    d
}

/// The network of `p` (depth and width clamped to the core's limits),
/// weights drawn by `p.init` from `rng` (advanced), biases zero.
pub fn network(p: &VanishingParams, rng: &mut Rng) -> Network {
    let (depth, width) = (p.depth.clamp(1, MAX_HIDDEN_LAYERS), p.width.clamp(1, MAX_WIDTH));
    let mut sizes = vec![INPUTS];
    sizes.extend(std::iter::repeat_n(width, depth));
    sizes.push(1);
    let mut net = Network::new(&sizes, p.act, Activation::Sigmoid).expect("sizes within the core's limits");
    initialise(&mut net, p.init, BiasInit::Zero, rng);
    net
}

/// The chain rule's factor for one backward step, from layer l + 1 to
/// hidden layer l: dL/dz_l = f′(z_l) ⊙ W_{l+1}ᵀ dL/dz_{l+1}.
#[derive(Clone, Debug, PartialEq)]
pub struct MathRow {
    /// The hidden layer the gradient arrives at, counted from 1 at the input.
    pub layer: usize,
    /// Mean of |f′(z)| over the layer's units and the samples.
    pub mean_abs_slope: f64,
    /// √mean f′(z)²: what multiplying by f′ does to a norm (norms add
    /// squares, so this, not the mean |f′|, is the typical factor).
    pub rms_slope: f64,
    /// ‖W_{l+1}‖ (Frobenius: the square root of the sum of squared weights).
    pub weight_norm: f64,
    /// ‖W_{l+1}‖ / √(rows of W_{l+1}): how much Wᵀ stretches a gradient of
    /// random direction on average (E‖Wᵀv‖² = ‖W‖² ‖v‖² / rows).
    pub gain: f64,
    /// rms_slope × gain, the estimated factor of this step.
    pub estimate: f64,
    /// The measured factor ‖dL/dz_l‖ / ‖dL/dz_{l+1}‖ (RMS over samples);
    /// `None` when nothing arrives at layer l + 1.
    pub measured: Option<f64>,
}

/// Everything the figure, the sentence and the math panel show.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub act: Activation,
    /// Hidden layers; there are `depth + 1` layers with weights.
    pub depth: usize,
    pub width: usize,
    /// Per layer (input layer first, output layer last: `depth + 1`
    /// values), the RMS over samples of ‖dL/dz‖; finite and >= 0. Values
    /// below [`FLOOR`] (0 included) are not plotted on the log axis: see
    /// [`View::log_grad`].
    pub grad: Vec<f64>,
    /// max|f′| of the hidden activation (0.25 for sigmoid).
    pub max_slope: f64,
    /// Per layer, what the slopes alone allow, anchored at the output:
    /// `grad[depth] * max_slope^(depth - l)`. Not a bound on the measured
    /// values by itself (weights can stretch a gradient), but the factor
    /// the derivatives contribute: with sigmoid 0.25 per layer.
    pub bound: Vec<f64>,
    /// `max_slope^depth`: the slopes' factor between the output layer and layer 1.
    pub bound_ratio: f64,
    /// Per hidden layer, the distribution of its outputs (see `hidden_stats`).
    pub hidden: Vec<LayerStats>,
    /// The histograms' common range.
    pub hist_range: (f64, f64),
    /// The key number: layer 1's gradient over the output layer's,
    /// `grad[0] / grad[depth]`; `None` when no gradient reaches the output
    /// layer (every error is 0).
    pub ratio: Option<f64>,
    /// One row per backward step, input side first (`depth` rows).
    pub math: Vec<MathRow>,
    /// The product of the rows' estimates, beside `ratio`.
    pub estimate: f64,
    /// Mean bce loss over the samples.
    pub loss: f64,
    /// Training steps taken so far.
    pub step: u64,
    /// The step at which training diverged (the network was put back as it
    /// was before it), if it did.
    pub diverged: Option<u64>,
    /// True if some number overflowed and is shown as 0.
    pub overflow: bool,
}

impl View {
    /// Per layer, log10 of the gradient, or `None` where it is below
    /// [`FLOOR`] (0, or too small for f64): the chart marks those at the
    /// bottom of the axis instead of plotting log(0) = −∞.
    pub fn log_grad(&self) -> Vec<Option<f64>> {
        self.grad.iter().map(|&g| (g >= FLOOR).then(|| g.log10())).collect()
    }

    /// Whole decades (lo, hi) that the log axis spans: every gradient and
    /// bound at or above [`FLOOR`], with at least two decades.
    pub fn decades(&self) -> (i32, i32) {
        let logs = self.grad.iter().chain(&self.bound).filter(|&&v| v >= FLOOR).map(|v| v.log10());
        let (lo, hi) = logs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if !lo.is_finite() {
            return (-2, 0);
        }
        let (mut lo, mut hi) = (lo.floor() as i32, hi.ceil() as i32);
        if hi - lo < 2 {
            lo = hi - 2;
        }
        if self.grad.iter().any(|&g| g < FLOOR) {
            // Room under the lowest value for the "below the axis" marks.
            lo -= 1;
        }
        hi = hi.max(lo + 2);
        (lo, hi)
    }

    /// The mean saturated fraction over the hidden layers.
    pub fn mean_saturated(&self) -> f64 {
        self.hidden.iter().map(|s| s.saturated).sum::<f64>() / self.hidden.len().max(1) as f64
    }
}

/// What one forward pass over the data gives: per hidden layer the slopes'
/// mean |f′| and mean f′², the outputs' mean and second moment; the loss.
struct Pass {
    abs_slope: Vec<f64>,
    sq_slope: Vec<f64>,
    out_mean: Vec<f64>,
    out_sq: Vec<f64>,
    loss: f64,
}

fn forward_pass(net: &Network, data: &Dataset) -> Pass {
    let hidden = net.layers.len() - 1;
    let mut tape = net.tape(32);
    let cap = tape.cap;
    let mut p = Pass {
        abs_slope: vec![0.0; hidden],
        sq_slope: vec![0.0; hidden],
        out_mean: vec![0.0; hidden],
        out_sq: vec![0.0; hidden],
        loss: 0.0,
    };
    for idx in data.chunks(cap) {
        net.forward(data.inputs(idx.clone()), &mut tape);
        p.loss += LOSS.output_delta(net, &mut tape, data.targets(idx), 0.0);
        let len = tape.len;
        for l in 0..hidden {
            for j in 0..net.layers[l].n_out {
                let row = j * cap..j * cap + len;
                for (&d, &a) in tape.d[l][row.clone()].iter().zip(&tape.a[l + 1][row]) {
                    p.abs_slope[l] += d.abs();
                    p.sq_slope[l] += d * d;
                    p.out_mean[l] += a;
                    p.out_sq[l] += a * a;
                }
            }
        }
    }
    for l in 0..hidden {
        let n = (net.layers[l].n_out * data.len()).max(1) as f64;
        for v in [&mut p.abs_slope[l], &mut p.sq_slope[l], &mut p.out_mean[l], &mut p.out_sq[l]] {
            *v /= n;
        }
    }
    p.loss /= data.len().max(1) as f64;
    p
}

/// A finite value as it is, anything else as 0 with `overflow` set.
fn finite(v: f64, overflow: &mut bool) -> f64 {
    if v.is_finite() {
        v
    } else {
        *overflow = true;
        0.0
    }
}

/// The histograms' range: the activation's own range where it is finite
/// (sigmoid (0, 1), tanh (−1, 1)), else the layers' mean ± 3 standard
/// deviations, widest over the layers.
fn hist_range(act: Activation, pass: &Pass, overflow: &mut bool) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for (m, sq) in pass.out_mean.iter().zip(&pass.out_sq) {
        let sd = (sq - m * m).max(0.0).sqrt();
        lo = lo.min(m - 3.0 * sd);
        hi = hi.max(m + 3.0 * sd);
    }
    let (a, b) = act.properties().range;
    let lo = if a.is_finite() { a } else { finite(lo, overflow).max(-1e300) };
    let hi = if b.is_finite() { b } else { finite(hi, overflow).min(1e300) };
    if hi > lo {
        (lo, hi)
    } else {
        (lo, lo + 1.0)
    }
}

/// Measures `net` on `data`; `step` and `diverged` are copied into the view.
pub fn measure(net: &Network, data: &Dataset, step: u64, diverged: Option<u64>) -> View {
    let depth = net.layers.len() - 1;
    let act = net.hidden;
    let max_slope = act.properties().max_slope;
    let mut overflow = false;
    let pass = forward_pass(net, data);
    let grad: Vec<f64> = backprop_rms(net, LOSS, data).into_iter().map(|g| finite(g, &mut overflow)).collect();
    let out = grad[depth];
    let bound: Vec<f64> = chain_bound(net).into_iter().map(|b| finite(b * out, &mut overflow)).collect();
    let hist_range = hist_range(act, &pass, &mut overflow);
    let mut hidden = hidden_stats(net, data, BINS, hist_range);
    for s in &mut hidden {
        for v in [&mut s.mean, &mut s.std, &mut s.saturated] {
            *v = finite(*v, &mut overflow);
        }
    }
    let math: Vec<MathRow> = (0..depth)
        .map(|l| {
            let next = &net.layers[l + 1];
            let weight_norm = finite(l2_norm(&next.w), &mut overflow);
            let gain = weight_norm / (next.n_out as f64).sqrt();
            let rms_slope = finite(pass.sq_slope[l].sqrt(), &mut overflow);
            MathRow {
                layer: l + 1,
                mean_abs_slope: finite(pass.abs_slope[l], &mut overflow),
                rms_slope,
                weight_norm,
                gain,
                estimate: finite(rms_slope * gain, &mut overflow),
                measured: (grad[l + 1] > 0.0).then(|| grad[l] / grad[l + 1]),
            }
        })
        .collect();
    let estimate = finite(math.iter().map(|r| r.estimate).product(), &mut overflow);
    View {
        act,
        depth,
        width: net.layers[0].n_out,
        ratio: (out > 0.0).then(|| grad[0] / out),
        bound_ratio: max_slope.powi(depth as i32),
        grad,
        max_slope,
        bound,
        hidden,
        hist_range,
        math,
        estimate,
        loss: finite(pass.loss, &mut overflow),
        step,
        diverged,
        overflow,
    }
}

/// The widget's network and data, trained one step at a time on demand.
/// Depth, width, activation, initialisation and seed are structural (a new
/// `Model`); the learning rate is hot ([`Model::set_lr`]).
pub struct Model {
    trainer: Trainer,
}

impl Model {
    /// The network and data of `p`, untrained. One generator seeded with
    /// `p.seed` draws the data first, so every shape sees the same points,
    /// then the weights, then orders the mini-batches.
    pub fn new(p: &VanishingParams) -> Model {
        let mut rng = Rng::new(p.seed);
        let data = dataset(&mut rng);
        let net = network(p, &mut rng);
        let none = Dataset { n_in: INPUTS, n_out: 1, x: Vec::new(), y: Vec::new() };
        let config = TrainConfig { loss: LOSS, rule: Rule::Sgd, lr: clamp_lr(p.lr), batch: BATCH };
        let mut trainer = Trainer::new(net, data, none, config, rng)
            .expect("bce after a sigmoid output, data of the network's shape, a positive rate");
        // No records: `view` measures what the page shows, once per frame,
        // and recording would evaluate all the data after every step.
        trainer.record_every = 0;
        Model { trainer }
    }

    /// Sets the learning rate of the next steps (clamped), keeping the weights.
    pub fn set_lr(&mut self, lr: f64) {
        self.trainer.set_lr(clamp_lr(lr));
    }

    pub fn lr(&self) -> f64 {
        self.trainer.lr()
    }

    /// Up to `n` SGD steps on mini-batches of [`BATCH`] (fewer once
    /// training diverges); returns how many were taken. Mutates the network.
    pub fn train(&mut self, n: usize) -> usize {
        self.trainer.run(n)
    }

    /// Updates applied (a step that diverged is not counted: it was undone).
    pub fn steps_taken(&self) -> u64 {
        self.trainer.steps() - self.diverged().is_some() as u64
    }

    /// The step at which training diverged, if it did.
    pub fn diverged(&self) -> Option<u64> {
        match self.trainer.state {
            State::Running => None,
            State::Diverged { step } => Some(step),
        }
    }

    pub fn net(&self) -> &Network {
        &self.trainer.net
    }

    pub fn data(&self) -> &Dataset {
        &self.trainer.train
    }

    /// The current network measured on the data.
    pub fn view(&self) -> View {
        measure(&self.trainer.net, &self.trainer.train, self.steps_taken(), self.diverged())
    }
}

/// The view of `p`'s untrained network.
pub fn compute(p: &VanishingParams) -> View {
    Model::new(p).view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::ALL as ACTIVATIONS;
    use crate::init::{Init, ALL as INITS};

    fn params(act: Activation, depth: usize, width: usize, init: Init, seed: u64) -> VanishingParams {
        VanishingParams { act, depth, width, init, seed, ..VanishingParams::default() }
    }

    fn geo_mean(v: impl IntoIterator<Item = f64>) -> f64 {
        let (s, n) = v.into_iter().fold((0.0, 0), |(s, n), x| (s + x.ln(), n + 1));
        (s / n as f64).exp()
    }

    /// Every number of the view is finite and the shapes agree with the network.
    fn assert_sane(v: &View, what: &str) {
        assert_eq!(v.grad.len(), v.depth + 1, "{what}");
        assert_eq!(v.bound.len(), v.depth + 1, "{what}");
        assert_eq!(v.hidden.len(), v.depth, "{what}");
        assert_eq!(v.math.len(), v.depth, "{what}");
        let mut all: Vec<f64> = [v.max_slope, v.bound_ratio, v.estimate, v.loss, v.hist_range.0, v.hist_range.1]
            .into_iter()
            .chain(v.grad.iter().copied())
            .chain(v.bound.iter().copied())
            .chain(v.ratio)
            .collect();
        for s in &v.hidden {
            all.extend([s.mean, s.std, s.saturated]);
            assert_eq!(s.histogram.len(), BINS, "{what}");
        }
        for r in &v.math {
            all.extend([r.mean_abs_slope, r.rms_slope, r.weight_norm, r.gain, r.estimate]);
            all.extend(r.measured);
        }
        assert!(all.iter().all(|x| x.is_finite()), "{what}: {v:?}");
        assert!(v.grad.iter().all(|&g| g >= 0.0), "{what}");
        assert!(v.log_grad().iter().flatten().all(|l| l.is_finite()), "{what}");
        let (lo, hi) = v.decades();
        assert!(lo + 2 <= hi, "{what}: decades {lo}..{hi}");
        for l in v.log_grad().into_iter().flatten() {
            assert!(lo as f64 <= l && l <= hi as f64, "{what}: log10 {l} outside {lo}..{hi}");
        }
        assert!(v.hist_range.0 < v.hist_range.1, "{what}");
    }

    /// Claim 4 on the widget's defaults: ten sigmoid layers with Xavier
    /// initialisation pass back less than a thousandth, shrinking at every layer.
    #[test]
    fn sigmoid_depth_10_xavier_passes_back_less_than_a_thousandth() {
        assert_eq!(
            (VanishingParams::default().act, VanishingParams::default().depth),
            (Activation::Sigmoid, 10),
            "the defaults make the point"
        );
        for seed in 1..=10 {
            let v = compute(&VanishingParams { seed, ..VanishingParams::default() });
            assert_sane(&v, "defaults");
            let ratio = v.ratio.unwrap();
            assert!(ratio < 1e-3, "seed {seed}: layer 1 gets {ratio:e} of the output's gradient");
            assert!(v.grad.windows(2).all(|w| w[0] < w[1]), "seed {seed}: {:?}", v.grad);
        }
    }

    /// He et al.: ReLU with N(0, 2/n_in) weights keeps the gradient's scale.
    #[test]
    fn relu_with_he_keeps_the_gradient_within_a_factor_of_ten() {
        for seed in 1..=10 {
            let ratio = compute(&params(Activation::Relu, 10, 16, Init::HeNormal, seed)).ratio.unwrap();
            assert!((0.1..10.0).contains(&ratio), "seed {seed}: {ratio}");
        }
    }

    /// Glorot & Bengio 2010: with tanh, the "standard" U[-1/sqrt(n), 1/sqrt(n)]
    /// (n Var W = 1/3) shrinks the back-propagated gradient toward the input;
    /// the normalised (Xavier) init keeps it roughly level. Hidden layers
    /// only (as in their figure), 5 of them, the widget's widest layers.
    #[test]
    fn glorot_bengio_standard_init_shrinks_tanh_gradients_xavier_keeps_them() {
        // Per-step factor between hidden layers, geometric mean over 8 seeds.
        let factors = |init: Init| -> Vec<f64> {
            let views: Vec<View> = (1..=8).map(|s| compute(&params(Activation::Tanh, 5, 32, init, s))).collect();
            (0..4).map(|l| geo_mean(views.iter().map(|v| v.grad[l] / v.grad[l + 1]))).collect()
        };
        let (standard, xavier) = (factors(Init::Standard), factors(Init::XavierUniform));
        // |tanh'| <= 1 and n Var W = 1/3 make the standard init's expected
        // factor at most sqrt(1/3) = 0.577 (one layer of 32 units may land a little above).
        assert!(geo_mean(standard.iter().copied()) < (1.0f64 / 3.0).sqrt(), "standard: {standard:?}");
        assert!(standard.iter().all(|&f| f < 0.65), "standard: {standard:?}");
        // n Var W = 1 for the square layers: only tanh' (near 1 for small z) shrinks it.
        assert!(xavier.iter().all(|&f| f > 0.75), "xavier: {xavier:?}");
    }

    fn nielsen(seed: u64) -> (Network, Dataset) {
        let mut rng = Rng::new(seed);
        let data = dataset(&mut rng);
        let mut net = Network::new(&[INPUTS, 30, 30, 30, 30, 1], Activation::Sigmoid, Activation::Sigmoid).unwrap();
        for layer in &mut net.layers {
            let sd = 1.0 / (layer.n_in as f64).sqrt();
            layer.w.iter_mut().for_each(|w| *w = rng.normal() * sd);
            layer.b.iter_mut().for_each(|b| *b = rng.normal());
        }
        (net, data)
    }

    /// Nielsen, ch. 5: sigmoid, 30 units per layer, weights N(0, 1/n_in),
    /// biases N(0, 1): each layer toward the input gets about 4 to 6 times
    /// less (his 0.00298, 0.0171, 0.0695, 0.285: 5.7, 4.1, 4.1). He tracked
    /// the mean dL/dz over MNIST; here the RMS over the widget's data.
    #[test]
    fn nielsen_sigmoid_shrinks_four_to_six_fold_per_layer() {
        let mut all = Vec::new();
        for seed in 1..=8 {
            let (net, data) = nielsen(seed);
            let v = measure(&net, &data, 0, None);
            assert_sane(&v, "nielsen");
            let f: Vec<f64> = v.grad[..4].windows(2).map(|w| w[1] / w[0]).collect();
            assert!(f.iter().all(|f| (3.0..8.0).contains(f)), "seed {seed}: {f:?}");
            all.extend(f);
        }
        let g = geo_mean(all.iter().copied());
        assert!((4.0..6.0).contains(&g), "{g}: {all:?}");
    }

    /// The anchor, the output layer's gradient, is the RMS error y - t of
    /// bce after a sigmoid, found here through `predict` instead of backprop.
    #[test]
    fn the_output_layers_gradient_is_the_rms_error() {
        for act in [Activation::Sigmoid, Activation::Relu, Activation::Gelu] {
            let m = Model::new(&params(act, 4, 7, Init::XavierNormal, 3));
            let d = m.data();
            let sq: f64 = d.iter().map(|(x, t)| (m.net().predict(x)[0] - t[0]).powi(2)).sum();
            let rms = (sq / d.len() as f64).sqrt();
            let v = m.view();
            assert!((v.grad[4] - rms).abs() < 1e-12 * rms, "{act}: {} vs {rms}", v.grad[4]);
            let bce: f64 = d
                .iter()
                .map(|(x, t)| {
                    let y = m.net().predict(x)[0];
                    -(t[0] * y.ln() + (1.0 - t[0]) * (1.0 - y).ln())
                })
                .sum::<f64>()
                / d.len() as f64;
            assert!((v.loss - bce).abs() < 1e-9, "{act}: loss {} vs {bce}", v.loss);
        }
    }

    /// The slope line falls by the activation's steepest slope per layer,
    /// found here by scanning f' (0.25 for sigmoid: 0.25^10 = 1/1,048,576).
    #[test]
    fn the_slope_line_falls_by_the_steepest_slope_per_layer() {
        for act in ACTIVATIONS {
            let steepest = (0..=800_000).map(|i| act.df(-40.0 + i as f64 * 1e-4).abs()).fold(0.0, f64::max);
            let v = compute(&params(act, 10, 5, Init::XavierUniform, 2));
            let fall = v.bound[0] / v.bound[10];
            let expected = steepest.powi(10);
            assert!((fall / expected - 1.0).abs() < 1e-6, "{act}: {fall} vs {expected}");
            assert_eq!(v.bound[10], v.grad[10], "anchored at the output layer");
        }
        let v = compute(&VanishingParams::default());
        assert!((v.bound_ratio * 1_048_576.0 - 1.0).abs() < 1e-12);
    }

    /// Each backward step obeys ||dL/dz_l|| <= max|f'| ||W_{l+1}||_F ||dL/dz_{l+1}||
    /// per sample, hence for the RMS: the math rows' norms bound the measured
    /// factors. And where the slopes are independent of the gradient's
    /// direction (sigmoid, tanh) the rows' estimates multiply out to the
    /// measured ratio within a factor of 3 over ten layers.
    #[test]
    fn the_math_rows_bound_and_explain_the_measured_factors() {
        for act in ACTIVATIONS {
            for init in [Init::XavierUniform, Init::HeNormal, Init::Normal(1.0)] {
                let v = compute(&params(act, 12, 9, init, 5));
                for r in &v.math {
                    let measured = r.measured.unwrap();
                    let cap = v.max_slope * r.weight_norm;
                    assert!(measured <= cap * (1.0 + 1e-12), "{act} {init:?} layer {}: {measured} > {cap}", r.layer);
                }
            }
        }
        for (act, init) in [(Activation::Sigmoid, Init::XavierUniform), (Activation::Tanh, Init::XavierUniform)] {
            for seed in 1..=5 {
                let v = compute(&params(act, 10, 16, init, seed));
                let off = (v.estimate / v.ratio.unwrap()).ln().abs();
                assert!(off < 3f64.ln(), "{act} seed {seed}: estimate {} vs {:?}", v.estimate, v.ratio);
            }
        }
    }

    /// Zero weights pass nothing back: every hidden layer gets exactly 0,
    /// which the log axis shows as "below the floor", not as log(0).
    #[test]
    fn zero_weights_give_zero_hidden_gradients_kept_off_the_log_axis() {
        let v = compute(&params(Activation::Tanh, 6, 4, Init::Zero, 1));
        assert_sane(&v, "zero");
        assert_eq!(v.ratio, Some(0.0));
        let logs = v.log_grad();
        assert!(logs[..6].iter().all(Option::is_none), "{logs:?}");
        assert!(logs[6].is_some());
        let (lo, _) = v.decades();
        assert!((lo as f64) < logs[6].unwrap() - 1.0, "room below for the zero marks");
    }

    /// No panic and no NaN for any activation, initialisation, depth or width.
    #[test]
    fn every_combination_gives_a_finite_view() {
        for act in ACTIVATIONS {
            for init in INITS {
                for (depth, width) in [(1, 1), (2, 32), (7, 3), (64, 1), (64, 32)] {
                    let v = compute(&params(act, depth, width, init, 11));
                    assert_sane(&v, &format!("{act} {init:?} {depth}x{width}"));
                }
                let mut m = Model::new(&VanishingParams { lr: LR_MAX, ..params(act, 9, 6, init, 4) });
                m.train(25);
                assert_sane(&m.view(), &format!("{act} {init:?} trained at lr 10"));
            }
        }
        // Out-of-range params are clamped, not refused.
        let v = compute(&VanishingParams { depth: 0, width: 1000, lr: f64::NAN, ..VanishingParams::default() });
        assert_eq!((v.depth, v.width), (1, MAX_WIDTH));
        assert_eq!(Model::new(&VanishingParams { lr: 1e9, ..VanishingParams::default() }).lr(), LR_MAX);
    }

    /// One seed gives the same points at every shape; the classes are halves.
    #[test]
    fn the_data_depends_on_the_seed_only_and_is_balanced() {
        let a = Model::new(&params(Activation::Relu, 3, 4, Init::HeNormal, 9));
        let b = Model::new(&params(Activation::Sigmoid, 40, 30, Init::Zero, 9));
        assert_eq!(a.data(), b.data());
        assert_eq!(a.data().y.iter().sum::<f64>(), (SAMPLES / 2) as f64);
        assert_ne!(a.data(), Model::new(&params(Activation::Relu, 3, 4, Init::HeNormal, 10)).data());
        assert_eq!(compute(&VanishingParams::default()), compute(&VanishingParams::default()));
    }

    /// Training changes the gradients; at the defaults (sigmoid, depth 10)
    /// the first layer's weights barely move while the last ones learn.
    #[test]
    fn training_moves_the_last_layers_and_hardly_the_first() {
        let mut m = Model::new(&VanishingParams::default());
        let before = m.net().clone();
        let v0 = m.view();
        assert_eq!(m.train(300), 300);
        let v1 = m.view();
        assert_eq!(v1.step, 300);
        assert_ne!(v0.grad, v1.grad);
        let moved = |l: usize| {
            let d: Vec<f64> = m.net().layers[l].w.iter().zip(&before.layers[l].w).map(|(a, b)| a - b).collect();
            l2_norm(&d) / l2_norm(&before.layers[l].w)
        };
        assert!(moved(0) < 1e-3 * moved(10), "first {} vs output {}", moved(0), moved(10));
        // ReLU with He at the same depth learns the task.
        let mut r = Model::new(&VanishingParams { act: Activation::Relu, init: Init::HeNormal, ..Default::default() });
        let start = r.view().loss;
        r.train(300);
        assert!(r.view().loss < 0.5 * start, "{start} -> {}", r.view().loss);
    }

    /// The learning rate is hot: it changes the next steps without a reset.
    #[test]
    fn the_learning_rate_changes_without_a_reset() {
        let p = params(Activation::Tanh, 4, 8, Init::XavierUniform, 6);
        let (mut slow, mut fast) = (Model::new(&p), Model::new(&p));
        slow.train(50);
        fast.train(50);
        let mid = slow.net().clone();
        assert_eq!(&mid, fast.net());
        slow.set_lr(p.lr / 10.0);
        assert_eq!(slow.net(), &mid, "setting the rate keeps the weights");
        assert_eq!(slow.lr(), p.lr / 10.0);
        slow.train(50);
        fast.train(50);
        assert_eq!(slow.view().step, 100);
        let dist = |m: &Model| {
            let d: Vec<f64> = m
                .net()
                .layers
                .iter()
                .zip(&mid.layers)
                .flat_map(|(a, b)| a.w.iter().zip(&b.w).map(|(x, y)| x - y))
                .collect();
            l2_norm(&d)
        };
        assert!(dist(&slow) < 0.3 * dist(&fast), "slow {} fast {}", dist(&slow), dist(&fast));
    }

    /// Too high a rate diverges: the view says at which step and stays finite.
    #[test]
    fn divergence_is_reported_and_the_view_stays_finite() {
        let mut m = Model::new(&VanishingParams { lr: 3.0, ..params(Activation::Relu, 10, 16, Init::HeNormal, 1) });
        let taken = m.train(300);
        assert!(taken < 300);
        let v = m.view();
        assert_eq!(v.diverged, Some(taken as u64 + 1));
        assert_eq!(v.step, taken as u64);
        assert_sane(&v, "diverged");
        assert_eq!(m.train(10), 0, "a diverged model stays stopped");
    }
}
