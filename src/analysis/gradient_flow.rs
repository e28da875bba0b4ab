//! Gradient flow: how large the gradient is at each layer, and the chain-of-derivatives bound on how fast it can shrink.

use crate::data::Dataset;
use crate::loss::{batch_gradient, Loss};
use crate::network::{l2_norm, Network};

/// The batch-mean gradient of one layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerGradient {
    /// ||dL/dW||_F.
    pub weight_norm: f64,
    /// ||dL/db||, which is also the norm of the mean dL/dz of the layer (Nielsen's "speed of learning").
    pub bias_norm: f64,
}

/// Per-layer norms of the mean gradient over `data`, input layer first.
pub fn layer_gradients(net: &Network, loss: Loss, data: &Dataset) -> Vec<LayerGradient> {
    let (mut tape, mut grads) = (net.tape(32), net.grads());
    batch_gradient(net, loss, data.iter(), &mut tape, &mut grads);
    grads
        .w
        .iter()
        .zip(&grads.b)
        .map(|(w, b)| LayerGradient { weight_norm: l2_norm(w), bias_norm: l2_norm(b) })
        .collect()
}

/// For each layer l (input layer first), the product of the largest slope
/// of the hidden activation over the hidden layers from l up to the output
/// layer (exclusive): the factor by which activation derivatives alone can at
/// most scale dL/dz between the output and layer l. For sigmoid this is
/// 0.25^k with k the number of hidden layers from l up; the output layer's is 1.
pub fn chain_bound(net: &Network) -> Vec<f64> {
    let n = net.layers.len();
    let s = net.hidden.properties().max_slope;
    (0..n).map(|l| s.powi((n - 1 - l) as i32)).collect()
}

/// The per-sample bound that a backward step obeys: for every hidden layer l,
/// ||dL/dz_l|| <= max|f'| * ||W_{l+1}||_F * ||dL/dz_{l+1}||. Returns, per
/// hidden layer, the largest ratio lhs / rhs seen over `data` (<= 1 when the bound holds).
pub fn backward_bound_ratios(net: &Network, loss: Loss, data: &Dataset) -> Vec<f64> {
    let mut tape = net.tape(1);
    let mut grads = net.grads();
    let s = net.hidden.properties().max_slope;
    let n = net.layers.len();
    let mut worst = vec![0.0_f64; n - 1];
    for (x, t) in data.iter() {
        net.forward([x], &mut tape);
        loss.output_delta(net, &mut tape, [t], 1.0);
        net.backward(&mut tape, &mut grads);
        for (l, worst) in worst.iter_mut().enumerate() {
            let rhs = s * l2_norm(&net.layers[l + 1].w) * l2_norm(&tape.delta[l + 1]);
            let lhs = l2_norm(&tape.delta[l]);
            if rhs > 0.0 {
                *worst = worst.max(lhs / rhs);
            } else if lhs > 0.0 {
                *worst = f64::INFINITY;
            }
        }
    }
    worst
}

/// Per layer (input layer first), the root mean square over the samples of
/// `data` of ||dL/dz_l||, the back-propagated gradient of each sample
/// (the quantity Glorot & Bengio 2010 track across layers).
pub fn backprop_rms(net: &Network, loss: Loss, data: &Dataset) -> Vec<f64> {
    let mut tape = net.tape(32);
    let mut grads = net.grads();
    let cap = tape.cap;
    let mut sums = vec![0.0; net.layers.len()];
    for idx in data.chunks(cap) {
        net.forward(data.inputs(idx.clone()), &mut tape);
        loss.output_delta(net, &mut tape, data.targets(idx), 1.0);
        net.backward(&mut tape, &mut grads);
        for (l, layer) in net.layers.iter().enumerate() {
            for j in 0..layer.n_out {
                sums[l] += tape.delta[l][j * cap..j * cap + tape.len].iter().map(|v| v * v).sum::<f64>();
            }
        }
    }
    sums.iter().map(|s| (s / data.len().max(1) as f64).sqrt()).collect()
}
