//! The `dead-relu` model: a network trained live on a 2-D data set and, after each frame's steps, how often every hidden unit is active and whether it is dead; the presets' outcomes.
//!
//! A unit is **dead** when its slope f′(z) is exactly zero on every
//! training sample: no gradient reaches its incoming weights or bias, so
//! gradient descent can never change them (only a change in the layers
//! below can wake it). For ReLU that is "z ≤ 0 on every sample". A unit
//! is **silent** when z ≤ 0 on every sample: for ReLU the same thing, for
//! leaky ReLU, ELU, GELU or SiLU a unit that still passes some gradient
//! back and can recover.

use crate::activation::Activation;
use crate::data::{classification, Dataset, Labels};
use crate::init::initialise;
use crate::loss::Loss;
use crate::network::{Network, Tape};
use crate::optimizer::{Optimizer, Rule};
use crate::rng::Rng;
use crate::trainer::{State, TrainConfig, Trainer};

use super::DeadReluParams;

/// Steps a preset trains for before it pauses; its story is told at this step.
pub const HORIZON: u64 = 1000;
/// Points in the data set (half for training, half for testing) and their noise.
pub const POINTS: usize = 200;
pub const NOISE: f64 = 0.1;
/// Samples per update.
pub const BATCH: usize = 10;
/// The most points a run keeps of its curves (older ones are thinned), besides the latest.
pub const SERIES_CAP: usize = 1000;

/// One hidden unit, measured over the whole training set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// Share of training samples on which z > 0.
    pub activity: f64,
    /// f′(z) = 0 on every training sample.
    pub dead: bool,
}

impl Unit {
    /// z ≤ 0 on every training sample.
    pub fn silent(&self) -> bool {
        self.activity == 0.0
    }
}

/// The curves at one moment of training.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub step: u64,
    /// Mean training loss (finite).
    pub loss: f64,
    /// Per hidden layer, input side first: the share of its units that are dead.
    pub dead: Vec<f64>,
}

/// How often each hidden unit of `net` is active on `data`, and whether it
/// is dead (see the module doc); `tape` is working memory (overwritten).
/// Per hidden layer, input side first.
pub fn measure(net: &Network, data: &Dataset, tape: &mut Tape) -> Vec<Vec<Unit>> {
    let hidden = net.layers.len() - 1;
    let mut active = net.layers[..hidden].iter().map(|l| vec![0usize; l.n_out]).collect::<Vec<_>>();
    let mut sloped = net.layers[..hidden].iter().map(|l| vec![false; l.n_out]).collect::<Vec<_>>();
    let cap = tape.cap;
    for idx in data.chunks(cap) {
        net.forward(data.inputs(idx), tape);
        let len = tape.len;
        for l in 0..hidden {
            for (j, (count, slope)) in active[l].iter_mut().zip(sloped[l].iter_mut()).enumerate() {
                let z = &tape.z[l][j * cap..j * cap + len];
                let d = &tape.d[l][j * cap..j * cap + len];
                *count += z.iter().filter(|&&z| z > 0.0).count();
                *slope |= d.iter().any(|&d| d != 0.0);
            }
        }
    }
    let n = data.len().max(1) as f64;
    active
        .iter()
        .zip(&sloped)
        .map(|(a, s)| a.iter().zip(s).map(|(&a, &s)| Unit { activity: a as f64 / n, dead: !s }).collect())
        .collect()
}

/// The share of `units` (every hidden layer together) for which `pick` holds.
pub fn share(units: &[Vec<Unit>], pick: impl Fn(&Unit) -> bool) -> f64 {
    let all = units.iter().map(Vec::len).sum::<usize>().max(1);
    units.iter().flatten().filter(|u| pick(u)).count() as f64 / all as f64
}

/// The network, data and trainer that `p` describes, from its seed alone:
/// the weights are drawn first, then the data, then the trainer shuffles
/// with what is left of the same stream.
pub fn trainer(p: &DeadReluParams) -> Trainer {
    let mut rng = Rng::new(p.seed);
    let mut sizes = vec![2];
    sizes.extend(std::iter::repeat_n(p.width, p.depth));
    sizes.push(1);
    // Params are clamped by their control table; a shape the core refuses
    // falls back to the default one rather than failing.
    let mut net = Network::new(&sizes, p.act, Activation::Tanh)
        .or_else(|_| Network::new(&[2, 8, 8, 8, 8, 1], p.act, Activation::Tanh))
        .expect("the default shape is valid");
    initialise(&mut net, p.init, p.bias, &mut rng);
    let data = classification(p.data, POINTS, NOISE, Labels::PlusMinusOne, &mut rng);
    let (train, test) = data.split(0.5, &mut rng);
    let lr = if p.lr.is_finite() && p.lr > 0.0 { p.lr } else { 0.1 };
    let config = TrainConfig { loss: Loss::Mse, rule: p.opt, lr, batch: BATCH };
    let mut t = Trainer::new(net, train, test, config, rng).expect("a tanh output, 2-D data and 100 samples fit");
    t.record_every = 0;
    t
}

/// A training run as the widget shows it: the trainer, the units as last
/// measured, and the curves so far (bounded, thinned like the trainer's history).
pub struct Run {
    pub trainer: Trainer,
    pub units: Vec<Vec<Unit>>,
    pub series: Vec<Point>,
    stride: u64,
    offered: u64,
    /// The last point of `series` is not one the thinning keeps.
    tentative: bool,
    tape: Tape,
}

impl Run {
    /// A fresh run of `p`, measured at step 0.
    pub fn new(p: &DeadReluParams) -> Run {
        let trainer = trainer(p);
        let tape = trainer.net.tape(32);
        let mut run = Run { trainer, units: Vec::new(), series: Vec::new(), stride: 1, offered: 0, tentative: false, tape };
        run.observe();
        run
    }

    pub fn steps(&self) -> u64 {
        self.trainer.steps()
    }

    /// The step at which training diverged, if it did.
    pub fn diverged(&self) -> Option<u64> {
        match self.trainer.state {
            State::Diverged { step } => Some(step),
            State::Running => None,
        }
    }

    /// The learning rate for the next steps (no reset).
    pub fn set_lr(&mut self, lr: f64) {
        self.trainer.set_lr(lr);
    }

    /// Switches the optimiser for the next steps, keeping the network and
    /// the step count (the new rule's state starts from zero).
    pub fn set_rule(&mut self, rule: Rule) {
        if self.trainer.opt.rule != rule {
            self.trainer.opt = Optimizer::new(rule, &self.trainer.net);
        }
    }

    /// Up to `n` training steps without measuring; returns how many were taken.
    pub fn train(&mut self, n: u64) -> u64 {
        self.trainer.run(n as usize) as u64
    }

    /// Records the trainer's state (which also catches a loss that stopped
    /// being finite), measures every unit, and adds a point to the curves.
    pub fn observe(&mut self) {
        let Some(loss) = self.trainer.record_now().map(|r| r.train_loss) else { return };
        self.units = measure(&self.trainer.net, &self.trainer.train, &mut self.tape);
        let point = Point {
            step: self.trainer.steps(),
            loss,
            dead: self.units.iter().map(|l| share(std::slice::from_ref(l), |u| u.dead)).collect(),
        };
        if let Some(last) = self.series.last_mut().filter(|p| p.step == point.step) {
            *last = point;
            return;
        }
        // The last point is always the latest; it stays only if the
        // thinning schedule keeps it, otherwise the next one replaces it.
        if self.tentative {
            self.series.pop();
        }
        self.offered += 1;
        self.tentative = !(self.offered - 1).is_multiple_of(self.stride);
        if !self.tentative && self.series.len() >= SERIES_CAP {
            let mut i = 0;
            self.series.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
        }
        self.series.push(point);
    }

    /// Share of all hidden units that are dead now.
    pub fn dead(&self) -> f64 {
        share(&self.units, |u| u.dead)
    }

    /// Share of all hidden units that are silent now.
    pub fn silent(&self) -> f64 {
        share(&self.units, Unit::silent)
    }

    /// The last measured training loss.
    pub fn loss(&self) -> f64 {
        self.series.last().map_or(f64::NAN, |p| p.loss)
    }
}

/// Where a preset's run stands at [`HORIZON`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub dead: f64,
    pub silent: f64,
    pub loss: f64,
    pub diverged: Option<u64>,
}

impl Outcome {
    pub fn of(run: &Run) -> Outcome {
        Outcome { dead: run.dead(), silent: run.silent(), loss: run.loss(), diverged: run.diverged() }
    }
}

/// `p` trained for `steps` steps, as the widget would show it then.
pub fn outcome(p: &DeadReluParams, steps: u64) -> Outcome {
    let mut run = Run::new(p);
    run.train(steps);
    run.observe();
    Outcome::of(&run)
}

/// The presets' outcomes, computed a slice at a time (the page does this
/// within its frame budget, so the stories appear without blocking it).
pub struct Outcomes {
    presets: Vec<DeadReluParams>,
    pub done: Vec<Outcome>,
    current: Option<Run>,
}

impl Outcomes {
    pub fn new(presets: impl IntoIterator<Item = DeadReluParams>) -> Outcomes {
        Outcomes { presets: presets.into_iter().collect(), done: Vec::new(), current: None }
    }

    pub fn finished(&self) -> bool {
        self.done.len() == self.presets.len()
    }

    /// Trains the preset in progress by up to `steps` steps (starting the
    /// next one if none is), finishing it at [`HORIZON`]; returns whether all are done.
    pub fn work(&mut self, steps: u64) -> bool {
        if self.finished() {
            return true;
        }
        let run = self.current.get_or_insert_with(|| Run::new(&self.presets[self.done.len()]));
        let left = HORIZON.saturating_sub(run.steps());
        let taken = run.train(steps.min(left));
        if taken < steps.min(left) || run.steps() >= HORIZON {
            run.observe();
            self.done.push(Outcome::of(run));
            self.current = None;
        }
        self.finished()
    }
}

/// How two shares compare, in the stories' words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    More,
    Fewer,
    /// Within [`SAME_BAND`] of each other.
    About,
}

/// Shares closer than this (5 percentage points) are "about as many": one
/// unit of 32 is 3 points, less than a difference worth a sentence.
pub const SAME_BAND: f64 = 0.05;

/// How share `a` compares with share `b`.
pub fn compare(a: f64, b: f64) -> Compare {
    if a > b + SAME_BAND {
        Compare::More
    } else if a < b - SAME_BAND {
        Compare::Fewer
    } else {
        Compare::About
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Shape;
    use crate::init::{BiasInit, Init};

    fn params(act: Activation, lr: f64, seed: u64) -> DeadReluParams {
        DeadReluParams { act, lr, seed, ..DeadReluParams::default() }
    }

    /// A unit is dead exactly when it is silent, for ReLU; for leaky ReLU
    /// never (its slope is 0.01 below zero); checked against a forward pass
    /// one sample at a time, apart from the batched tape.
    #[test]
    fn measure_agrees_with_one_sample_at_a_time() {
        for act in [Activation::Relu, Activation::LeakyRelu(0.01), Activation::Gelu] {
            let mut p = params(act, 1.0, 3);
            p.width = 5;
            p.depth = 3;
            let mut run = Run::new(&p);
            run.train(300);
            run.observe();
            let net = &run.trainer.net;
            let mut one = net.tape(1);
            let mut count = vec![vec![0usize; 5]; 3];
            for (x, _) in run.trainer.train.iter() {
                net.forward([x], &mut one);
                for (l, c) in count.iter_mut().enumerate() {
                    for (j, c) in c.iter_mut().enumerate() {
                        *c += (one.z[l][j * one.cap] > 0.0) as usize;
                    }
                }
            }
            let n = run.trainer.train.len() as f64;
            for (units, counts) in run.units.iter().zip(&count) {
                for (u, &c) in units.iter().zip(counts) {
                    assert_eq!(u.activity, c as f64 / n, "{act}");
                    match act {
                        Activation::Relu => assert_eq!(u.dead, u.silent()),
                        _ => assert!(!u.dead, "{act} never has a zero slope on a whole set"),
                    }
                }
            }
            assert_eq!(run.units.iter().map(Vec::len).collect::<Vec<_>>(), [5, 5, 5]);
        }
    }

    /// For ReLU, the dead share per layer is the trainer's own measure
    /// (z ≤ 0 on every training sample), computed separately.
    #[test]
    fn relu_dead_shares_are_the_trainers() {
        let mut run = Run::new(&params(Activation::Relu, 1.0, 5));
        for _ in 0..20 {
            run.train(25);
            run.observe();
            let p = run.series.last().unwrap().clone();
            let record = run.trainer.record_now().unwrap();
            assert_eq!(p.step, record.step);
            assert_eq!(Some(&p.dead), record.dead_fraction.as_ref());
            assert_eq!(p.loss, record.train_loss);
        }
        assert!(run.dead() > 0.0, "lr 1 kills some units on seed 5");
    }

    #[test]
    fn the_curves_stay_bounded_and_keep_the_start() {
        let mut run = Run::new(&params(Activation::Relu, 0.1, 1));
        for _ in 0..(3 * SERIES_CAP) {
            run.train(1);
            run.observe();
        }
        let s = &run.series;
        assert!(s.len() <= SERIES_CAP + 1 && s.len() >= SERIES_CAP / 2, "{}", s.len());
        assert_eq!(s[0].step, 0);
        assert!(s.windows(2).all(|w| w[0].step < w[1].step));
        assert_eq!(s.last().unwrap().step, run.steps(), "the latest point is always shown");
        // Kept points are evenly spaced (the thinning halves them as a whole).
        let gaps: Vec<u64> = s[..s.len() - 1].windows(2).map(|w| w[1].step - w[0].step).collect();
        assert!(gaps.iter().all(|&g| g == gaps[0]), "{gaps:?}");
        assert!(s.iter().all(|p| p.loss.is_finite() && p.dead.len() == 4));
        // Observing twice at one step replaces, not duplicates.
        let n = s.len();
        run.observe();
        assert_eq!(run.series.len(), n);
    }

    /// The same seed gives the same run, however the steps are cut into frames.
    #[test]
    fn a_run_is_its_seed_whatever_the_frames() {
        let p = params(Activation::Relu, 1.0, 8);
        let whole = outcome(&p, 300);
        let mut run = Run::new(&p);
        for n in [1, 7, 10, 10, 50, 222] {
            run.train(n);
            run.observe();
        }
        assert_eq!(run.steps(), 300);
        assert_eq!(Outcome::of(&run), whole);
        let mut o = Outcomes::new([p.clone(), params(Activation::Relu, 0.1, 8)]);
        let mut calls = 0;
        while !o.work(37) {
            calls += 1;
        }
        assert!(calls > 2 * (HORIZON / 37) as usize - 2, "worked in slices: {calls}");
        assert_eq!(o.done, vec![outcome(&p, HORIZON), outcome(&params(Activation::Relu, 0.1, 8), HORIZON)]);
    }

    #[test]
    fn hot_changes_keep_the_network() {
        let mut run = Run::new(&params(Activation::Relu, 0.1, 2));
        run.train(50);
        let before = run.trainer.net.clone();
        run.set_lr(0.5);
        run.set_rule(Rule::from_name("adam").unwrap());
        assert_eq!((run.trainer.net.clone(), run.steps(), run.trainer.lr()), (before, 50, 0.5));
        assert_eq!(run.trainer.opt.t, 0, "a new rule starts from its own zero state");
        run.train(1);
        assert_eq!(run.steps(), 51);
    }

    /// Narrow and deep is risky before any training (cf. Lu et al. 2020):
    /// at width 2 and depth 10, a large share of units is dead at step 0,
    /// far more than at width 8 and depth 4 (averaged over 16 seeds).
    #[test]
    fn narrow_deep_nets_start_with_dead_units() {
        let at_start = |width, depth| {
            (0..16)
                .map(|seed| {
                    let p = DeadReluParams { width, depth, seed, ..DeadReluParams::default() };
                    Run::new(&p).dead()
                })
                .sum::<f64>()
                / 16.0
        };
        let (narrow, wide) = (at_start(2, 10), at_start(8, 4));
        assert!(narrow > 0.3 && narrow > 4.0 * wide, "width 2 depth 10: {narrow}, width 8 depth 4: {wide}");
    }

    /// No picture gets a NaN: an absurd rate on every optimiser and
    /// activation either trains with finite numbers or stops as diverged.
    #[test]
    fn any_rate_leaves_finite_numbers() {
        for act in [Activation::Relu, Activation::LeakyRelu(0.01), Activation::Elu(1.0), Activation::Gelu, Activation::Silu]
        {
            for rule in crate::optimizer::NAMES {
                let p = DeadReluParams {
                    act,
                    lr: 10.0,
                    opt: Rule::from_name(rule).unwrap(),
                    init: Init::Normal(1.0),
                    bias: BiasInit::Constant(-1.0),
                    data: Shape::Xor,
                    ..DeadReluParams::default()
                };
                let mut run = Run::new(&p);
                for _ in 0..20 {
                    run.train(20);
                    run.observe();
                }
                assert!(run.series.iter().all(|p| p.loss.is_finite() && p.dead.iter().all(|d| (0.0..=1.0).contains(d))));
                assert!(run.units.iter().flatten().all(|u| (0.0..=1.0).contains(&u.activity)), "{act} {rule}");
            }
        }
    }

    #[test]
    fn comparisons_have_a_band() {
        assert_eq!(compare(0.5, 0.3), Compare::More);
        assert_eq!(compare(0.3, 0.5), Compare::Fewer);
        assert_eq!(compare(0.34375, 0.3125), Compare::About, "one unit of 32");
    }
}
