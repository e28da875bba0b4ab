//! Prints the cost of each activation's f and f′ on this machine, timed by
//! the same resumable harness as the page's `cost` widget (slices of 8 ms):
//! `cargo bench --bench cost`. Numbers, not assertions.
use std::time::Instant;

use activation_lab::activation::{Activation, ALL};
use activation_lab::cost::{Bench, Part, DEFAULT_RUNS};

fn main() {
    let t0 = Instant::now();
    let mut now = || t0.elapsed().as_secs_f64() * 1000.0;
    let mut bench = Bench::new(&ALL, DEFAULT_RUNS, 1);
    while !bench.advance(8.0, &mut now) {}
    println!("clock: {:?}; median of {DEFAULT_RUNS} runs of at least 10 ms each", bench.verdict());
    for bar in bench.bars() {
        let part = if bar.part == Part::F { "f" } else { "f′" };
        match (bar.ns(), bar.spread()) {
            (Some(ns), Some((lo, hi))) => {
                println!("{:<11} {part:<2} {ns:>7.3} ns/eval  (runs {lo:.3} to {hi:.3})", bar.act.name())
            }
            _ => println!("{:<11} {part:<2} unmeasurable", bar.act.name()),
        }
    }
    let ns = |a| bench.bar(a, Part::F).and_then(|b| b.ns());
    if let (Some(s), Some(r)) = (ns(Activation::Sigmoid), ns(Activation::Relu)) {
        println!("sigmoid f takes {:.1}x as long as relu f", s / r);
    }
}
