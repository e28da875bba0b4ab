//! A fully connected network in f64: its shape, the forward pass that records a tape, and the backward pass that reads it.
//!
//! Layer l maps a (length `n_in`) to z = W a + b and then to f(z), with the
//! hidden activation on every layer but the last, which uses the output
//! activation. `W` is stored row-major, `n_out` rows of `n_in` columns, as in
//! shared/reference/FORMAT.md.

use std::fmt;

use crate::activation::{Activation, Kernel};
use crate::simd::F2;

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

    /// Working memory for passes of up to `cap` samples: at least 1, rounded
    /// up to an even number so that every row is whole two-lane vectors.
    pub fn tape(&self, cap: usize) -> Tape {
        let cap = cap.max(1).next_multiple_of(2);
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
    ///
    /// The samples are processed two at a time, as the lanes of one vector;
    /// an odd batch gets one padding lane with zero inputs, so everything
    /// computed in it is finite, and `backward` gives it no weight.
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
        let lanes = len.next_multiple_of(2);
        for s in len..lanes {
            for i in 0..n_in {
                tape.a[0][i * cap + s] = 0.0;
            }
        }
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, after) = tape.a.split_at_mut(l + 1);
            let input: &[f64] = &before[l];
            let (out, z, d): (&mut [f64], &mut [f64], &mut [f64]) = (&mut after[0], &mut tape.z[l], &mut tape.d[l]);
            for_blocks(lanes, |start, v| by_size!(v, affine_block, layer, input, &mut *z, cap, start));
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
        tape.a[self.layers.len()].iter().step_by(tape.cap).copied().collect()
    }

    /// Backward pass for the samples of the last `forward` on `tape`, from
    /// the output layer's dL/dz already in `tape.delta` (see
    /// `Loss::output_delta`): adds dL/dW and dL/db into `grads` (accumulating)
    /// and overwrites `tape.delta` and `tape.d_a` of every other layer.
    pub fn backward(&self, tape: &mut Tape, grads: &mut Grads) {
        let (cap, len) = (tape.cap, tape.len);
        let lanes = len.next_multiple_of(2);
        // The padding lane of an odd batch carries no gradient (its inputs
        // are zero, so every product with it is an exact zero).
        let last = self.layers.len() - 1;
        for s in len..lanes {
            for j in 0..self.layers[last].n_out {
                tape.delta[last][j * cap + s] = 0.0;
            }
        }
        for l in (0..self.layers.len()).rev() {
            let layer = &self.layers[l];
            let input: &[f64] = &tape.a[l];
            let (lower, upper) = tape.delta.split_at_mut(l);
            let delta: &[f64] = &upper[0];
            for (j, gb) in grads.b[l].iter_mut().enumerate() {
                *gb += delta[j * cap..j * cap + len].iter().sum::<f64>();
            }
            let gw = &mut grads.w[l];
            if l == 0 {
                for_blocks(lanes, |start, v| by_size!(v, weight_grad_block, layer, input, delta, &mut *gw, cap, start));
                continue;
            }
            // Below the output, also dL/da_l (the output of layer l-1) = W^T delta,
            // then dL/dz_l-1 = dL/da_l-1 * f'.
            let d_a: &mut [f64] = &mut tape.d_a[l - 1];
            d_a.iter_mut().for_each(|v| *v = 0.0);
            for_blocks(lanes, |start, v| {
                by_size!(v, backward_block, layer, input, delta, &mut *gw, &mut *d_a, cap, start)
            });
            for ((dz, da), slope) in lower[l - 1]
                .as_chunks_mut::<2>()
                .0
                .iter_mut()
                .zip(d_a.as_chunks::<2>().0)
                .zip(tape.d[l - 1].as_chunks::<2>().0)
            {
                (F2::load(da) * F2::load(slope)).store(dz);
            }
        }
    }
}

/// Up to this many two-lane vectors (16 samples) go through one block, whose
/// size is a compile-time constant: its loop over the samples is unrolled,
/// its running sums stay in registers, and there is no loop or bounds check
/// per vector. In the page this took about a quarter off both passes.
const BLOCK: usize = 8;

/// Calls `f(start, vectors)` for consecutive blocks covering `lanes` (even).
#[inline(always)]
fn for_blocks(lanes: usize, mut f: impl FnMut(usize, usize)) {
    let mut start = 0;
    while start < lanes {
        let v = ((lanes - start) / 2).min(BLOCK);
        f(start, v);
        start += 2 * v;
    }
}

/// `$f::<v>(args)` for a run-time v in 1..=BLOCK.
macro_rules! by_size {
    ($v:expr, $f:ident, $($arg:expr),*) => {
        match $v {
            1 => $f::<1>($($arg),*),
            2 => $f::<2>($($arg),*),
            3 => $f::<3>($($arg),*),
            4 => $f::<4>($($arg),*),
            5 => $f::<5>($($arg),*),
            6 => $f::<6>($($arg),*),
            7 => $f::<7>($($arg),*),
            _ => $f::<8>($($arg),*),
        }
    };
}
use by_size;

/// V vectors of a row, from lane `start`.
#[inline(always)]
fn vectors<const V: usize>(row: &[f64], start: usize) -> &[[f64; 2]; V] {
    row[start..start + 2 * V].as_chunks::<2>().0.try_into().expect("V whole vectors")
}

#[inline(always)]
fn vectors_mut<const V: usize>(row: &mut [f64], start: usize) -> &mut [[f64; 2]; V] {
    (row[start..start + 2 * V].as_chunks_mut::<2>().0).try_into().expect("V whole vectors")
}

/// z = W a + b for 2V samples from lane `start`: each unit's sums stay in
/// registers while four inputs at a time (then two, then one) are added.
/// Rows are walked as slices, so the loop bodies have no bounds checks.
fn affine_block<const V: usize>(layer: &Layer, input: &[f64], z: &mut [f64], cap: usize, start: usize) {
    let n_in = layer.n_in;
    let (quads, rest) = input.split_at(n_in / 4 * 4 * cap);
    let units = layer.w.chunks_exact(n_in).zip(&layer.b).zip(z.chunks_exact_mut(cap));
    for ((w_row, &b), zj) in units {
        let mut acc = [F2::splat(b); V];
        for (w, rows) in w_row.chunks_exact(4).zip(quads.chunks_exact(4 * cap)) {
            let (w0, w1, w2, w3) = (F2::splat(w[0]), F2::splat(w[1]), F2::splat(w[2]), F2::splat(w[3]));
            let (r01, r23) = rows.split_at(2 * cap);
            let ((r0, r1), (r2, r3)) = (r01.split_at(cap), r23.split_at(cap));
            let (x0, x1, x2, x3) =
                (vectors::<V>(r0, start), vectors::<V>(r1, start), vectors::<V>(r2, start), vectors::<V>(r3, start));
            for p in 0..V {
                let s01 = w0 * F2::load(&x0[p]) + w1 * F2::load(&x1[p]);
                let s23 = w2 * F2::load(&x2[p]) + w3 * F2::load(&x3[p]);
                acc[p] = acc[p] + (s01 + s23);
            }
        }
        let w_rest = &w_row[n_in / 4 * 4..];
        if w_rest.len() >= 2 {
            let (w0, w1) = (F2::splat(w_rest[0]), F2::splat(w_rest[1]));
            let (r0, r1) = rest[..2 * cap].split_at(cap);
            let (x0, x1) = (vectors::<V>(r0, start), vectors::<V>(r1, start));
            for p in 0..V {
                acc[p] = acc[p] + (w0 * F2::load(&x0[p]) + w1 * F2::load(&x1[p]));
            }
        }
        if w_rest.len() % 2 == 1 {
            let w = F2::splat(w_rest[w_rest.len() - 1]);
            let x = vectors::<V>(&rest[(w_rest.len() - 1) * cap..], start);
            for p in 0..V {
                acc[p] = acc[p] + w * F2::load(&x[p]);
            }
        }
        let zj = vectors_mut::<V>(zj, start);
        for p in 0..V {
            acc[p].store(&mut zj[p]);
        }
    }
}

/// dL/dW += delta a^T for 2V samples from lane `start` (the first layer,
/// which needs no dL/da).
fn weight_grad_block<const V: usize>(
    layer: &Layer,
    input: &[f64],
    delta: &[f64],
    gw: &mut [f64],
    cap: usize,
    start: usize,
) {
    for (gw_row, dj) in gw.chunks_exact_mut(layer.n_in).zip(delta.chunks_exact(cap)) {
        let dj = vectors::<V>(dj, start);
        for (g, a) in gw_row.iter_mut().zip(input.chunks_exact(cap)) {
            let a = vectors::<V>(a, start);
            let mut acc = F2::splat(0.0);
            for p in 0..V {
                acc = acc + F2::load(&dj[p]) * F2::load(&a[p]);
            }
            *g += acc.sum();
        }
    }
}

/// For 2V samples from lane `start`: dL/dW += delta a^T and dL/da += W^T delta.
/// Output units go in pairs, so each row of a and of dL/da is read once for
/// two. Rows are walked as slices, so the loop body has no bounds checks.
fn backward_block<const V: usize>(
    layer: &Layer,
    input: &[f64],
    delta: &[f64],
    gw: &mut [f64],
    d_a: &mut [f64],
    cap: usize,
    start: usize,
) {
    let (n_in, n_out, w) = (layer.n_in, layer.n_out, &layer.w);
    for j in (0..n_out).step_by(2) {
        let d0 = vectors::<V>(delta, j * cap + start);
        let rows = input.chunks_exact(cap).zip(d_a.chunks_exact_mut(cap));
        let w0_row = &w[j * n_in..(j + 1) * n_in];
        if j + 1 == n_out {
            // The last unit of an odd layer, alone.
            let gw_row = &mut gw[j * n_in..(j + 1) * n_in];
            for (((a, da), &w0), g_out) in rows.zip(w0_row).zip(gw_row) {
                let (a, da, w0) = (vectors::<V>(a, start), vectors_mut::<V>(da, start), F2::splat(w0));
                let mut g0 = F2::splat(0.0);
                for p in 0..V {
                    let (x, v0) = (F2::load(&a[p]), F2::load(&d0[p]));
                    g0 = g0 + v0 * x;
                    (F2::load(&da[p]) + w0 * v0).store(&mut da[p]);
                }
                *g_out += g0.sum();
            }
            continue;
        }
        let d1 = vectors::<V>(delta, (j + 1) * cap + start);
        let ws = w0_row.iter().zip(&w[(j + 1) * n_in..(j + 2) * n_in]);
        let (gw0, gw1) = gw[j * n_in..(j + 2) * n_in].split_at_mut(n_in);
        for (((a, da), (&w0, &w1)), (g0_out, g1_out)) in rows.zip(ws).zip(gw0.iter_mut().zip(gw1)) {
            let (a, da) = (vectors::<V>(a, start), vectors_mut::<V>(da, start));
            let (w0, w1) = (F2::splat(w0), F2::splat(w1));
            // Both units' dL/dW (one partial sum per lane) and their share of dL/da.
            let (mut g0, mut g1) = (F2::splat(0.0), F2::splat(0.0));
            for p in 0..V {
                let (x, v0, v1) = (F2::load(&a[p]), F2::load(&d0[p]), F2::load(&d1[p]));
                g0 = g0 + v0 * x;
                g1 = g1 + v1 * x;
                (F2::load(&da[p]) + (w0 * v0 + w1 * v1)).store(&mut da[p]);
            }
            *g0_out += g0.sum();
            *g1_out += g1.sum();
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
    let k = Kernel::opaque();
    match act {
        Activation::Tanh => each(z, out, d, |x| k.f_df(Activation::Tanh, x)),
        Activation::Sigmoid => each(z, out, d, |x| k.f_df(Activation::Sigmoid, x)),
        Activation::Silu => each(z, out, d, |x| k.f_df(Activation::Silu, x)),
        Activation::Relu => each(z, out, d, |x| k.f_df(Activation::Relu, x)),
        Activation::Identity => each(z, out, d, |x| (x, 1.0)),
        other => each(z, out, d, |x| other.f_df(x)),
    }
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

    #[test]
    fn an_odd_batch_ignores_whatever_its_padding_lane_held() {
        use crate::loss::Loss;
        let net = Network::from_weights(
            &[2, 3, 1],
            Activation::Tanh,
            Activation::Identity,
            &[vec![vec![0.5, -1.0], vec![2.0, 0.25], vec![-0.75, 1.5]], vec![vec![1.0, -2.0, 0.5]]],
            &[vec![0.1, 0.0, -0.2], vec![0.3]],
        )
        .unwrap();
        let xs = [[0.3, -1.2], [2.0, 0.7], [-0.4, 0.9]];
        let ts = [[1.0], [-0.5], [0.25]];
        let pass = |tape: &mut Tape, n: usize| {
            let mut g = net.grads();
            net.forward(xs[..n].iter().map(|x| x.as_slice()), tape);
            Loss::Mse.output_delta(&net, tape, ts[..n].iter().map(|t| t.as_slice()), 1.0);
            net.backward(tape, &mut g);
            g
        };
        let clean = pass(&mut net.tape(3), 3);
        assert_eq!(net.tape(3).cap, 4, "three samples take two two-lane vectors");
        // Leave NaN and infinity in the lane that will be padding, then reuse the tape.
        let mut dirty = net.tape(3);
        net.forward([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [f64::NAN, 1e308]].iter().map(|x| x.as_slice()), &mut dirty);
        let reused = pass(&mut dirty, 3);
        assert_eq!(reused.w, clean.w);
        assert_eq!(reused.b, clean.b);
        // And the batch equals the sum of its samples, one at a time.
        let mut sum = net.grads();
        for k in 0..3 {
            let mut tape = net.tape(1);
            let mut g = net.grads();
            net.forward([xs[k].as_slice()], &mut tape);
            Loss::Mse.output_delta(&net, &mut tape, [ts[k].as_slice()], 1.0);
            net.backward(&mut tape, &mut g);
            for (acc, v) in sum.w.iter_mut().chain(sum.b.iter_mut()).zip(g.w.iter().chain(&g.b)) {
                acc.iter_mut().zip(v).for_each(|(a, v)| *a += v);
            }
        }
        for (got, want) in clean.w.iter().chain(&clean.b).flatten().zip(sum.w.iter().chain(&sum.b).flatten()) {
            assert!((got - want).abs() <= 1e-15 * (1.0 + want.abs()), "{got} vs {want}");
        }
    }

    #[test]
    fn a_large_odd_batch_equals_its_samples_one_by_one() {
        use crate::init::{initialise, BiasInit, Init};
        use crate::loss::Loss;
        use crate::rng::Rng;
        // 37 samples: blocks of 8, 8 and 3 vectors and a padding lane; odd
        // widths exercise the pair, single-input and single-unit paths.
        let mut rng = Rng::new(7);
        let mut net = Network::new(&[3, 5, 7, 2], Activation::Tanh, Activation::Sigmoid).unwrap();
        initialise(&mut net, Init::XavierNormal, BiasInit::Normal(0.3), &mut rng);
        let xs: Vec<Vec<f64>> = (0..37).map(|_| (0..3).map(|_| rng.normal()).collect()).collect();
        let ts: Vec<Vec<f64>> = (0..37).map(|_| vec![rng.range(0.0, 1.0), rng.range(0.0, 1.0)]).collect();
        let mut tape = net.tape(37);
        let mut batch = net.grads();
        net.forward(xs.iter().map(|x| x.as_slice()), &mut tape);
        Loss::Bce.output_delta(&net, &mut tape, ts.iter().map(|t| t.as_slice()), 1.0);
        net.backward(&mut tape, &mut batch);
        let mut sum = net.grads();
        for (s, (x, t)) in xs.iter().zip(&ts).enumerate() {
            let mut one = net.tape(1);
            net.forward([x.as_slice()], &mut one);
            for k in 0..2 {
                assert_eq!(one.a[3][k * one.cap], tape.a[3][k * tape.cap + s], "output {k} of sample {s}");
            }
            Loss::Bce.output_delta(&net, &mut one, [t.as_slice()], 1.0);
            net.backward(&mut one, &mut sum);
        }
        for (got, want) in batch.w.iter().chain(&batch.b).flatten().zip(sum.w.iter().chain(&sum.b).flatten()) {
            assert!((got - want).abs() <= 1e-13 * (1.0 + want.abs()), "{got} vs {want}");
        }
    }
}
