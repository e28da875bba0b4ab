//! The seeded-weights cases shared by the native and the browser test: the
//! weights' bits for a few seeds and initialisations, as hex strings.

use activation_lab::activation::Activation;
use activation_lab::data::{classification, Labels, Shape};
use activation_lab::init::{initialise, BiasInit, ALL as INITS};
use activation_lab::network::Network;
use activation_lab::rng::Rng;

pub const SEEDS: [u64; 3] = [1, 42, 20261126];
/// One line per (seed, init): the name and every weight's and bias's bits,
/// then the bits of a seeded data set drawn from the same generator afterwards.
pub fn lines() -> Vec<String> {
    let mut out = Vec::new();
    for seed in SEEDS {
        for init in INITS {
            let mut rng = Rng::new(seed);
            let mut net = Network::new(&[2, 8, 8, 1], Activation::Relu, Activation::Tanh).unwrap();
            initialise(&mut net, init, BiasInit::Normal(0.1), &mut rng);
            let data = classification(Shape::Spiral, 6, 0.3, Labels::ZeroOne, &mut rng);
            let bits: Vec<String> = net
                .layers
                .iter()
                .flat_map(|l| l.w.iter().chain(&l.b))
                .chain(&data.x)
                .map(|v| format!("{:016x}", v.to_bits()))
                .collect();
            out.push(format!("{seed} {} {}", init.name(), bits.join(" ")));
        }
    }
    out
}
