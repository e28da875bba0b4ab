//! The cost micro-benchmark: nanoseconds per evaluation of an activation, timed by whatever clock the platform has.

use std::hint::black_box;

use crate::activation::Activation;

/// One timing of an activation over a set of inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostRun {
    pub ns_per_eval: f64,
    /// Sum of f over every evaluation: proves the work was done (and keeps
    /// the optimiser from removing it).
    pub checksum: f64,
}

/// Evaluates `a` on every x of `xs`, `reps` times, between two readings of
/// `now_ms` (milliseconds).
pub fn time_activation(a: Activation, xs: &[f64], reps: usize, now_ms: &mut dyn FnMut() -> f64) -> CostRun {
    let start = now_ms();
    let mut checksum = 0.0;
    for _ in 0..reps {
        let mut s = 0.0;
        for &x in black_box(xs) {
            s += a.f(black_box(x));
        }
        checksum += black_box(s);
    }
    let elapsed_ms = now_ms() - start;
    let evals = (reps * xs.len()).max(1) as f64;
    CostRun { ns_per_eval: (elapsed_ms * 1e6 / evals).max(f64::MIN_POSITIVE), checksum }
}
