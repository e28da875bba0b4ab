//! Prints the standard workload's speed (median of 5 runs), tanh and relu:
//! `cargo bench --bench train`. Numbers, not assertions.
use std::time::Instant;

use activation_lab::activation::Activation;
use activation_lab::bench::{median_of, report_json};

fn main() {
    let t0 = Instant::now();
    let mut now = || t0.elapsed().as_secs_f64() * 1000.0;
    let tanh = median_of(5, Activation::Tanh, &mut now);
    let relu = median_of(5, Activation::Relu, &mut now);
    println!("standard workload (2-8-8-8-8-8-8-1, 500 points, 200 epochs, SGD every 10 samples)");
    println!("tanh: {:.3} us/sample (final loss {:.4})", tanh.us_per_sample, tanh.final_loss);
    println!("relu: {:.3} us/sample (final loss {:.4})", relu.us_per_sample, relu.final_loss);
    println!("{}", report_json(tanh, relu));
}
