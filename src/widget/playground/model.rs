//! The playground's pure part: the points (generated, split, plus the reader's own), one or two networks trained side by side on them, the field each network computes over the plane, and the numbers the page reports.

use crate::activation::Activation;
use crate::data::{classification, regression_1d, Dataset, Labels, Shape, EXTENT};
use crate::init::{initialise, BiasInit};
use crate::loss::Loss;
use crate::network::{Network, Tape};
use crate::optimizer::Optimizer;
use crate::rng::Rng;
use crate::trainer::{Record, State, TrainConfig, Trainer};

use super::PlaygroundParams;

/// Cells per side of the field drawn behind the points.
pub const GRID: usize = 100;
/// The training loss a run must reach to count as "learnt" (claim 9's finish line).
pub const TARGET_LOSS: f64 = 0.1;
/// A run counts as diverged once its training loss has climbed above where
/// it started and above this many times the loss of answering 0
/// everywhere: the steps overshoot and leave it worse than knowing nothing. (A tanh
/// output cannot overflow, so its loss saturates rather than becoming
/// infinite; the trainer itself catches losses that stop being finite.)
pub const DIVERGED_FACTOR: f64 = 1.5;
/// Points generated for a classification task and for the regression.
pub const POINTS_CLASSIFY: usize = 500;
pub const POINTS_REGRESS: usize = 200;

/// What the network learns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Task {
    /// Two classes in the plane, targets -1 and +1 (tanh output, squared error).
    Classify(Shape),
    /// y from x (identity output, squared error).
    Regress,
}

impl Task {
    /// The task of data menu entry `i`.
    pub fn from_index(i: usize) -> Task {
        match i {
            0 => Task::Classify(Shape::Circle),
            1 => Task::Classify(Shape::Xor),
            2 => Task::Classify(Shape::Gauss),
            3 => Task::Classify(Shape::Spiral),
            _ => Task::Regress,
        }
    }

    pub fn n_in(self) -> usize {
        match self {
            Task::Classify(_) => 2,
            Task::Regress => 1,
        }
    }

    pub fn output(self) -> Activation {
        match self {
            Task::Classify(_) => Activation::Tanh,
            Task::Regress => Activation::Identity,
        }
    }

    /// The part of the plane shown: the data's extent.
    pub fn plane(self) -> Plane {
        match self {
            Task::Classify(_) => Plane { x: (-EXTENT, EXTENT), y: (-EXTENT, EXTENT) },
            Task::Regress => Plane { x: (-3.5, 3.5), y: (-2.5, 2.5) },
        }
    }
}

/// A rectangle of the plane: x across, y up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Plane {
    /// The point at fraction `u` across from the left and `v` down from the top.
    pub fn at(&self, u: f64, v: f64) -> (f64, f64) {
        (self.x.0 + u * (self.x.1 - self.x.0), self.y.1 - v * (self.y.1 - self.y.0))
    }

    /// The fractions (u across, v down) of a point: the inverse of [`Plane::at`].
    pub fn frac(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.x.0) / (self.x.1 - self.x.0), (self.y.1 - y) / (self.y.1 - self.y.0))
    }

    /// The centre of cell (i across, j down) of an n x n grid.
    pub fn cell(&self, i: usize, j: usize, n: usize) -> (f64, f64) {
        self.at((i as f64 + 0.5) / n as f64, (j as f64 + 0.5) / n as f64)
    }
}

/// What a change of params asks of the model, from the least to the most work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    None,
    /// Learning rate, optimiser, batch size, pace: the next step uses them.
    Hot,
    /// Shape, activations, initialisation: new networks on the same points.
    Networks,
    /// Data set, noise, split or seed: new points and new networks.
    Data,
}

impl Change {
    pub fn between(old: &PlaygroundParams, new: &PlaygroundParams) -> Change {
        if (old.data, old.noise, old.ratio, old.seed) != (new.data, new.noise, new.ratio, new.seed) {
            Change::Data
        } else if (old.depth, old.width, old.act, old.init, old.compare, old.versus)
            != (new.depth, new.width, new.act, new.init, new.compare, new.versus)
        {
            Change::Networks
        } else if old != new {
            Change::Hot
        } else {
            Change::None
        }
    }
}

/// One network and its training.
pub struct Run {
    pub act: Activation,
    /// The network as initialised (what a reset or an empty data set shows).
    pub initial: Network,
    /// `None` while there is nothing to train on.
    pub trainer: Option<Trainer>,
    /// The epoch of the first record whose training loss was below [`TARGET_LOSS`].
    pub reached: Option<f64>,
    /// The training loss before the first step.
    pub start_loss: f64,
    /// The step at which the loss climbed past its start and [`DIVERGED_FACTOR`] times the know-nothing loss.
    pub blew_up: Option<u64>,
    /// Working memory for the field: one grid row per pass.
    tape: Tape,
    row: Vec<f64>,
}

impl Run {
    /// The network as it is now.
    pub fn net(&self) -> &Network {
        self.trainer.as_ref().map_or(&self.initial, |t| &t.net)
    }

    /// The step at which training diverged (a number stopped being finite,
    /// or the loss climbed past its start and [`DIVERGED_FACTOR`] times the
    /// know-nothing loss), if it did.
    pub fn diverged(&self) -> Option<u64> {
        match self.trainer.as_ref().map(|t| &t.state) {
            Some(State::Diverged { step }) => Some(*step),
            _ => self.blew_up,
        }
    }

    /// Whether it can take another step.
    pub fn can_train(&self) -> bool {
        self.blew_up.is_none() && self.trainer.as_ref().is_some_and(|t| t.state == State::Running)
    }

    pub fn steps(&self) -> u64 {
        self.trainer.as_ref().map_or(0, |t| t.steps())
    }

    pub fn epoch(&self) -> f64 {
        self.trainer.as_ref().map_or(0.0, |t| t.epoch())
    }

    /// The records so far, oldest first (bounded and thinned by the trainer).
    pub fn history(&self) -> &[Record] {
        self.trainer.as_ref().map_or(&[], |t| &t.history)
    }

    pub fn last(&self) -> Option<&Record> {
        self.history().last()
    }

    /// Layer 1's gradient norm over the output layer's, at the last record
    /// that has both (the widget's key number: how much gradient survives).
    pub fn gradient_ratio(&self) -> Option<f64> {
        let r = self.history().iter().rev().find(|r| r.grad_norms.iter().all(|g| g.is_finite() && *g > 0.0))?;
        if r.grad_norms.len() < 2 {
            return None;
        }
        Some(r.grad_norms[0] / r.grad_norms[r.grad_norms.len() - 1])
    }

    /// The network's output at each input of `xs` (flat, `n_in` per input;
    /// at most the tape's capacity), written into `out`.
    fn outputs(&mut self, xs: &[f64], n_in: usize, out: &mut Vec<f64>) {
        let net = match self.trainer.as_ref() {
            Some(t) => &t.net,
            None => &self.initial,
        };
        net.forward(xs.chunks_exact(n_in), &mut self.tape);
        let last = net.layers.len();
        out.clear();
        out.extend_from_slice(&self.tape.a[last][..self.tape.len]);
    }
}

/// The points and the networks learning them.
pub struct Model {
    pub task: Task,
    pub train: Dataset,
    pub test: Dataset,
    /// How many of the training points the reader added.
    pub added: usize,
    pub runs: Vec<Run>,
    /// Rises whenever what the networks compute may have changed (a step, a
    /// rebuild, a reset): a field drawn at an older version is stale.
    pub version: u64,
    /// Rises whenever the points change.
    pub points_version: u64,
    config: TrainConfig,
    seed: u64,
    out: Vec<f64>,
}

/// The training configuration the params ask for.
fn config(p: &PlaygroundParams) -> TrainConfig {
    TrainConfig { loss: Loss::Mse, rule: p.opt, lr: p.lr, batch: p.batch.max(1) }
}

/// The generated points of `p`, split into training and test sets.
pub fn points(p: &PlaygroundParams) -> (Task, Dataset, Dataset) {
    let task = Task::from_index(p.data);
    let mut rng = Rng::new(p.seed);
    let all = match task {
        Task::Classify(shape) => classification(shape, POINTS_CLASSIFY, p.noise, Labels::PlusMinusOne, &mut rng),
        Task::Regress => regression_1d(POINTS_REGRESS, p.noise, &mut rng),
    };
    let (train, test) = all.split(1.0 - p.ratio / 100.0, &mut rng);
    (task, train, test)
}

impl Model {
    /// New points and networks for `p`.
    pub fn new(p: &PlaygroundParams) -> Model {
        let (task, train, test) = points(p);
        let mut m = Model {
            task,
            train,
            test,
            added: 0,
            runs: Vec::new(),
            version: 0,
            points_version: 0,
            config: config(p),
            seed: p.seed,
            out: Vec::new(),
        };
        m.rebuild(p);
        m
    }

    /// Brings the model in line with `new` (the params were `old`), doing
    /// only the work the change needs; returns what it did.
    pub fn update(&mut self, old: &PlaygroundParams, new: &PlaygroundParams) -> Change {
        let change = Change::between(old, new);
        match change {
            Change::Data => *self = Model::new(new),
            Change::Networks => self.rebuild(new),
            Change::Hot => self.set_hot(new),
            Change::None => {}
        }
        change
    }

    /// Learning rate, optimiser and batch size, for the next step; the
    /// weights stay (a new optimiser starts with empty state).
    pub fn set_hot(&mut self, p: &PlaygroundParams) {
        let new = config(p);
        for t in self.runs.iter_mut().filter_map(|r| r.trainer.as_mut()) {
            t.set_lr(new.lr);
            if new.rule != self.config.rule {
                t.opt = Optimizer::new(new.rule, &t.net);
            }
            t.batch = new.batch.min(t.train.len()).max(1);
        }
        self.config = new;
    }

    /// Fresh networks (initialised from the seed) on the current points:
    /// what structural changes and the reset button do.
    pub fn rebuild(&mut self, p: &PlaygroundParams) {
        self.config = config(p);
        self.seed = p.seed;
        let acts = if p.compare { vec![p.act, p.versus] } else { vec![p.act] };
        let mut sizes = vec![self.task.n_in()];
        sizes.extend(std::iter::repeat_n(p.width.clamp(1, 16), p.depth.min(8)));
        sizes.push(1);
        self.runs = acts
            .into_iter()
            .map(|act| {
                let mut initial = Network::new(&sizes, act, self.task.output()).expect("the controls keep the shape legal");
                // Every run draws the same weights: only the activation differs.
                initialise(&mut initial, p.init, BiasInit::Zero, &mut Rng::new(p.seed.wrapping_add(1)));
                let tape = initial.tape(GRID);
                Run {
                    act,
                    initial,
                    trainer: None,
                    reached: None,
                    start_loss: f64::NAN,
                    blew_up: None,
                    tape,
                    row: Vec::with_capacity(2 * GRID),
                }
            })
            .collect();
        for i in 0..self.runs.len() {
            self.start(i);
        }
        self.version += 1;
    }

    /// Builds run `i`'s trainer from its initial network, if there is
    /// something to train on, and records its starting point.
    fn start(&mut self, i: usize) {
        let run = &mut self.runs[i];
        run.reached = None;
        run.blew_up = None;
        run.start_loss = f64::NAN;
        let Ok(mut t) = Trainer::new(
            run.initial.clone(),
            self.train.clone(),
            self.test.clone(),
            self.config,
            Rng::new(self.seed.wrapping_add(2)),
        ) else {
            run.trainer = None;
            return;
        };
        t.record_every = 0;
        run.start_loss = t.record_now().map_or(f64::NAN, |r| r.train_loss);
        run.trainer = Some(t);
    }

    /// True when some run can take another step.
    pub fn can_train(&self) -> bool {
        self.runs.iter().any(Run::can_train)
    }

    /// The mean loss of answering 0 to every training point (what a
    /// network that knows nothing scores): 1/2 for targets of ±1.
    pub fn baseline_loss(&self) -> f64 {
        if self.train.is_empty() {
            return f64::NAN;
        }
        self.train.y.iter().map(|t| 0.5 * t * t).sum::<f64>() / self.train.len() as f64
    }

    /// Mini-batch steps per pass over the training set.
    pub fn steps_per_epoch(&self) -> f64 {
        (self.train.len() as f64 / self.config.batch.max(1) as f64).max(1.0)
    }

    /// Up to `max` steps of every run that can train, the runs in lockstep
    /// (so that compared runs always stand at the same step); asks
    /// `out_of_time` every other step and stops when it says so. Returns the
    /// steps taken. Records nothing: see [`Model::record`].
    pub fn train(&mut self, max: u64, mut out_of_time: impl FnMut() -> bool) -> u64 {
        let mut taken = 0;
        while taken < max {
            let mut any = false;
            for run in self.runs.iter_mut().filter(|r| r.blew_up.is_none()) {
                if let Some(t) = run.trainer.as_mut() {
                    any |= t.step();
                }
            }
            self.version += 1;
            if !any {
                break;
            }
            taken += 1;
            if taken.is_multiple_of(2) && out_of_time() {
                break;
            }
        }
        taken
    }

    /// Records every running network's losses, accuracy and gradients once
    /// (what the charts draw); notes when a run first reaches the target
    /// loss, and stops a run whose loss climbed above its start and past
    /// [`DIVERGED_FACTOR`] times the know-nothing loss.
    pub fn record(&mut self) {
        let baseline = self.baseline_loss();
        for run in self.runs.iter_mut().filter(|r| r.blew_up.is_none()) {
            let Some(t) = run.trainer.as_mut() else { continue };
            let Some(r) = t.record_now() else { continue };
            if run.reached.is_none() && r.train_loss < TARGET_LOSS {
                run.reached = Some(r.epoch);
            }
            if r.train_loss > run.start_loss.max(DIVERGED_FACTOR * baseline) {
                run.blew_up = Some(r.step);
            }
        }
    }

    /// Adds a training point at `x` (1 or 2 coordinates, per the task) with
    /// target `y`, which every network trains on from its next step.
    pub fn add_point(&mut self, x: &[f64], y: f64) {
        if x.len() != self.task.n_in() || !x.iter().chain([&y]).all(|v| v.is_finite()) {
            return;
        }
        self.train.x.extend_from_slice(x);
        self.train.y.push(y);
        self.added += 1;
        self.points_version += 1;
        for i in 0..self.runs.len() {
            match self.runs[i].trainer.as_mut() {
                Some(t) => {
                    t.add_train_sample(x, &[y]);
                    t.batch = self.config.batch.min(t.train.len()).max(1);
                }
                None => self.start(i),
            }
        }
    }

    /// Removes every point; the networks go back to their initial weights
    /// and wait for points.
    pub fn clear(&mut self) {
        for d in [&mut self.train, &mut self.test] {
            d.x.clear();
            d.y.clear();
        }
        self.added = 0;
        self.points_version += 1;
        for run in &mut self.runs {
            run.trainer = None;
            run.reached = None;
            run.blew_up = None;
        }
        self.version += 1;
    }

    /// The field of run `i` on an n x n grid (n at most [`GRID`]), row by
    /// row from the top, into `out`: for a classifier, the network's output
    /// (in [-1, 1]: the sign is the class); for the regression, f(x) - y
    /// clamped to [-1, 1], whose zero line is the fitted curve.
    pub fn field(&mut self, i: usize, n: usize, out: &mut Vec<f64>) {
        let n = n.clamp(1, GRID);
        let plane = self.task.plane();
        out.clear();
        let run = &mut self.runs[i];
        let mut row = std::mem::take(&mut run.row);
        match self.task {
            Task::Classify(_) => {
                for j in 0..n {
                    row.clear();
                    for i in 0..n {
                        let (x, y) = plane.cell(i, j, n);
                        row.extend_from_slice(&[x, y]);
                    }
                    run.outputs(&row, 2, &mut self.out);
                    out.extend_from_slice(&self.out);
                }
            }
            Task::Regress => {
                row.clear();
                row.extend((0..n).map(|i| plane.cell(i, 0, n).0));
                run.outputs(&row, 1, &mut self.out);
                for j in 0..n {
                    let y = plane.cell(0, j, n).1;
                    out.extend(self.out.iter().map(|f| (f - y).clamp(-1.0, 1.0)));
                }
            }
        }
        run.row = row;
    }

    /// The fitted curve of run `i` (regression): `n` points (x, f(x)) across the plane.
    pub fn curve(&mut self, i: usize, n: usize) -> Vec<(f64, f64)> {
        let n = n.clamp(2, GRID);
        let plane = self.task.plane();
        let xs: Vec<f64> = (0..n).map(|k| plane.x.0 + (plane.x.1 - plane.x.0) * k as f64 / (n - 1) as f64).collect();
        let run = &mut self.runs[i];
        let width = self.task.n_in();
        if width != 1 {
            return Vec::new();
        }
        run.outputs(&xs, 1, &mut self.out);
        xs.into_iter().zip(self.out.iter().copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> PlaygroundParams {
        PlaygroundParams::default()
    }

    #[test]
    fn changes_are_classified_by_what_they_touch() {
        let p = params();
        let with = |f: fn(&mut PlaygroundParams)| {
            let mut q = p.clone();
            f(&mut q);
            Change::between(&p, &q)
        };
        assert_eq!(with(|_| {}), Change::None);
        assert_eq!(with(|q| q.lr = 0.1), Change::Hot);
        assert_eq!(with(|q| q.opt = crate::optimizer::Rule::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8 }), Change::Hot);
        assert_eq!(with(|q| q.batch = 3), Change::Hot);
        assert_eq!(with(|q| q.depth = 5), Change::Networks);
        assert_eq!(with(|q| q.act = Activation::Tanh), Change::Networks);
        assert_eq!(with(|q| q.compare = true), Change::Networks);
        assert_eq!(with(|q| q.seed = 7), Change::Data);
        assert_eq!(with(|q| q.data = 4), Change::Data);
    }

    #[test]
    fn the_plane_maps_fractions_both_ways() {
        let p = Task::Classify(Shape::Circle).plane();
        assert_eq!(p.at(0.0, 0.0), (-EXTENT, EXTENT), "top left");
        assert_eq!(p.at(1.0, 1.0), (EXTENT, -EXTENT), "bottom right");
        let (u, v) = p.frac(1.5, -2.0);
        let (x, y) = p.at(u, v);
        assert!((x - 1.5).abs() < 1e-12 && (y + 2.0).abs() < 1e-12);
        assert_eq!(p.cell(0, 0, 2), (-EXTENT / 2.0, EXTENT / 2.0));
    }

    #[test]
    fn points_split_by_the_ratio_and_the_seed_fixes_them() {
        let p = params();
        let (task, train, test) = points(&p);
        assert_eq!(task, Task::Classify(Shape::Circle));
        assert_eq!((train.len(), test.len()), (250, 250));
        let mut q = p.clone();
        q.ratio = 80.0;
        q.data = 4;
        let (task, train, test) = points(&q);
        assert_eq!(task, Task::Regress);
        assert_eq!((train.len(), test.len(), train.n_in), (160, 40, 1));
        assert_eq!(points(&p).1, points(&p).1);
    }

    #[test]
    fn learning_rate_and_optimiser_change_without_a_reset() {
        let mut p = params();
        let mut m = Model::new(&p);
        m.train(30, || false);
        let before = m.runs[0].net().clone();
        let old = p.clone();
        p.lr = 0.1;
        p.opt = crate::optimizer::Rule::from_name("adam").unwrap();
        assert_eq!(m.update(&old, &p), Change::Hot);
        let t = m.runs[0].trainer.as_ref().unwrap();
        assert_eq!((t.lr(), t.opt.rule, t.steps()), (0.1, p.opt, 30));
        assert_eq!(m.runs[0].net(), &before, "the weights stay");
    }

    #[test]
    fn compared_runs_start_from_the_same_weights_and_stay_in_step() {
        let mut p = params();
        p.compare = true;
        p.versus = Activation::Tanh;
        let mut m = Model::new(&p);
        assert_eq!(m.runs.len(), 2);
        let (a, b) = (&m.runs[0].initial, &m.runs[1].initial);
        assert_eq!(a.layers, b.layers);
        assert_eq!((a.hidden, b.hidden), (Activation::Relu, Activation::Tanh));
        assert_eq!(m.train(17, || false), 17);
        assert_eq!((m.runs[0].steps(), m.runs[1].steps()), (17, 17));
    }

    #[test]
    fn a_time_budget_cuts_training_short() {
        let mut m = Model::new(&params());
        let mut asked = 0;
        let taken = m.train(1000, || {
            asked += 1;
            asked >= 3
        });
        assert_eq!(taken, 6, "the clock is read every other step");
    }

    /// A depth-0 network with weights (1, 0) and bias 0 outputs tanh(x):
    /// the field is that, cell by cell.
    #[test]
    fn the_field_is_the_networks_output_cell_by_cell() {
        let mut p = params();
        p.depth = 0;
        let mut m = Model::new(&p);
        let net = Network::from_weights(&[2, 1], Activation::Relu, Activation::Tanh, &[vec![vec![1.0, 0.0]]], &[vec![0.0]])
            .unwrap();
        m.runs[0].trainer.as_mut().unwrap().net = net;
        let mut f = Vec::new();
        m.field(0, GRID, &mut f);
        assert_eq!(f.len(), GRID * GRID);
        let plane = m.task.plane();
        for j in [0, 37, 99] {
            for i in 0..GRID {
                let (x, _) = plane.cell(i, j, GRID);
                assert!((f[j * GRID + i] - x.tanh()).abs() < 1e-12, "cell ({i}, {j})");
            }
        }
    }

    #[test]
    fn regression_field_changes_sign_on_the_fitted_curve() {
        let mut p = params();
        p.data = 4;
        let mut m = Model::new(&p);
        m.train(200, || false);
        let mut f = Vec::new();
        m.field(0, GRID, &mut f);
        let plane = m.task.plane();
        for i in (0..GRID).step_by(9) {
            let fx = m.runs[0].net().predict(&[plane.cell(i, 0, GRID).0])[0];
            for j in 0..GRID {
                let y = plane.cell(i, j, GRID).1;
                let v = f[j * GRID + i];
                if (y - fx).abs() > 1e-9 {
                    assert_eq!(v > 0.0, fx > y, "column {i}, row {j}");
                }
            }
        }
    }

    #[test]
    fn an_empty_data_set_trains_nothing_and_panics_nowhere() {
        let p = params();
        let mut m = Model::new(&p);
        m.clear();
        assert!(!m.can_train());
        assert_eq!(m.train(10, || false), 0);
        m.record();
        let mut f = Vec::new();
        m.field(0, GRID, &mut f);
        assert!(f.iter().all(|v| v.is_finite()));
        assert!(m.runs[0].history().is_empty() && m.runs[0].gradient_ratio().is_none());
        m.set_hot(&p);
        m.rebuild(&p);
        assert!(!m.can_train());
        // The first point brings training back.
        m.add_point(&[1.0, 1.0], 1.0);
        assert!(m.can_train());
        assert_eq!(m.train(5, || false), 5);
        m.record();
        let r = m.runs[0].last().unwrap();
        assert!(r.train_loss.is_finite() && r.test_accuracy.is_none());
        // Points that do not fit the task are refused.
        m.add_point(&[1.0], 1.0);
        m.add_point(&[f64::NAN, 0.0], 1.0);
        assert_eq!((m.train.len(), m.added), (1, 1));
    }

    /// Trains `m` epoch by epoch, recording after each, until every run has
    /// reached the target loss or `max` epochs have passed.
    fn race(m: &mut Model, max: usize) {
        for _ in 0..max {
            m.train(m.steps_per_epoch().ceil() as u64, || false);
            m.record();
            if m.runs.iter().all(|r| r.reached.is_some()) {
                break;
            }
        }
    }

    /// Claim 9 on the page's own race preset: with the same data, seed and
    /// starting weights, ReLU reaches the target loss in fewer epochs than
    /// sigmoid at depth 4 and 6.
    #[test]
    fn claim_09_relu_wins_the_race_against_sigmoid_when_deep() {
        for seed in [1, 2, 3] {
            for depth in [4, 6] {
                let mut p = PlaygroundParams { seed, ..PlaygroundParams::default() }.race();
                p.depth = depth;
                assert_eq!((p.act, p.versus, p.compare), (Activation::Relu, Activation::Sigmoid, true));
                let mut m = Model::new(&p);
                race(&mut m, 60);
                let relu = m.runs[0].reached.expect("relu reaches the target");
                let sigmoid = m.runs[1].reached.unwrap_or(f64::INFINITY);
                assert!(relu < sigmoid, "seed {seed}, depth {depth}: relu {relu} epochs, sigmoid {sigmoid}");
            }
        }
    }

    /// Two points of the reader's, on an otherwise empty plane, are learnt:
    /// the network's answer at each moves to the point's class.
    #[test]
    fn added_points_are_trained_on() {
        let p = params();
        let mut m = Model::new(&p);
        m.clear();
        let (blue, orange) = ([-4.0, 4.0], [4.0, -4.0]);
        let before = (m.runs[0].net().predict(&blue)[0], m.runs[0].net().predict(&orange)[0]);
        m.add_point(&blue, 1.0);
        m.add_point(&orange, -1.0);
        assert_eq!((m.train.len(), m.added), (2, 2));
        m.train(300, || false);
        let net = m.runs[0].net();
        let after = (net.predict(&blue)[0], net.predict(&orange)[0]);
        assert!(after.0 > before.0 && after.0 > 0.5, "blue point: {} -> {}", before.0, after.0);
        assert!(after.1 < before.1 && after.1 < -0.5, "orange point: {} -> {}", before.1, after.1);
        // Added to a running trainer too: its training set grows and includes it.
        let mut m = Model::new(&p);
        m.train(10, || false);
        m.add_point(&[0.0, 0.0], -1.0);
        let t = m.runs[0].trainer.as_ref().unwrap();
        assert_eq!(t.train.len(), 251);
        assert_eq!(t.train.sample(250), (&[0.0, 0.0][..], &[-1.0][..]));
    }

    /// At a learning rate of 10 the loss climbs instead of falling: the run
    /// stops as diverged, and a reset (new networks) trains again.
    #[test]
    fn a_huge_learning_rate_diverges_and_a_reset_recovers() {
        let mut p = params();
        p.lr = 10.0;
        let mut m = Model::new(&p);
        let start = m.runs[0].start_loss;
        assert_eq!(m.baseline_loss(), 0.5, "targets ±1: answering 0 costs 1/2 per point");
        race(&mut m, 20);
        let step = m.runs[0].diverged().expect("diverged");
        assert!(step > 0 && !m.can_train());
        let worst = m.runs[0].history().iter().map(|r| r.train_loss).fold(0.0, f64::max);
        assert!(worst > start && worst > DIVERGED_FACTOR * 0.5, "the loss climbed from {start} to {worst}");
        assert_eq!(m.train(10, || false), 0, "a diverged run takes no more steps");
        // At the default rate, the same network learns without diverging.
        p.lr = PlaygroundParams::default().lr;
        m.set_hot(&p);
        m.rebuild(&p);
        assert!(m.can_train() && m.runs[0].steps() == 0);
        race(&mut m, 40);
        assert!(m.runs[0].diverged().is_none());
        assert!(m.runs[0].reached.is_some());
    }
}
