//! The `zigzag` model: the loss over the two weights as a contour picture, and the descent path from the reader's start for both kinds of input, stopped where it reaches the optimum or diverges.

use crate::analysis::zigzag::{centred, descend, positive_inputs};
use crate::chart::heatmap::{rgb, shade, Blocks};
use crate::chart::scale::Lut;
use crate::rng::Rng;

use super::{Inputs, ZigzagParams, LR_LOG10, STEPS, WINDOW};

/// The weights the unit should learn: reaching them from the default start
/// needs w1 up and w2 down, which all-positive inputs cannot do in one move.
pub const TARGET: [f64; 2] = [1.0, -1.0];
/// Training examples, cycled through one per step.
pub const SAMPLES: usize = 64;
/// Seeds the examples (fixed: the inputs are part of the demonstration, not a control).
pub const INPUT_SEED: u64 = 5;
/// A run has reached the optimum within this distance of it.
pub const TOL: f64 = 0.02;
/// A run has diverged once it is this many times farther from the optimum
/// than it started (at least this far in absolute terms).
pub const DIVERGED: f64 = 100.0;
/// Cells per side of the contour picture (2x2 pixels each).
pub const GRID: usize = 120;
/// Contour lines per decade of loss.
pub const LINES_PER_DECADE: f64 = 2.0;
/// Decades of loss the colour scale spans, down from the largest in view.
pub const DECADES: f64 = 4.0;

/// The examples of `kind`. Zero-centred ones are the positive ones minus
/// their mean, rescaled to the same mean |x|², so one learning rate takes
/// steps of the same size with both and the comparison is fair.
pub fn inputs(kind: Inputs) -> Vec<[f64; 2]> {
    let pos = positive_inputs(SAMPLES, &mut Rng::new(INPUT_SEED));
    match kind {
        Inputs::Positive => pos,
        Inputs::Centred => {
            let cen = centred(&pos);
            let power = |xs: &[[f64; 2]]| xs.iter().map(|x| x[0] * x[0] + x[1] * x[1]).sum::<f64>();
            let k = (power(&pos) / power(&cen).max(1e-300)).sqrt();
            cen.iter().map(|x| [x[0] * k, x[1] * k]).collect()
        }
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Within `TOL` of the optimum after this many steps.
    Reached(usize),
    /// Flew off at this step (the path shown stops just before it).
    Diverged(usize),
    /// Neither within the steps allowed.
    NotYet,
}

/// One descent, cut where it diverged so that every point is finite and near the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The weights before each step and after the last one kept.
    pub path: Vec<[f64; 2]>,
    /// Per step kept: whether its two gradients had one sign.
    pub same_sign: Vec<bool>,
    pub outcome: Outcome,
}

impl Run {
    /// Steps (kept) whose two gradients had one sign.
    pub fn same_sign_steps(&self) -> usize {
        self.same_sign.iter().filter(|&&s| s).count()
    }
}

fn distance(w: [f64; 2]) -> f64 {
    (w[0] - TARGET[0]).hypot(w[1] - TARGET[1])
}

/// Per-sample gradient descent on `xs` from `start` with learning rate
/// `lr`, for at most `steps` steps.
pub fn run(xs: &[[f64; 2]], start: [f64; 2], lr: f64, steps: usize) -> Run {
    let p = descend(xs, TARGET, start, lr, steps, TOL);
    let limit = DIVERGED * distance(start).max(1.0);
    // Not finite, or too far (a NaN distance counts as too far).
    let blown = p.weights.iter().position(|w| distance(*w).partial_cmp(&limit) != Some(std::cmp::Ordering::Less));
    match blown {
        Some(k) => Run { path: p.weights[..k].to_vec(), same_sign: p.same_sign[..k - 1].to_vec(), outcome: Outcome::Diverged(k) },
        None => Run {
            outcome: p.steps_to_optimum.map_or(Outcome::NotYet, Outcome::Reached),
            path: p.weights,
            same_sign: p.same_sign,
        },
    }
}

/// Everything the chart and the text show.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The contour picture: `grid` x `grid` cells over [-window, window]²,
    /// row 0 at w2 = +window, drawn as `side` = 2 `grid` pixels per side (RGBA).
    pub grid: usize,
    pub side: usize,
    pub window: f64,
    pub rgba: Vec<u8>,
    /// log10 of the loss at the dark and the light end of the colour scale.
    pub log_loss: (f64, f64),
    pub target: [f64; 2],
    /// The run with the chosen inputs.
    pub run: Run,
    /// How each kind of input fares from the same start at the same rate.
    pub positive: Outcome,
    pub centred: Outcome,
    pub steps: usize,
}

/// The mean loss (w.x - w*.x)²/2 over `xs` as its matrix: L(w) = d.C d / 2 with d = w - w*.
fn second_moment(xs: &[[f64; 2]]) -> [f64; 3] {
    let n = xs.len().max(1) as f64;
    xs.iter().fold([0.0; 3], |c, x| [c[0] + x[0] * x[0] / n, c[1] + x[0] * x[1] / n, c[2] + x[1] * x[1] / n])
}

/// The loss at w for the second moment c.
pub fn loss(c: [f64; 3], w: [f64; 2]) -> f64 {
    let d = [w[0] - TARGET[0], w[1] - TARGET[1]];
    0.5 * (c[0] * d[0] * d[0] + 2.0 * c[1] * d[0] * d[1] + c[2] * d[1] * d[1])
}

/// The view of `p` with a `n` x `n` contour grid. Out-of-range params are
/// brought into range (a start outside the window onto its edge).
pub fn compute_at(p: &ZigzagParams, n: usize) -> View {
    let n = n.max(2);
    let lr = if p.lr.is_finite() { p.lr.clamp(10f64.powf(LR_LOG10.0), 10f64.powf(LR_LOG10.1)) } else { 0.1 };
    let steps = p.steps.clamp(STEPS.0, STEPS.1);
    let onto = |v: f64| if v.is_nan() { 0.0 } else { v.clamp(-WINDOW, WINDOW) };
    let start = [onto(p.start[0]), onto(p.start[1])];
    let xs = inputs(p.inputs);
    let c = second_moment(&xs);

    let step = 2.0 * WINDOW / n as f64;
    let centre = |k: usize| [-WINDOW + ((k % n) as f64 + 0.5) * step, WINDOW - ((k / n) as f64 + 0.5) * step];
    let log: Vec<f64> = (0..n * n).map(|k| loss(c, centre(k)).max(1e-300).log10()).collect();
    let hi = log.iter().copied().fold(f64::MIN, f64::max);
    let lo = hi - DECADES;
    let lut = Lut::sequential();
    let mut blocks = Blocks::new(n, |k| rgb(lut.unit((log[k] - lo) / DECADES)));
    let level: Vec<i64> = log.iter().map(|l| (l * LINES_PER_DECADE).floor().max(-1e6) as i64).collect();
    blocks.lines_with(&level, |c| shade(c, 0.6));

    let other = |kind: Inputs| if kind == p.inputs { None } else { Some(run(&inputs(kind), start, lr, steps).outcome) };
    let chosen = run(&xs, start, lr, steps);
    let outcome_of = |kind: Inputs| other(kind).unwrap_or(chosen.outcome);
    View {
        grid: n,
        side: blocks.side(),
        window: WINDOW,
        rgba: blocks.rgba,
        log_loss: (lo, hi),
        target: TARGET,
        positive: outcome_of(Inputs::Positive),
        centred: outcome_of(Inputs::Centred),
        run: chosen,
        steps,
    }
}

/// The view of `p` at the page's resolution.
pub fn compute(p: &ZigzagParams) -> View {
    compute_at(p, GRID)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(inputs: Inputs, lr: f64, steps: usize, start: [f64; 2]) -> ZigzagParams {
        ZigzagParams { inputs, lr, steps, start }
    }

    #[test]
    fn positive_inputs_give_gradients_of_one_sign_at_every_step() {
        for start in [[-2.0, 2.0], [2.5, 2.5], [-3.0, -3.0], [0.0, 0.0]] {
            let v = compute_at(&params(Inputs::Positive, 0.5, 300, start), 16);
            assert!(!v.run.same_sign.is_empty());
            assert_eq!(v.run.same_sign_steps(), v.run.same_sign.len(), "start {start:?}");
        }
        // Centred inputs do move the weights apart on some steps.
        let v = compute_at(&params(Inputs::Centred, 0.5, 300, [-2.0, 2.0]), 16);
        assert!(v.run.same_sign_steps() < v.run.same_sign.len());
    }

    #[test]
    fn the_signs_recorded_are_the_gradients_signs() {
        // Recomputed from the path: step i used example i mod SAMPLES at path[i].
        for kind in Inputs::ALL {
            let xs = inputs(kind);
            let r = run(&xs, [-2.0, 2.0], 0.3, 200);
            for (i, &same) in r.same_sign.iter().enumerate() {
                let (w, x) = (r.path[i], xs[i % SAMPLES]);
                let err = (w[0] - TARGET[0]) * x[0] + (w[1] - TARGET[1]) * x[1];
                assert_eq!(same, (err * x[0]) * (err * x[1]) >= 0.0, "{kind:?} step {i}");
                // And the step went against that gradient.
                let next = r.path[i + 1];
                assert!((next[0] - (w[0] - 0.3 * err * x[0])).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn centred_inputs_reach_the_optimum_in_fewer_steps_from_the_same_start() {
        for start in [[-2.0, 2.0], [2.5, -2.5], [-3.0, 0.0], [0.5, 2.5]] {
            for lr in [0.1, 0.5, 1.0] {
                let v = compute_at(&params(Inputs::Positive, lr, STEPS.1, start), 16);
                let (Outcome::Reached(p), Outcome::Reached(c)) = (v.positive, v.centred) else {
                    panic!("start {start:?} lr {lr}: {:?} {:?}", v.positive, v.centred)
                };
                assert!(c < p, "start {start:?} lr {lr}: centred {c} vs positive {p}");
            }
        }
        // At the defaults, both arrive within the default steps, centred first.
        let v = compute(&ZigzagParams::default());
        let (Outcome::Reached(p), Outcome::Reached(c)) = (v.positive, v.centred) else { panic!("{v:?}") };
        assert!(2 * c < p, "centred {c} vs positive {p}");
    }

    #[test]
    fn reached_means_within_tol_at_that_step_and_not_before() {
        let r = run(&inputs(Inputs::Centred), [-2.0, 2.0], 0.5, 2000);
        let Outcome::Reached(k) = r.outcome else { panic!() };
        assert_eq!(r.path.len(), k + 1);
        assert!(distance(r.path[k]) < TOL);
        assert!(r.path[..k].iter().all(|w| distance(*w) >= TOL));
    }

    #[test]
    fn a_huge_learning_rate_diverges_at_a_step_and_the_view_stays_finite() {
        for kind in Inputs::ALL {
            let v = compute(&params(kind, 10.0, 2000, [-2.0, 2.0]));
            let Outcome::Diverged(k) = v.run.outcome else { panic!("{kind:?}: {:?}", v.run.outcome) };
            assert!(k >= 1 && v.run.path.len() == k && v.run.same_sign.len() == k - 1);
            assert!(v.run.path.iter().all(|w| w[0].is_finite() && w[1].is_finite()));
            let limit = DIVERGED * distance([-2.0, 2.0]);
            assert!(v.run.path.iter().all(|w| distance(*w) <= limit));
            assert!(v.log_loss.0.is_finite() && v.log_loss.1.is_finite());
            // The step named is where the distance first exceeds the limit.
            let full = descend(&inputs(kind), TARGET, [-2.0, 2.0], 10.0, 2000, TOL);
            assert!(distance(full.weights[k]) > limit || !full.weights[k][0].is_finite());
        }
    }

    #[test]
    fn no_inputs_no_panic() {
        let r = run(&[], [-2.0, 2.0], 0.5, 100);
        assert_eq!(r.path, vec![[-2.0, 2.0]]);
        assert_eq!(r.outcome, Outcome::NotYet);
        assert!(r.same_sign.is_empty());
    }

    #[test]
    fn silly_params_are_brought_into_range() {
        let v = compute_at(&params(Inputs::Centred, f64::NAN, 0, [f64::INFINITY, f64::NAN]), 16);
        assert_eq!(v.run.path[0], [WINDOW, 0.0]);
        assert_eq!(v.steps, STEPS.0);
        let v = compute_at(&params(Inputs::Centred, 1e9, 1_000_000, [0.0, 0.0]), 16);
        assert_eq!(v.steps, STEPS.1);
        assert!(v.run.path.iter().all(|w| w[0].is_finite()));
    }

    #[test]
    fn centred_inputs_have_mean_zero_and_the_same_power() {
        let (p, c) = (inputs(Inputs::Positive), inputs(Inputs::Centred));
        assert!(p.iter().all(|x| x[0] > 0.0 && x[1] > 0.0));
        let mean = |xs: &[[f64; 2]], i: usize| xs.iter().map(|x| x[i]).sum::<f64>() / xs.len() as f64;
        assert!(mean(&c, 0).abs() < 1e-12 && mean(&c, 1).abs() < 1e-12);
        let power = |xs: &[[f64; 2]]| xs.iter().map(|x| x[0] * x[0] + x[1] * x[1]).sum::<f64>();
        assert!((power(&p) / power(&c) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn contours_are_darkest_at_the_optimum_and_match_the_mean_loss() {
        let v = compute_at(&ZigzagParams::default(), 60);
        let xs = inputs(Inputs::Positive);
        // The closed form against the mean over the examples.
        let w = [0.3, 2.1];
        let direct = xs.iter().map(|x| ((w[0] - TARGET[0]) * x[0] + (w[1] - TARGET[1]) * x[1]).powi(2) / 2.0).sum::<f64>()
            / xs.len() as f64;
        assert!((loss(second_moment(&xs), w) - direct).abs() < 1e-12);
        // Darkest cell (the top-left pixel of each cell) near the optimum.
        let lum = |k: usize| {
            let px = 2 * (k / v.grid) * v.side + 2 * (k % v.grid);
            v.rgba[4 * px] as u32 + v.rgba[4 * px + 1] as u32 + v.rgba[4 * px + 2] as u32
        };
        let darkest = (0..v.grid * v.grid).min_by_key(|&k| lum(k)).unwrap();
        let step = 2.0 * v.window / v.grid as f64;
        let at = [-v.window + (darkest % v.grid) as f64 * step, v.window - (darkest / v.grid) as f64 * step];
        assert!(distance(at) < 0.5, "darkest at {at:?}");
    }
}
