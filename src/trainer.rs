//! Training by mini-batches, one recorded step at a time, stopping in a `Diverged` state instead of producing NaN.

use std::fmt;

use crate::activation::Activation;
use crate::data::Dataset;
use crate::loss::{batch_gradient, Loss};
use crate::network::{l2_norm, Grads, Layer, Network, Tape};
use crate::optimizer::{Optimizer, Rule};
use crate::rng::Rng;

/// Samples per forward pass when evaluating (independent of the training batch).
const EVAL_CHUNK: usize = 32;
/// The most records a trainer keeps (see [`Trainer::history`]).
pub const HISTORY_CAP: usize = 1000;

/// What one step left behind.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Updates applied so far (1 after the first step).
    pub step: u64,
    /// Passes over the training set so far.
    pub epoch: f64,
    pub train_loss: f64,
    pub test_loss: f64,
    /// Fraction classified right; `None` for an identity (regression) output.
    pub train_accuracy: Option<f64>,
    pub test_accuracy: Option<f64>,
    /// ||dL/dW||_F of each layer for the step's mini-batch, input layer first.
    pub grad_norms: Vec<f64>,
    /// Per hidden layer, the fraction of dead units: pre-activation <= 0,
    /// so slope 0, on every training sample; `None` unless the hidden
    /// activation can die (see [`can_die`]: ReLU only).
    pub dead_fraction: Option<Vec<f64>>,
}

/// Whether training can go on.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    Running,
    /// A loss, gradient or weight stopped being finite at this step; the
    /// network was put back as it was before it.
    Diverged {
        step: u64,
    },
}

/// Why a trainer could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    LossOutput { loss: &'static str, output: &'static str },
    DataShape { expected: (usize, usize), got: (usize, usize) },
    EmptyTrainingSet,
    BadLearningRate,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::LossOutput { loss, output } => write!(f, "loss {loss} cannot follow a {output} output"),
            ConfigError::DataShape { expected, got } => {
                write!(
                    f,
                    "the network takes {} inputs and gives {} outputs, the data has {} and {}",
                    expected.0, expected.1, got.0, got.1
                )
            }
            ConfigError::EmptyTrainingSet => write!(f, "the training set is empty"),
            ConfigError::BadLearningRate => write!(f, "the learning rate must be a positive finite number"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// How to train: the loss, the optimiser's rule, the learning rate and the
/// mini-batch size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    pub loss: Loss,
    pub rule: Rule,
    pub lr: f64,
    pub batch: usize,
}

/// A network, its data and its optimiser, trained one mini-batch at a time.
pub struct Trainer {
    pub net: Network,
    pub loss: Loss,
    pub opt: Optimizer,
    /// Read at every step: changing it needs no reset.
    lr: f64,
    pub batch: usize,
    pub train: Dataset,
    pub test: Dataset,
    pub state: State,
    /// Records, oldest first, at most [`HISTORY_CAP`]: when full, every
    /// other one is dropped and later ones are kept half as often, so the
    /// whole run stays in view in bounded memory however long it trains.
    pub history: Vec<Record>,
    /// A record is taken after every `record_every`-th step (1: every step;
    /// 0: never, the caller records with [`Trainer::record_now`]). Recording
    /// evaluates the whole training and test sets, 10-25 times the cost of
    /// a step at batch 10, so a page records about once per frame.
    pub record_every: u64,
    /// Of the records offered to the history, one in `stride` is kept.
    stride: u64,
    /// The last record taken, when the history did not keep it.
    latest: Option<Record>,
    offered: u64,
    steps: u64,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    tape: Tape,
    grads: Grads,
    backup: Vec<Layer>,
}

/// True for the activations whose units can die: a unit is dead when no
/// gradient can reach it, its slope zero on every sample. Only ReLU's slope
/// is exactly zero (for z <= 0); leaky ReLU and ELU keep a slope below zero,
/// so their units still learn (the `dead-relu` widget counts the same way).
pub fn can_die(a: Activation) -> bool {
    matches!(a, Activation::Relu)
}

impl Trainer {
    /// A trainer for `net` on `train` / `test`; `rng` (moved in) orders the
    /// mini-batches. Refuses a loss that cannot follow the output, data of
    /// the wrong width, an empty training set or a non-positive learning rate.
    pub fn new(
        net: Network,
        train: Dataset,
        test: Dataset,
        config: TrainConfig,
        rng: Rng,
    ) -> Result<Trainer, ConfigError> {
        let TrainConfig { loss, rule, lr, batch } = config;
        if !loss.fits(net.output) {
            return Err(ConfigError::LossOutput { loss: loss.name(), output: net.output.name() });
        }
        let sizes = net.sizes();
        let expected = (sizes[0], sizes[sizes.len() - 1]);
        for d in [&train, &test] {
            if !d.is_empty() && (d.n_in, d.n_out) != expected {
                return Err(ConfigError::DataShape { expected, got: (d.n_in, d.n_out) });
            }
        }
        if train.is_empty() {
            return Err(ConfigError::EmptyTrainingSet);
        }
        if !(lr.is_finite() && lr > 0.0) {
            return Err(ConfigError::BadLearningRate);
        }
        let batch = batch.clamp(1, train.len());
        Ok(Trainer {
            opt: Optimizer::new(rule, &net),
            tape: net.tape(batch.max(EVAL_CHUNK)),
            grads: net.grads(),
            backup: net.layers.clone(),
            order: (0..train.len()).collect(),
            cursor: train.len(),
            net,
            loss,
            lr,
            batch,
            train,
            test,
            state: State::Running,
            history: Vec::new(),
            record_every: 1,
            stride: 1,
            latest: None,
            offered: 0,
            steps: 0,
            rng,
        })
    }

    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// Sets the learning rate for the next steps (a non-finite or
    /// non-positive value is ignored).
    pub fn set_lr(&mut self, lr: f64) {
        if lr.is_finite() && lr > 0.0 {
            self.lr = lr;
        }
    }

    /// The next mini-batch's sample indices, reshuffling at each epoch.
    fn next_batch(&mut self) -> Vec<usize> {
        let mut idx = Vec::with_capacity(self.batch);
        while idx.len() < self.batch {
            if self.cursor >= self.order.len() {
                self.rng.shuffle(&mut self.order);
                self.cursor = 0;
            }
            idx.push(self.order[self.cursor]);
            self.cursor += 1;
        }
        idx
    }

    /// Appends one training sample (the reader's own point) to the
    /// training set (mutated); it joins the current pass's order, so the
    /// next mini-batches can draw it. Ignored when its widths do not fit.
    pub fn add_train_sample(&mut self, x: &[f64], y: &[f64]) {
        if x.len() != self.train.n_in || y.len() != self.train.n_out {
            return;
        }
        self.train.x.extend_from_slice(x);
        self.train.y.extend_from_slice(y);
        self.order.push(self.train.len() - 1);
    }

    /// Updates applied so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Passes over the training set so far.
    pub fn epoch(&self) -> f64 {
        self.steps as f64 * self.batch as f64 / self.train.len() as f64
    }

    /// One update on the next mini-batch (mutates the network and the
    /// optimiser's state), and a record of it when the schedule says so.
    /// Returns false, changing nothing, once diverged; a step whose loss,
    /// gradient or weights are not finite puts the network back as it was
    /// and leaves the trainer `Diverged`.
    pub fn step(&mut self) -> bool {
        if self.state != State::Running {
            return false;
        }
        let idx = self.next_batch();
        for (dst, src) in self.backup.iter_mut().zip(&self.net.layers) {
            dst.w.copy_from_slice(&src.w);
            dst.b.copy_from_slice(&src.b);
        }
        let samples = idx.iter().map(|&i| self.train.sample(i));
        let batch_loss = batch_gradient(&self.net, self.loss, samples, &mut self.tape, &mut self.grads);
        self.opt.step(&mut self.net, &self.grads, self.lr);
        self.steps += 1;
        if !(batch_loss.is_finite() && self.grads.is_finite() && self.net.is_finite()) {
            self.diverge();
            return false;
        }
        if self.record_every > 0 && self.steps.is_multiple_of(self.record_every) {
            return self.record_now().is_some();
        }
        true
    }

    /// Measures the current state (see [`Record`]), offers it to the
    /// history and returns it (kept or not); `None` (and `Diverged`) when
    /// its losses are not finite.
    pub fn record_now(&mut self) -> Option<&Record> {
        if self.state != State::Running {
            return None;
        }
        let record = self.record();
        if !record.train_loss.is_finite() || !record.test_loss.is_finite() && !self.test.is_empty() {
            self.diverge();
            return None;
        }
        self.offered += 1;
        if !(self.offered - 1).is_multiple_of(self.stride) {
            // Not kept, but still what the caller asked for: the state now.
            return Some(self.latest.insert(record));
        }
        self.latest = None;
        if self.history.len() >= HISTORY_CAP {
            let mut i = 0;
            self.history.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
        }
        self.history.push(record);
        self.history.last()
    }

    /// Puts the network back as it was before the last step and stops.
    fn diverge(&mut self) {
        for (dst, src) in self.net.layers.iter_mut().zip(&self.backup) {
            dst.w.copy_from_slice(&src.w);
            dst.b.copy_from_slice(&src.b);
        }
        self.state = State::Diverged { step: self.steps };
    }

    /// Up to `n` steps (fewer if training diverges); returns how many were taken.
    pub fn run(&mut self, n: usize) -> usize {
        (0..n).take_while(|_| self.step()).count()
    }

    /// The current network's loss and accuracy on `data`, and which hidden
    /// units were active (z > 0) on at least one sample.
    fn evaluate(&mut self, which: Which) -> (f64, Option<f64>, Vec<Vec<bool>>) {
        let data = match which {
            Which::Train => &self.train,
            Which::Test => &self.test,
        };
        let net = &self.net;
        let last = net.layers.len() - 1;
        let mut alive: Vec<Vec<bool>> = net.layers[..last].iter().map(|l| vec![false; l.n_out]).collect();
        if data.is_empty() {
            return (f64::NAN, None, alive);
        }
        let (mut total, mut right) = (0.0, 0usize);
        let cap = self.tape.cap;
        for idx in data.chunks(cap) {
            net.forward(data.inputs(idx.clone()), &mut self.tape);
            total += self.loss.output_delta(net, &mut self.tape, data.targets(idx.clone()), 0.0);
            let len = self.tape.len;
            for (s, i) in idx.enumerate() {
                let t = data.sample(i).1;
                let ok = t.iter().enumerate().all(|(k, &t)| {
                    let y = self.tape.a[last + 1][k * cap + s];
                    match net.output {
                        Activation::Tanh => (y > 0.0) == (t > 0.0),
                        _ => (y > 0.5) == (t > 0.5),
                    }
                });
                right += ok as usize;
            }
            for (l, units) in alive.iter_mut().enumerate() {
                for (j, alive) in units.iter_mut().enumerate() {
                    *alive |= self.tape.z[l][j * cap..j * cap + len].iter().any(|&z| z > 0.0);
                }
            }
        }
        let accuracy = (net.output != Activation::Identity).then(|| right as f64 / data.len() as f64);
        (total / data.len() as f64, accuracy, alive)
    }

    /// Measures the current state (see [`Record`]).
    fn record(&mut self) -> Record {
        let (train_loss, train_accuracy, alive) = self.evaluate(Which::Train);
        let (test_loss, test_accuracy, _) = self.evaluate(Which::Test);
        let dead_fraction = can_die(self.net.hidden)
            .then(|| alive.iter().map(|u| u.iter().filter(|&&a| !a).count() as f64 / u.len() as f64).collect());
        Record {
            step: self.steps,
            epoch: self.epoch(),
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
            grad_norms: self.grads.w.iter().map(|g| l2_norm(g)).collect(),
            dead_fraction,
        }
    }
}

#[derive(Clone, Copy)]
enum Which {
    Train,
    Test,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{classification, Labels, Shape};
    use crate::init::{initialise, BiasInit, Init};

    fn setup(hidden: Activation, lr: f64, seed: u64) -> Trainer {
        setup_with(hidden, Activation::Tanh, lr, seed)
    }

    fn setup_with(hidden: Activation, output: Activation, lr: f64, seed: u64) -> Trainer {
        let mut rng = Rng::new(seed);
        let mut net = Network::new(&[2, 8, 8, 1], hidden, output).unwrap();
        initialise(&mut net, Init::XavierUniform, BiasInit::Zero, &mut rng);
        let data = classification(Shape::Circle, 200, 0.0, Labels::PlusMinusOne, &mut rng);
        let (train, test) = data.split(0.5, &mut rng);
        Trainer::new(net, train, test, TrainConfig { loss: Loss::Mse, rule: Rule::Sgd, lr, batch: 10 }, rng).unwrap()
    }

    #[test]
    fn training_lowers_the_loss_and_records_every_step() {
        let mut t = setup(Activation::Tanh, 0.03, 1);
        assert_eq!(t.run(400), 400);
        let (first, last) = (&t.history[0], t.history.last().unwrap());
        assert!(last.train_loss < 0.5 * first.train_loss, "{} -> {}", first.train_loss, last.train_loss);
        assert!(last.test_accuracy.unwrap() > 0.9, "test accuracy {:?}", last.test_accuracy);
        assert_eq!(last.step, 400);
        assert!((last.epoch - 40.0).abs() < 1e-12);
        assert_eq!(last.grad_norms.len(), 3);
        assert!(last.dead_fraction.is_none(), "tanh units cannot die");
        // Nor can leaky ReLU's: below zero they keep a slope, so gradient still reaches them.
        let mut leaky = setup(Activation::LeakyRelu(0.01), 0.03, 1);
        leaky.run(3);
        assert!(leaky.history.iter().all(|r| r.dead_fraction.is_none()));
        let mut relu = setup(Activation::Relu, 0.03, 1);
        relu.run(3);
        assert!(relu.history.iter().all(|r| r.dead_fraction.is_some()));
    }

    #[test]
    fn a_huge_learning_rate_diverges_and_keeps_the_last_finite_network() {
        // A linear network with a linear output can blow up (ReLU units
        // would rather die and stop learning: see the dead-ReLU claims).
        let mut t = setup_with(Activation::Identity, Activation::Identity, 10.0, 2);
        let taken = t.run(100);
        assert!(taken < 100);
        assert!(matches!(t.state, State::Diverged { .. }));
        assert!(t.net.is_finite());
        assert!(t.history.iter().all(|r| r.train_loss.is_finite()));
        assert!(!t.step(), "a diverged trainer stays stopped");
    }

    #[test]
    fn the_learning_rate_changes_without_a_reset() {
        let mut t = setup(Activation::Relu, 0.01, 3);
        t.run(5);
        let before = t.opt.t;
        t.set_lr(0.1);
        t.set_lr(f64::NAN);
        t.set_lr(-1.0);
        assert_eq!(t.lr(), 0.1);
        t.run(1);
        assert_eq!(t.opt.t, before + 1, "optimiser state kept");
    }

    #[test]
    fn records_follow_the_schedule_and_the_history_stays_bounded() {
        let mut t = setup(Activation::Tanh, 0.03, 4);
        t.record_every = 10;
        assert_eq!(t.run(95), 95);
        let steps: Vec<u64> = t.history.iter().map(|r| r.step).collect();
        assert_eq!(steps, (1..=9).map(|k| k * 10).collect::<Vec<_>>());
        t.record_every = 0;
        t.run(50);
        assert_eq!(t.history.len(), 9, "no schedule, no records");
        assert_eq!(t.record_now().map(|r| r.step), Some(145));
        // Far more records than the cap: the history keeps the whole run, thinned.
        t.record_every = 1;
        t.run(3 * HISTORY_CAP);
        assert!(t.history.len() <= HISTORY_CAP && t.history.len() >= HISTORY_CAP / 2, "{}", t.history.len());
        assert_eq!(t.history[0].step, 10, "the start stays in view");
        t.record_every = 0;
        for _ in 0..4 {
            t.run(1);
            assert_eq!(t.record_now().map(|r| r.step), Some(t.steps()), "the record of now, kept or not");
        }
        assert!(t.history.last().unwrap().step > 3 * HISTORY_CAP as u64 - 10);
        assert!(t.history.windows(2).all(|w| w[0].step < w[1].step));
    }

    #[test]
    fn an_added_sample_is_drawn_into_the_next_batches() {
        let mut t = setup(Activation::Tanh, 0.03, 5);
        let n = t.train.len();
        t.add_train_sample(&[0.0, 0.0], &[-1.0]);
        t.add_train_sample(&[0.0], &[-1.0]);
        assert_eq!(t.train.len(), n + 1, "a sample of the wrong width is ignored");
        // Within one pass over the grown set every index is drawn once.
        t.batch = 1;
        let mut seen = vec![false; n + 1];
        for _ in 0..2 * (n + 1) {
            for i in t.next_batch() {
                seen[i] = true;
            }
        }
        assert!(seen[n], "the new sample was never drawn");
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn bad_configurations_are_refused() {
        let mut rng = Rng::new(1);
        let net = Network::new(&[2, 4, 1], Activation::Relu, Activation::Tanh).unwrap();
        let data = classification(Shape::Xor, 20, 0.0, Labels::ZeroOne, &mut rng);
        let mk = |net: Network, loss, lr, d: Dataset| {
            Trainer::new(net, d.clone(), d, TrainConfig { loss, rule: Rule::Sgd, lr, batch: 5 }, Rng::new(0))
        };
        assert!(matches!(mk(net.clone(), Loss::Bce, 0.1, data.clone()), Err(ConfigError::LossOutput { .. })));
        assert!(matches!(mk(net.clone(), Loss::Mse, 0.0, data.clone()), Err(ConfigError::BadLearningRate)));
        let wide = Network::new(&[3, 4, 1], Activation::Relu, Activation::Tanh).unwrap();
        assert!(matches!(mk(wide, Loss::Mse, 0.1, data), Err(ConfigError::DataShape { .. })));
    }
}
