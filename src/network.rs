//! A fully connected network in f64: its shape, the forward pass that records a tape, and the backward pass that reads it.
//!
//! Layer l maps a (length `n_in`) to z = W a + b and then to f(z), with the
//! hidden activation on every layer but the last, which uses the output
//! activation. `W` is stored row-major, `n_out` rows of `n_in` columns, as in
//! shared/reference/FORMAT.md.

use std::fmt;

use crate::activation::Activation;

/// The shapes the page offers; anything else is refused with a [`ShapeError`].
pub const MAX_INPUTS: usize = 8;
pub const MAX_HIDDEN_LAYERS: usize = 64;
pub const MAX_WIDTH: usize = 32;
pub const MAX_OUTPUTS: usize = 4;

/// Why a shape or a set of weights was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    TooFewLayers,
    Inputs(usize),
    Outputs(usize),
    HiddenLayers(usize),
    Width { layer: usize, width: usize },
    OutputActivation(&'static str),
    Mismatch(String),
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::TooFewLayers => {
                write!(f, "a network needs at least an input and an output size")
            }
            ShapeError::Inputs(n) => write!(f, "{n} inputs: allowed 1 to {MAX_INPUTS}"),
            ShapeError::Outputs(n) => write!(f, "{n} outputs: allowed 1 to {MAX_OUTPUTS}"),
            ShapeError::HiddenLayers(n) => {
                write!(f, "{n} hidden layers: allowed 0 to {MAX_HIDDEN_LAYERS}")
            }
            ShapeError::Width { layer, width } => {
                write!(f, "hidden layer {layer} has width {width}: allowed 1 to {MAX_WIDTH}")
            }
            ShapeError::OutputActivation(n) => {
                write!(f, "output activation {n}: allowed identity, sigmoid, tanh")
            }
            ShapeError::Mismatch(m) => write!(f, "weights do not fit the shape: {m}"),
        }
    }
}

impl std::error::Error for ShapeError {}

/// One affine layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub n_in: usize,
    pub n_out: usize,
    /// Row-major, `n_out * n_in`: `w[j * n_in + i]` weighs input i into unit j.
    pub w: Vec<f64>,
    pub b: Vec<f64>,
}

/// A multilayer perceptron.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
    pub hidden: Activation,
    pub output: Activation,
}

/// One pass's working memory for up to `cap` samples: what the forward
/// pass leaves for the backward pass, and what the backward pass finds.
///
/// Every array is unit-major: unit i of sample s sits at `[i * cap + s]`,
/// so the inner loops run across the samples of a mini-batch.
#[derive(Clone, Debug)]
pub struct Tape {
    pub cap: usize,
    /// Samples in the last forward pass (at most `cap`).
    pub len: usize,
    /// `a[0]` holds the inputs; `a[l + 1]` the outputs of layer l.
    pub a: Vec<Vec<f64>>,
    /// Pre-activations z and slopes f'(z) of each layer.
    pub z: Vec<Vec<f64>>,
    pub d: Vec<Vec<f64>>,
    /// dL/dz of each layer; the loss writes the last one, `backward` the rest.
    pub delta: Vec<Vec<f64>>,
    /// dL/da arriving at each layer's output (`d_a[l]` at layer l), from `backward`.
    pub d_a: Vec<Vec<f64>>,
}

/// dL/dW and dL/db with the network's shapes, accumulated over samples.
#[derive(Clone, Debug)]
pub struct Grads {
    pub w: Vec<Vec<f64>>,
    pub b: Vec<Vec<f64>>,
}

impl Network {
    /// A network of the given sizes (input, hidden..., output) with all weights
    /// and biases zero; see `init` for random weights.
    pub fn new(sizes: &[usize], hidden: Activation, output: Activation) -> Result<Network, ShapeError> {
        check_sizes(sizes)?;
        Network::any_size(sizes, hidden, output)
    }

    /// Like `new` without the page's limits: every size must only be positive
    /// (for analyses of wider networks than the page offers).
    pub fn any_size(sizes: &[usize], hidden: Activation, output: Activation) -> Result<Network, ShapeError> {
        if sizes.len() < 2 {
            return Err(ShapeError::TooFewLayers);
        }
        if let Some((layer, &width)) = sizes.iter().enumerate().find(|(_, &w)| w == 0) {
            return Err(match layer {
                0 => ShapeError::Inputs(0),
                l if l == sizes.len() - 1 => ShapeError::Outputs(0),
                l => ShapeError::Width { layer: l, width },
            });
        }
        if !matches!(output, Activation::Identity | Activation::Sigmoid | Activation::Tanh) {
            return Err(ShapeError::OutputActivation(output.name()));
        }
        let layers = sizes
            .windows(2)
            .map(|p| Layer { n_in: p[0], n_out: p[1], w: vec![0.0; p[0] * p[1]], b: vec![0.0; p[1]] })
            .collect();
        Ok(Network { layers, hidden, output })
    }

    /// A network with the given weights (per layer, rows of `n_in`) and
    /// biases. Any positive sizes are accepted (reference cases and the
    /// published results may exceed the page's limits); the weights must fit them.
    pub fn from_weights(
        sizes: &[usize],
        hidden: Activation,
        output: Activation,
        weights: &[Vec<Vec<f64>>],
        biases: &[Vec<f64>],
    ) -> Result<Network, ShapeError> {
        let mut net = Network::any_size(sizes, hidden, output)?;
        if weights.len() != net.layers.len() || biases.len() != net.layers.len() {
            return Err(ShapeError::Mismatch(format!(
                "{} layers, {} weight and {} bias arrays",
                net.layers.len(),
                weights.len(),
                biases.len()
            )));
        }
        for (l, layer) in net.layers.iter_mut().enumerate() {
            if weights[l].len() != layer.n_out
                || weights[l].iter().any(|r| r.len() != layer.n_in)
                || biases[l].len() != layer.n_out
            {
                return Err(ShapeError::Mismatch(format!("layer {l} should be {}x{}", layer.n_out, layer.n_in)));
            }
            layer.w = weights[l].concat();
            layer.b = biases[l].clone();
        }
        Ok(net)
    }

    /// Input, hidden and output sizes.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![self.layers[0].n_in];
        s.extend(self.layers.iter().map(|l| l.n_out));
        s
    }

    /// The activation that layer l applies.
    pub fn activation(&self, l: usize) -> Activation {
        if l + 1 == self.layers.len() {
            self.output
        } else {
            self.hidden
        }
    }

    /// Number of weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.layers.iter().map(|l| l.w.len() + l.b.len()).sum()
    }

    /// True when every weight and bias is finite.
    pub fn is_finite(&self) -> bool {
        self.layers.iter().all(|l| l.w.iter().chain(&l.b).all(|v| v.is_finite()))
    }

    /// Working memory for passes of up to `cap` samples (at least 1).
    pub fn tape(&self, cap: usize) -> Tape {
        let cap = cap.max(1);
        let sizes = self.sizes();
        let per_layer = |from: usize| sizes[from..].iter().map(|&n| vec![0.0; n * cap]).collect::<Vec<_>>();
        Tape { cap, len: 0, a: per_layer(0), z: per_layer(1), d: per_layer(1), delta: per_layer(1), d_a: per_layer(1) }
    }

    /// Zeroed gradients of this shape.
    pub fn grads(&self) -> Grads {
        Grads {
            w: self.layers.iter().map(|l| vec![0.0; l.w.len()]).collect(),
            b: self.layers.iter().map(|l| vec![0.0; l.n_out]).collect(),
        }
    }

    /// Forward pass for up to `tape.cap` inputs (each `n_in` long; extra
    /// ones are ignored): fills the tape's a, z and d and sets `tape.len`.
    pub fn forward<'x>(&self, inputs: impl IntoIterator<Item = &'x [f64]>, tape: &mut Tape) {
        let (cap, n_in) = (tape.cap, self.layers[0].n_in);
        let mut len = 0;
        for (s, x) in inputs.into_iter().take(cap).enumerate() {
            for (i, &v) in x[..n_in].iter().enumerate() {
                tape.a[0][i * cap + s] = v;
            }
            len = s + 1;
        }
        tape.len = len;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, after) = tape.a.split_at_mut(l + 1);
            let input: &[f64] = &before[l];
            let (out, z, d): (&mut [f64], &mut [f64], &mut [f64]) = (&mut after[0], &mut tape.z[l], &mut tape.d[l]);
            for (j, w_row) in layer.w.chunks_exact(layer.n_in).enumerate() {
                let zj = &mut z[j * cap..j * cap + len];
                zj.fill(layer.b[j]);
                // Four inputs per pass over zj (then two, then one): fewer
                // loads and stores of zj per multiply-add.
                let quads = layer.n_in / 4;
                for (w, rows) in w_row.chunks_exact(4).zip(input.chunks_exact(4 * cap)) {
                    let (a01, a23) = rows.split_at(2 * cap);
                    let ((a0, a1), (a2, a3)) = (a01.split_at(cap), a23.split_at(cap));
                    let rows = a0[..len].iter().zip(&a1[..len]).zip(&a2[..len]).zip(&a3[..len]);
                    for (z, (((&x0, &x1), &x2), &x3)) in zj.iter_mut().zip(rows) {
                        *z += (w[0] * x0 + w[1] * x1) + (w[2] * x2 + w[3] * x3);
                    }
                }
                let (w_rest, in_rest) = (&w_row[4 * quads..], &input[4 * quads * cap..]);
                for (w, rows) in w_rest.chunks_exact(2).zip(in_rest.chunks_exact(2 * cap)) {
                    let (a0, a1) = rows.split_at(cap);
                    for ((z, &x0), &x1) in zj.iter_mut().zip(&a0[..len]).zip(&a1[..len]) {
                        *z += w[0] * x0 + w[1] * x1;
                    }
                }
                if layer.n_in % 2 == 1 {
                    let i = layer.n_in - 1;
                    let w = w_row[i];
                    for (z, &x) in zj.iter_mut().zip(&input[i * cap..i * cap + len]) {
                        *z += w * x;
                    }
                }
            }
            // One loop over the whole layer, so the divisions of neighbouring
            // units overlap; lanes past `len` hold stale finite values that
            // nothing reads.
            apply(self.activation(l), z, out, d);
        }
    }

    /// The output for one input (allocates; for analyses, not training loops).
    pub fn predict(&self, x: &[f64]) -> Vec<f64> {
        let mut tape = self.tape(1);
        self.forward([x], &mut tape);
        tape.a[self.layers.len()].clone()
    }

    /// Backward pass for the samples of the last `forward` on `tape`, from
    /// the output layer's dL/dz already in `tape.delta` (see
    /// `Loss::output_delta`): adds dL/dW and dL/db into `grads` (accumulating)
    /// and overwrites `tape.delta` and `tape.d_a` of every other layer.
    pub fn backward(&self, tape: &mut Tape, grads: &mut Grads) {
        let (cap, len) = (tape.cap, tape.len);
        for l in (0..self.layers.len()).rev() {
            let layer = &self.layers[l];
            let input: &[f64] = &tape.a[l];
            let (lower, upper) = tape.delta.split_at_mut(l);
            let delta: &[f64] = &upper[0];
            let rows = grads.w[l]
                .chunks_exact_mut(layer.n_in)
                .zip(layer.w.chunks_exact(layer.n_in))
                .zip(grads.b[l].iter_mut());
            if l == 0 {
                for (j, ((gw_row, _), gb)) in rows.enumerate() {
                    let dj = &delta[j * cap..j * cap + len];
                    *gb += dj.iter().sum::<f64>();
                    for (i, g) in gw_row.iter_mut().enumerate() {
                        *g += dot(dj, &input[i * cap..i * cap + len]);
                    }
                }
                continue;
            }
            // Below the output, also dL/da_l (the output of layer l-1) = W^T delta.
            // Units go in pairs so each row of a and of d_a is read once for two.
            let d_a: &mut [f64] = &mut tape.d_a[l - 1];
            d_a.iter_mut().for_each(|v| *v = 0.0);
            let n_in = layer.n_in;
            let mut j = 0;
            while j < layer.n_out {
                let pair = j + 1 < layer.n_out;
                let d0 = &delta[j * cap..j * cap + len];
                // Without a partner unit, d1 is a copy of d0 whose weight w1 is 0.
                let d1 = if pair { &delta[(j + 1) * cap..(j + 1) * cap + len] } else { d0 };
                grads.b[l][j] += d0.iter().sum::<f64>();
                if pair {
                    grads.b[l][j + 1] += d1.iter().sum::<f64>();
                }
                let (gw, w) = (&mut grads.w[l], &layer.w);
                for (i, (ai, da)) in input.chunks_exact(cap).zip(d_a.chunks_exact_mut(cap)).enumerate() {
                    let (ai, da) = (&ai[..len], &mut da[..len]);
                    let w0 = w[j * n_in + i];
                    let w1 = if pair { w[(j + 1) * n_in + i] } else { 0.0 };
                    // One pass over the samples: both units' dL/dW (two lanes
                    // each, so the sums pipeline) and their share of dL/da.
                    let (mut g0, mut g1) = ([0.0f64; 2], [0.0f64; 2]);
                    let pairs =
                        ai.chunks_exact(2).zip(da.chunks_exact_mut(2)).zip(d0.chunks_exact(2)).zip(d1.chunks_exact(2));
                    for (((a, g), v0), v1) in pairs {
                        g0[0] += v0[0] * a[0];
                        g0[1] += v0[1] * a[1];
                        g1[0] += v1[0] * a[0];
                        g1[1] += v1[1] * a[1];
                        g[0] += w0 * v0[0] + w1 * v1[0];
                        g[1] += w0 * v0[1] + w1 * v1[1];
                    }
                    if len % 2 == 1 {
                        let s = len - 1;
                        g0[0] += d0[s] * ai[s];
                        g1[0] += d1[s] * ai[s];
                        da[s] += w0 * d0[s] + w1 * d1[s];
                    }
                    gw[j * n_in + i] += g0[0] + g0[1];
                    if pair {
                        gw[(j + 1) * n_in + i] += g1[0] + g1[1];
                    }
                }
                j += 2;
            }
            for ((dz, &da), &slope) in lower[l - 1].iter_mut().zip(d_a.iter()).zip(&tape.d[l - 1]) {
                *dz = da * slope;
            }
        }
    }
}

/// f and f' of a run of pre-activations, the activation chosen once outside
/// the loop so each loop is specialised (and vectorised where it can be).
fn apply(act: Activation, z: &[f64], out: &mut [f64], d: &mut [f64]) {
    #[inline(always)]
    fn each(z: &[f64], out: &mut [f64], d: &mut [f64], f: impl Fn(f64) -> (f64, f64)) {
        for ((&z, o), d) in z.iter().zip(out.iter_mut()).zip(d.iter_mut()) {
            (*o, *d) = f(z);
        }
    }
    match act {
        Activation::Tanh => each(z, out, d, |x| Activation::Tanh.f_df(x)),
        Activation::Sigmoid => each(z, out, d, |x| Activation::Sigmoid.f_df(x)),
        Activation::Relu => each(z, out, d, |x| Activation::Relu.f_df(x)),
        Activation::Identity => each(z, out, d, |x| (x, 1.0)),
        other => each(z, out, d, |x| other.f_df(x)),
    }
}

/// a . b with two independent partial sums, laid out as one two-lane
/// register (the order differs from a plain loop only at the level of rounding).
#[inline(always)]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 2];
    let (ca, cb) = (a.chunks_exact(2), b.chunks_exact(2));
    let tail = match (ca.remainder(), cb.remainder()) {
        ([x], [y]) => x * y,
        _ => 0.0,
    };
    for (x, y) in ca.zip(cb) {
        acc[0] += x[0] * y[0];
        acc[1] += x[1] * y[1];
    }
    acc[0] + acc[1] + tail
}

impl Grads {
    /// Sets the accumulated gradients to zero (mutates `w` and `b`).
    pub fn zero(&mut self) {
        self.w.iter_mut().chain(self.b.iter_mut()).for_each(|v| v.iter_mut().for_each(|x| *x = 0.0));
    }

    /// True when every gradient is finite.
    pub fn is_finite(&self) -> bool {
        self.w.iter().chain(&self.b).all(|v| v.iter().all(|x| x.is_finite()))
    }
}

/// The Euclidean norm, scaled so it cannot overflow (or underflow) while the
/// result is representable: finite for every finite vector below 1.3e308.
pub fn l2_norm(v: &[f64]) -> f64 {
    let m = v.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    m * v.iter().map(|x| (x / m) * (x / m)).sum::<f64>().sqrt()
}

fn check_sizes(sizes: &[usize]) -> Result<(), ShapeError> {
    if sizes.len() < 2 {
        return Err(ShapeError::TooFewLayers);
    }
    let (n_in, n_out, hidden) = (sizes[0], sizes[sizes.len() - 1], &sizes[1..sizes.len() - 1]);
    if !(1..=MAX_INPUTS).contains(&n_in) {
        return Err(ShapeError::Inputs(n_in));
    }
    if !(1..=MAX_OUTPUTS).contains(&n_out) {
        return Err(ShapeError::Outputs(n_out));
    }
    if hidden.len() > MAX_HIDDEN_LAYERS {
        return Err(ShapeError::HiddenLayers(hidden.len()));
    }
    if let Some((layer, &width)) = hidden.iter().enumerate().find(|(_, &w)| !(1..=MAX_WIDTH).contains(&w)) {
        return Err(ShapeError::Width { layer: layer + 1, width });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_shapes_are_refused() {
        let n = |s: &[usize]| Network::new(s, Activation::Relu, Activation::Identity);
        assert_eq!(n(&[2]), Err(ShapeError::TooFewLayers));
        assert_eq!(n(&[0, 1]), Err(ShapeError::Inputs(0)));
        assert_eq!(n(&[9, 1]), Err(ShapeError::Inputs(9)));
        assert_eq!(n(&[2, 5]), Err(ShapeError::Outputs(5)));
        assert_eq!(n(&[2, 4, 0, 1]), Err(ShapeError::Width { layer: 2, width: 0 }));
        assert_eq!(n(&[2, 33, 1]), Err(ShapeError::Width { layer: 1, width: 33 }));
        let deep: Vec<usize> = std::iter::once(2).chain(std::iter::repeat_n(3, 65)).chain([1]).collect();
        assert_eq!(n(&deep), Err(ShapeError::HiddenLayers(65)));
        assert!(Network::new(&[2, 1], Activation::Relu, Activation::Relu).is_err());
        assert!(n(&[8, 32, 4]).is_ok() && n(&[1, 1]).is_ok());
        let bad =
            Network::from_weights(&[2, 1], Activation::Relu, Activation::Identity, &[vec![vec![1.0]]], &[vec![0.0]]);
        assert!(matches!(bad, Err(ShapeError::Mismatch(_))));
    }

    #[test]
    fn the_norm_neither_overflows_nor_underflows() {
        let close = |got: f64, want: f64| (got / want - 1.0).abs() < 1e-15;
        assert!(close(l2_norm(&[3.0, 4.0]), 5.0));
        assert!(close(l2_norm(&[3e200, 4e200]), 5e200), "the plain sum of squares would be infinite");
        assert!(close(l2_norm(&[3e-200, 4e-200]), 5e-200), "the plain sum of squares would be 0");
        assert_eq!(l2_norm(&[]), 0.0);
        assert!(l2_norm(&[1.0, f64::INFINITY]).is_infinite());
    }

    #[test]
    fn forward_is_the_composition_of_layers() {
        // 1 input -> 2 relu units -> 1 identity output, computed by hand.
        let net = Network::from_weights(
            &[1, 2, 1],
            Activation::Relu,
            Activation::Identity,
            &[vec![vec![2.0], vec![-1.0]], vec![vec![1.0, 3.0]]],
            &[vec![0.5, 0.0], vec![-1.0]],
        )
        .unwrap();
        // x = 1: hidden (2.5, 0) -> 2.5 - 1 = 1.5; x = -2: hidden (0, 2) -> 6 - 1 = 5.
        assert_eq!(net.predict(&[1.0]), vec![1.5]);
        assert_eq!(net.predict(&[-2.0]), vec![5.0]);
        assert_eq!(net.parameter_count(), 7);
    }
}
