//! Losses `mse` and `bce` as shared/reference/FORMAT.md defines them, and their gradient at the output layer.
//!
//! Per sample, mse = sum_k 1/2 (y_k - t_k)^2 and bce = sum_k -[t ln y + (1-t) ln(1-y)]
//! with y = sigmoid(z); a batch loss is the mean over samples.

use crate::activation::Activation;
use crate::network::{Grads, Network, Tape};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    Mse,
    Bce,
}

impl Loss {
    /// The stable name used in URLs and reference files.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::Bce => "bce",
        }
    }

    pub fn from_name(name: &str) -> Option<Loss> {
        match name {
            "mse" => Some(Loss::Mse),
            "bce" => Some(Loss::Bce),
            _ => None,
        }
    }

    /// Whether this loss can follow `output` (bce needs a sigmoid output).
    pub fn fits(self, output: Activation) -> bool {
        self == Loss::Mse || output == Activation::Sigmoid
    }

    /// For the samples of the last forward pass on `tape`, writes
    /// `scale` * dL/dz of the output layer into its `delta` (mutated) and
    /// returns the summed (unscaled) loss. bce is computed from z
    /// (softplus(z) - t z), so it stays finite when y rounds to 0 or 1; its
    /// dL/dz is y - t exactly.
    pub fn output_delta<'t>(
        self,
        net: &Network,
        tape: &mut Tape,
        targets: impl IntoIterator<Item = &'t [f64]>,
        scale: f64,
    ) -> f64 {
        let last = net.layers.len() - 1;
        let (cap, n_out) = (tape.cap, net.layers[last].n_out);
        let (z, y, slope) = (&tape.z[last], &tape.a[last + 1], &tape.d[last]);
        let delta = &mut tape.delta[last];
        let mut total = 0.0;
        for (s, t) in targets.into_iter().take(tape.len).enumerate() {
            for (k, &t) in t[..n_out].iter().enumerate() {
                let i = k * cap + s;
                match self {
                    Loss::Mse => {
                        let e = y[i] - t;
                        total += 0.5 * e * e;
                        delta[i] = scale * e * slope[i];
                    }
                    Loss::Bce => {
                        total += Activation::Softplus.f(z[i]) - t * z[i];
                        delta[i] = scale * (y[i] - t);
                    }
                }
            }
        }
        total
    }
}

/// Mean loss over a set of samples and its gradient: zeroes `grads`, then
/// accumulates the mean dL/dW and dL/db into it, `tape.cap` samples per pass
/// (mutates `tape` and `grads`).
pub fn batch_gradient<'a>(
    net: &Network,
    loss: Loss,
    samples: impl ExactSizeIterator<Item = (&'a [f64], &'a [f64])>,
    tape: &mut Tape,
    grads: &mut Grads,
) -> f64 {
    grads.zero();
    let scale = 1.0 / samples.len().max(1) as f64;
    let mut chunk: Vec<(&[f64], &[f64])> = Vec::with_capacity(tape.cap);
    let mut total = 0.0;
    let mut samples = samples.peekable();
    while samples.peek().is_some() {
        chunk.clear();
        chunk.extend(samples.by_ref().take(tape.cap));
        net.forward(chunk.iter().map(|p| p.0), tape);
        total += loss.output_delta(net, tape, chunk.iter().map(|p| p.1), scale);
        net.backward(tape, grads);
    }
    total * scale
}
