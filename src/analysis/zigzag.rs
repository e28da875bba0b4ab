//! Zig-zag: one linear unit with two weights trained by per-sample gradient descent, on all-positive versus zero-centred inputs.
//!
//! The unit computes y = w . x and learns t = w* . x with loss (y - t)^2 / 2.
//! Its gradient is (y - t) x: when every input is positive (as the outputs
//! of a sigmoid layer are), both weights' gradients share the sign of
//! (y - t) at every step, so the weights can only move together up or down,
//! and reaching a w* that needs one up and one down takes a staircase.

use crate::rng::Rng;

/// A training run of the two-weight unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// The weights before each step and after the last.
    pub weights: Vec<[f64; 2]>,
    /// Per step: whether its two gradient components had the same sign (or a zero).
    pub same_sign: Vec<bool>,
    /// Steps whose two gradient components had the same sign (or a zero).
    pub same_sign_steps: usize,
    /// First step after which |w - w*| < tol, if reached.
    pub steps_to_optimum: Option<usize>,
}

/// `n` inputs uniform on (0.1, 0.9)^2: all positive, like sigmoid outputs.
pub fn positive_inputs(n: usize, rng: &mut Rng) -> Vec<[f64; 2]> {
    (0..n).map(|_| [rng.range(0.1, 0.9), rng.range(0.1, 0.9)]).collect()
}

/// The same inputs with their mean subtracted (zero-centred).
pub fn centred(inputs: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let n = inputs.len().max(1) as f64;
    let m = inputs.iter().fold([0.0, 0.0], |a, x| [a[0] + x[0] / n, a[1] + x[1] / n]);
    inputs.iter().map(|x| [x[0] - m[0], x[1] - m[1]]).collect()
}

/// Per-sample gradient descent from `start`, cycling through `inputs`, for
/// at most `max_steps` steps with learning rate `lr`. It stops early once the
/// weights are within `tol` of `target` or are no longer finite. With no
/// inputs there is no gradient: the path is `start` alone.
pub fn descend(inputs: &[[f64; 2]], target: [f64; 2], start: [f64; 2], lr: f64, max_steps: usize, tol: f64) -> Path {
    let mut w = start;
    let mut path = Path { weights: vec![w], same_sign: Vec::new(), same_sign_steps: 0, steps_to_optimum: None };
    let steps = if inputs.is_empty() { 0 } else { max_steps };
    for step in 0..steps {
        let x = inputs[step % inputs.len()];
        let err = (w[0] * x[0] + w[1] * x[1]) - (target[0] * x[0] + target[1] * x[1]);
        let g = [err * x[0], err * x[1]];
        let same = g[0] * g[1] >= 0.0;
        path.same_sign.push(same);
        if same {
            path.same_sign_steps += 1;
        }
        w = [w[0] - lr * g[0], w[1] - lr * g[1]];
        path.weights.push(w);
        if !(w[0].is_finite() && w[1].is_finite()) {
            break;
        }
        if ((w[0] - target[0]).powi(2) + (w[1] - target[1]).powi(2)).sqrt() < tol {
            path.steps_to_optimum = Some(step + 1);
            break;
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_inputs_no_steps_and_no_panic() {
        let p = descend(&[], [1.0, -1.0], [0.5, 0.5], 0.1, 100, 1e-3);
        assert_eq!(p.weights, vec![[0.5, 0.5]]);
        assert!(p.same_sign.is_empty() && p.steps_to_optimum.is_none());
        assert!(centred(&[]).is_empty());
    }

    #[test]
    fn per_step_signs_match_the_gradient_and_the_count() {
        // Two inputs of opposite-signed components: the gradient (y - t) x
        // has components of opposite sign on every step (err != 0).
        let xs = [[1.0, -0.5], [-0.3, 0.8]];
        let p = descend(&xs, [1.0, 1.0], [0.0, 0.0], 0.1, 6, 1e-9);
        assert_eq!(p.same_sign, vec![false; 6]);
        let xs = [[0.4, 0.7]];
        let p = descend(&xs, [1.0, -2.0], [0.0, 0.0], 0.1, 5, 1e-9);
        assert_eq!(p.same_sign, vec![true; 5]);
        assert_eq!(p.same_sign_steps, 5);
        assert_eq!(p.weights.len(), 6);
    }
}
