//! Finite-difference checks of backprop: random networks up to depth 20,
//! every hidden activation, both losses. Central differences are an oracle
//! independent of the backward pass.

use activation_lab::activation::{Activation, ALL};
use activation_lab::data::Dataset;
use activation_lab::init::{initialise, BiasInit, Init};
use activation_lab::loss::{batch_gradient, Loss};
use activation_lab::network::Network;
use activation_lab::rng::Rng;

fn loss_at(net: &Network, loss: Loss, data: &Dataset) -> f64 {
    let (mut tape, mut grads) = (net.tape(8), net.grads());
    batch_gradient(net, loss, data.iter(), &mut tape, &mut grads)
}

/// True when the hidden activation is smooth, or every hidden pre-activation
/// is at least `margin` away from its kink at 0, so a finite difference of
/// step h << margin cannot straddle it.
fn clear_of_kinks(net: &Network, data: &Dataset, margin: f64) -> bool {
    if !matches!(net.hidden, Activation::Relu | Activation::LeakyRelu(_) | Activation::Elu(_)) {
        return true;
    }
    let mut tape = net.tape(data.len());
    net.forward(data.iter().map(|p| p.0), &mut tape);
    let len = tape.len;
    tape.z[..net.layers.len() - 1]
        .iter()
        .all(|z| z.chunks(tape.cap).all(|unit| unit[..len].iter().all(|v| v.abs() > margin)))
}

/// Weight k of layer l, counting the biases after the weights.
fn param(net: &mut Network, l: usize, k: usize) -> &mut f64 {
    let layer = &mut net.layers[l];
    let n_w = layer.w.len();
    if k < n_w {
        &mut layer.w[k]
    } else {
        &mut layer.b[k - n_w]
    }
}

#[test]
fn backprop_matches_central_differences_up_to_depth_20() {
    let mut rng = Rng::new(2026);
    let mut checked = 0;
    for trial in 0..60 {
        let depth = [1, 2, 3, 5, 8, 12, 16, 20][trial % 8];
        let hidden = ALL[trial % ALL.len()];
        let (output, loss) = match trial % 3 {
            0 => (Activation::Sigmoid, Loss::Bce),
            1 => (Activation::Tanh, Loss::Mse),
            _ => (Activation::Identity, Loss::Mse),
        };
        let mut sizes = vec![1 + rng.below(4)];
        sizes.extend((0..depth).map(|_| 1 + rng.below(6)));
        sizes.push(1 + rng.below(3));
        let mut net = Network::new(&sizes, hidden, output).unwrap();
        let mut data = Dataset { n_in: sizes[0], n_out: sizes[depth + 1], x: vec![], y: vec![] };
        // Redraw until no unit sits within 1e-3 of a kink.
        for _ in 0..100 {
            initialise(&mut net, Init::XavierNormal, BiasInit::Normal(0.3), &mut rng);
            data.x = (0..5 * sizes[0]).map(|_| rng.normal()).collect();
            data.y =
                (0..5 * data.n_out).map(|_| if loss == Loss::Bce { rng.uniform() } else { rng.normal() }).collect();
            if clear_of_kinks(&net, &data, 1e-3) {
                break;
            }
        }
        let (mut tape, mut grads) = (net.tape(3), net.grads());
        batch_gradient(&net, loss, data.iter(), &mut tape, &mut grads);
        let h = 1e-6;
        for l in 0..net.layers.len() {
            for k in 0..net.layers[l].w.len() + net.layers[l].b.len() {
                let (mut plus, mut minus) = (net.clone(), net.clone());
                *param(&mut plus, l, k) += h;
                *param(&mut minus, l, k) -= h;
                let fd = (loss_at(&plus, loss, &data) - loss_at(&minus, loss, &data)) / (2.0 * h);
                let n_w = net.layers[l].w.len();
                let g = if k < n_w { grads.w[l][k] } else { grads.b[l][k - n_w] };
                // Rounding in the difference is about 1e-16 |L| / h ~ 1e-10.
                assert!(
                    (g - fd).abs() <= 1e-6 * g.abs().max(fd.abs()) + 1e-8,
                    "sizes {sizes:?} {hidden} {loss:?}: layer {l} parameter {k}: backprop {g:e}, finite difference {fd:e}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "checked {checked} parameters");
}
