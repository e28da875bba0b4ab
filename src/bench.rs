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
use crate::network::{Grads, Network, Tape};
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

/// One run of the workload in progress, resumable epoch by epoch, with
/// the time spent inside it (not between slices) added up.
pub struct RunState {
    net: Network,
    data: Dataset,
    opt: Optimizer,
    tape: Tape,
    grads: Grads,
    epochs_done: usize,
    epoch_loss: f64,
    elapsed_ms: f64,
}

impl RunState {
    pub fn new(hidden: Activation, seed: u64) -> RunState {
        let (net, data) = setup(hidden, seed);
        RunState {
            opt: Optimizer::new(Rule::Sgd, &net),
            tape: net.tape(BATCH),
            grads: net.grads(),
            net,
            data,
            epochs_done: 0,
            epoch_loss: 0.0,
            elapsed_ms: 0.0,
        }
    }

    /// Trains up to `n` more epochs (mutates the network), timing them with `now_ms`.
    pub fn epochs(&mut self, n: usize, now_ms: &mut dyn FnMut() -> f64) {
        let start = now_ms();
        let n = n.min(EPOCHS - self.epochs_done);
        for _ in 0..n {
            // Forward and backward for every sample, ten at a time through one
            // tape, then the SGD step: the same arithmetic as sample by sample.
            self.epoch_loss = 0.0;
            for idx in self.data.chunks(BATCH) {
                self.grads.zero();
                self.net.forward(self.data.inputs(idx.clone()), &mut self.tape);
                self.epoch_loss +=
                    Loss::Mse.output_delta(&self.net, &mut self.tape, self.data.targets(idx), 1.0 / BATCH as f64);
                self.net.backward(&mut self.tape, &mut self.grads);
                self.opt.step(&mut self.net, &self.grads, LR);
            }
        }
        self.epochs_done += n;
        self.elapsed_ms += now_ms() - start;
    }

    pub fn done(&self) -> bool {
        self.epochs_done >= EPOCHS
    }

    /// The outcome so far (final once [`RunState::done`]).
    pub fn result(&self) -> Run {
        Run {
            us_per_sample: self.elapsed_ms * 1000.0 / (self.epochs_done.max(1) * POINTS) as f64,
            final_loss: self.epoch_loss / POINTS as f64,
        }
    }
}

/// Trains the workload once; `now_ms` is the platform's clock in milliseconds.
pub fn run(hidden: Activation, seed: u64, now_ms: &mut dyn FnMut() -> f64) -> Run {
    let mut r = RunState::new(hidden, seed);
    r.epochs(EPOCHS, now_ms);
    r.result()
}

/// Untimed runs go first, for at least this long: a browser starts
/// WebAssembly in a baseline compiler and swaps in optimised code in steps,
/// for later calls. In Chromium 156 the first tanh runs took 0.96, 0.51,
/// 0.58, 0.57 us/sample before settling at 0.48 after about 0.3 s, so
/// without the warm-up the median measured the JIT, not the arithmetic.
pub const WARM_UP_MS: f64 = 500.0;
/// ... but at most this many runs, should the clock not advance.
const WARM_UP_RUNS: usize = 50;

/// The median of `runs` timed runs after the warm-up, and the last run's final loss.
pub fn median_of(runs: usize, hidden: Activation, now_ms: &mut dyn FnMut() -> f64) -> Run {
    let mut m = Median::new(hidden, runs);
    loop {
        if let Some(r) = m.advance(f64::INFINITY, now_ms) {
            return r;
        }
    }
}

/// [`median_of`] cut into slices of a few milliseconds, so a page can run
/// it across frames without freezing.
pub struct Median {
    hidden: Activation,
    runs: usize,
    warm_ms: f64,
    warm_runs: usize,
    timed: Vec<Run>,
    current: RunState,
}

impl Median {
    pub fn new(hidden: Activation, runs: usize) -> Median {
        Median {
            hidden,
            runs: runs.max(1),
            warm_ms: 0.0,
            warm_runs: 0,
            timed: Vec::new(),
            current: RunState::new(hidden, 1),
        }
    }

    /// Works for about `budget_ms` (whole epochs, so a little over); the
    /// median once every run is done.
    pub fn advance(&mut self, budget_ms: f64, now_ms: &mut dyn FnMut() -> f64) -> Option<Run> {
        let start = now_ms();
        loop {
            self.current.epochs(5, now_ms);
            if self.current.done() {
                let r = self.current.result();
                if self.warm_ms < WARM_UP_MS && self.warm_runs < WARM_UP_RUNS {
                    self.warm_ms += self.current.elapsed_ms;
                    self.warm_runs += 1;
                } else {
                    self.timed.push(r);
                }
                if self.timed.len() == self.runs {
                    let final_loss = r.final_loss;
                    self.timed.sort_by(|a, b| a.us_per_sample.total_cmp(&b.us_per_sample));
                    return Some(Run { us_per_sample: self.timed[self.runs / 2].us_per_sample, final_loss });
                }
                self.current = RunState::new(self.hidden, 1);
            }
            if now_ms() - start >= budget_ms {
                return None;
            }
        }
    }
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
