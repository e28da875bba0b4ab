//! Optimisers `sgd`, `momentum`, `adagrad`, `adam` exactly as shared/reference/FORMAT.md defines them.
//!
//! The learning rate is passed to every `step`, so it can change between
//! steps without a reset; the state (velocity, accumulators, step count)
//! starts at zero with the optimiser (a new network gets a new optimiser).

use crate::network::{Grads, Network};
use crate::simd::F2;

/// Which rule, with its constants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    Sgd,
    Momentum { momentum: f64 },
    Adagrad { eps: f64 },
    Adam { beta1: f64, beta2: f64, eps: f64 },
}

/// The stable names of the rules, in the order a menu lists them.
pub const NAMES: [&str; 4] = ["sgd", "momentum", "adagrad", "adam"];

impl Rule {
    /// The stable name used in URLs and reference files.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Sgd => "sgd",
            Rule::Momentum { .. } => "momentum",
            Rule::Adagrad { .. } => "adagrad",
            Rule::Adam { .. } => "adam",
        }
    }

    /// The rule named `name` with the usual constants.
    pub fn from_name(name: &str) -> Option<Rule> {
        match name {
            "sgd" => Some(Rule::Sgd),
            "momentum" => Some(Rule::Momentum { momentum: 0.9 }),
            "adagrad" => Some(Rule::Adagrad { eps: 1e-8 }),
            "adam" => Some(Rule::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8 }),
            _ => None,
        }
    }
}

/// A rule and its state for one network shape.
#[derive(Clone, Debug)]
pub struct Optimizer {
    pub rule: Rule,
    /// Per layer, weights then biases: velocity / sum of squares / first moment.
    s1: Vec<Vec<f64>>,
    /// Adam's second moment.
    s2: Vec<Vec<f64>>,
    /// Steps taken so far (Adam's t).
    pub t: u64,
}

impl Optimizer {
    pub fn new(rule: Rule, net: &Network) -> Optimizer {
        let shapes: Vec<Vec<f64>> =
            net.layers.iter().flat_map(|l| [vec![0.0; l.w.len()], vec![0.0; l.b.len()]]).collect();
        Optimizer { rule, s1: shapes.clone(), s2: shapes, t: 0 }
    }

    /// One update of `net`'s weights and biases (mutated) from `grads` with
    /// learning rate `lr`; advances the state.
    pub fn step(&mut self, net: &mut Network, grads: &Grads, lr: f64) {
        self.t += 1;
        let t = self.t as f64;
        let params = net.layers.iter_mut().flat_map(|l| [&mut l.w, &mut l.b]);
        let gs = grads.w.iter().zip(&grads.b).flat_map(|(w, b)| [w, b]);
        let slices = params.zip(gs).zip(self.s1.iter_mut().zip(self.s2.iter_mut()));
        // The rule is matched once per step, not once per slice (Adam's
        // bias corrections cost two powf calls), and each loop is plain
        // enough to vectorise; SGD, the benchmark's rule, runs on F2.
        match self.rule {
            Rule::Sgd => {
                let rate = F2::splat(lr);
                for ((p, g), _) in slices {
                    let (p2, p_rest) = p.as_chunks_mut::<2>();
                    let (g2, g_rest) = g.as_chunks::<2>();
                    for (p, g) in p2.iter_mut().zip(g2) {
                        (F2::load(p) - rate * F2::load(g)).store(p);
                    }
                    for (p, g) in p_rest.iter_mut().zip(g_rest) {
                        *p -= lr * g;
                    }
                }
            }
            Rule::Momentum { momentum } => {
                for ((p, g), (s1, _)) in slices {
                    for ((p, g), v) in p.iter_mut().zip(g).zip(s1.iter_mut()) {
                        *v = momentum * *v - lr * g;
                        *p += *v;
                    }
                }
            }
            Rule::Adagrad { eps } => {
                for ((p, g), (s1, _)) in slices {
                    for ((p, g), acc) in p.iter_mut().zip(g).zip(s1.iter_mut()) {
                        *acc += g * g;
                        *p -= lr * g / (acc.sqrt() + eps);
                    }
                }
            }
            Rule::Adam { beta1, beta2, eps } => {
                let (c1, c2) = (1.0 - beta1.powf(t), 1.0 - beta2.powf(t));
                for ((p, g), (m, v)) in slices {
                    for (((p, g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
                        *m = beta1 * *m + (1.0 - beta1) * g;
                        *v = beta2 * *v + (1.0 - beta2) * g * g;
                        *p -= lr * (*m / c1) / ((*v / c2).sqrt() + eps);
                    }
                }
            }
        }
    }
}
