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

    /// The loss of one sample, from the output layer's z and y on `tape`.
    /// bce is computed from z (softplus form), so it stays finite when y
    /// rounds to 0 or 1.
    pub fn value(self, z: &[f64], y: &[f64], t: &[f64]) -> f64 {
        match self {
            Loss::Mse => y.iter().zip(t).map(|(y, t)| 0.5 * (y - t) * (y - t)).sum(),
            // -[t ln s(z) + (1-t) ln(1-s(z))] = softplus(z) - t z.
            Loss::Bce => z
                .iter()
                .zip(t)
                .map(|(&z, &t)| Activation::Softplus.f(z) - t * z)
                .sum(),
        }
    }

    /// Writes dL/dz at the output layer for one sample into `out` (mutated),
    /// scaled by `scale` (1/N for a batch mean).
    pub fn d_output(self, y: &[f64], slope: &[f64], t: &[f64], scale: f64, out: &mut [f64]) {
        match self {
            Loss::Mse => {
                for (((o, y), t), d) in out.iter_mut().zip(y).zip(t).zip(slope) {
                    *o = scale * (y - t) * d;
                }
            }
            // With a sigmoid output, dL/dz = y - t exactly (no 0/0 in the tails).
            Loss::Bce => {
                for ((o, y), t) in out.iter_mut().zip(y).zip(t) {
                    *o = scale * (y - t);
                }
            }
        }
    }
}

/// Mean loss over a batch and its gradient: zeroes `grads`, then accumulates
/// the batch-mean dL/dW and dL/db into it (mutates `tape`, `grads`, `scratch`).
pub fn batch_gradient<'a>(
    net: &Network,
    loss: Loss,
    samples: impl ExactSizeIterator<Item = (&'a [f64], &'a [f64])>,
    tape: &mut Tape,
    grads: &mut Grads,
    scratch: &mut Vec<f64>,
) -> f64 {
    grads.zero();
    let n = samples.len().max(1);
    let scale = 1.0 / n as f64;
    let last = net.layers.len() - 1;
    scratch.resize(net.layers[last].n_out, 0.0);
    let mut total = 0.0;
    for (x, t) in samples {
        net.forward(x, tape);
        total += loss.value(&tape.z[last], &tape.a[last + 1], t);
        loss.d_output(&tape.a[last + 1], &tape.d[last], t, scale, scratch);
        net.backward(tape, scratch, grads);
    }
    total * scale
}
