//! The standard training workload, timed: the same code runs natively (`cargo bench`) and in the page (`?bench`).
//!
//! Network 2-8-8-8-8-8-8-1, hidden activation as given, tanh output, mse,
//! 500 seeded points in [-6, 6]^2, 200 epochs; forward and backward for
//! every sample, an SGD step every 10 samples, learning rate 0.03. This is
//! TensorFlow Playground's default shape and schedule, so the numbers compare.

use crate::activation::Activation;
use crate::data::{classification, Dataset, Labels, Shape};
use crate::init::{initialise, BiasInit, Init};
use crate::loss::Loss;
use crate::network::Network;
use crate::optimizer::{Optimizer, Rule};
use crate::rng::Rng;

pub const SIZES: [usize; 8] = [2, 8, 8, 8, 8, 8, 8, 1];
pub const POINTS: usize = 500;
pub const EPOCHS: usize = 200;
pub const BATCH: usize = 10;
pub const LR: f64 = 0.03;

/// One timed run's outcome.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub us_per_sample: f64,
    /// Mean training loss over the last epoch (proves the work was done).
    pub final_loss: f64,
}

/// The network and data of the workload (same seed, same start).
pub fn setup(hidden: Activation, seed: u64) -> (Network, Dataset) {
    let mut rng = Rng::new(seed);
    let mut net = Network::new(&SIZES, hidden, Activation::Tanh).expect("the workload's shape is valid");
    initialise(&mut net, Init::Uniform, BiasInit::Constant(0.1), &mut rng);
    let data = classification(Shape::Circle, POINTS, 0.0, Labels::PlusMinusOne, &mut rng);
    (net, data)
}

/// Trains the workload once; `now_ms` is the platform's clock in milliseconds.
pub fn run(hidden: Activation, seed: u64, now_ms: &mut dyn FnMut() -> f64) -> Run {
    let (mut net, data) = setup(hidden, seed);
    let mut opt = Optimizer::new(Rule::Sgd, &net);
    // Forward and backward for every sample, ten at a time through one tape,
    // then the SGD step: the same arithmetic as sample by sample.
    let (mut tape, mut grads) = (net.tape(BATCH), net.grads());
    let mut epoch_loss = 0.0;
    let start = now_ms();
    for _ in 0..EPOCHS {
        epoch_loss = 0.0;
        for idx in data.chunks(BATCH) {
            grads.zero();
            net.forward(data.inputs(idx.clone()), &mut tape);
            epoch_loss += Loss::Mse.output_delta(&net, &mut tape, data.targets(idx), 1.0 / BATCH as f64);
            net.backward(&mut tape, &mut grads);
            opt.step(&mut net, &grads, LR);
        }
    }
    let elapsed = now_ms() - start;
    Run { us_per_sample: elapsed * 1000.0 / (EPOCHS * POINTS) as f64, final_loss: epoch_loss / POINTS as f64 }
}

/// The median of `runs` timed runs, and the last run's final loss.
///
/// Untimed runs go first, for at least half a second: a browser starts
/// WebAssembly in a baseline compiler and swaps in optimised code in steps,
/// for later calls. In Chromium 156 the first tanh runs took 0.96, 0.51,
/// 0.58, 0.57 us/sample before settling at 0.48 after about 0.3 s, so
/// without the warm-up the median measured the JIT, not the arithmetic.
pub fn median_of(runs: usize, hidden: Activation, now_ms: &mut dyn FnMut() -> f64) -> Run {
    let warm_up_from = now_ms();
    // (At most 50 runs, should the clock not advance.)
    for _ in 0..50 {
        run(hidden, 1, now_ms);
        if now_ms() - warm_up_from >= 500.0 {
            break;
        }
    }
    let mut all: Vec<Run> = (0..runs.max(1)).map(|_| run(hidden, 1, now_ms)).collect();
    let final_loss = all[all.len() - 1].final_loss;
    all.sort_by(|a, b| a.us_per_sample.total_cmp(&b.us_per_sample));
    Run { us_per_sample: all[all.len() / 2].us_per_sample, final_loss }
}

/// The page's `data-bench` JSON for tanh and relu.
pub fn report_json(tanh: Run, relu: Run) -> String {
    format!(
        "{{\"tanh_us_per_sample\":{:.4},\"relu_us_per_sample\":{:.4},\"tanh_final_loss\":{:.6},\"relu_final_loss\":{:.6},\"runs\":5,\"samples_per_run\":{}}}",
        tanh.us_per_sample,
        relu.us_per_sample,
        tanh.final_loss,
        relu.final_loss,
        EPOCHS * POINTS
    )
}
