//! Shared reading and comparing of reference cases (shared/reference/FORMAT.md).

use activation_lab::activation::Activation;
use activation_lab::loss::{batch_gradient, Loss};
use activation_lab::network::Network;
use activation_lab::optimizer::{Optimizer, Rule};
use serde_json::Value;

/// |got - want| <= abs + rel * |want|, or a message naming both numbers.
pub fn close(got: f64, want: f64, abs: f64, rel: f64) -> Result<(), String> {
    if (got - want).abs() <= abs + rel * want.abs() {
        Ok(())
    } else {
        Err(format!("got {got:e}, want {want:e} (difference {:e})", (got - want).abs()))
    }
}

pub fn num(v: &Value, what: &str) -> Result<f64, String> {
    v.as_f64().ok_or_else(|| format!("{what} is not a number: {v}"))
}

pub fn num_vec(v: &Value, what: &str) -> Result<Vec<f64>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what} is not an array"))?
        .iter()
        .enumerate()
        .map(|(i, x)| num(x, &format!("{what}[{i}]")))
        .collect()
}

fn matrix(v: &Value, what: &str) -> Result<Vec<Vec<f64>>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what} is not an array"))?
        .iter()
        .enumerate()
        .map(|(i, r)| num_vec(r, &format!("{what}[{i}]")))
        .collect()
}

fn matrices(v: &Value, what: &str) -> Result<Vec<Vec<Vec<f64>>>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what} is not an array"))?
        .iter()
        .enumerate()
        .map(|(i, m)| matrix(m, &format!("{what}[{i}]")))
        .collect()
}

fn opt_num(v: &Value, what: &str) -> Result<f64, String> {
    num(v, what)
}

/// Compares our per-layer arrays with the reference ones, naming the first
/// mismatch; a different number of layers is a mismatch too (a zip alone
/// would compare the common layers and pass).
fn compare_layers(what: &str, got: &[Vec<f64>], want: &[Vec<Vec<f64>>], abs: f64, rel: f64) -> Result<usize, String> {
    if got.len() != want.len() {
        return Err(format!("{what} has {} layers, expected {}", want.len(), got.len()));
    }
    let mut n = 0;
    for (l, (g, w)) in got.iter().zip(want).enumerate() {
        let flat: Vec<f64> = w.concat();
        if flat.len() != g.len() {
            return Err(format!("{what}[{l}] has {} values, expected {}", flat.len(), g.len()));
        }
        for (i, (a, b)) in g.iter().zip(&flat).enumerate() {
            close(*a, *b, abs, rel).map_err(|m| format!("{what}[{l}] entry {i}: {m}"))?;
            n += 1;
        }
    }
    Ok(n)
}

/// Checks one "backprop" case: loss, gradients, then the optimiser's steps.
pub fn check_backprop(case: &Value) -> Result<usize, String> {
    let sizes: Vec<usize> = num_vec(&case["sizes"], "sizes")?.iter().map(|&s| s as usize).collect();
    let alpha = match &case["hidden_alpha"] {
        Value::Null => None,
        v => Some(num(v, "hidden_alpha")?),
    };
    let hidden = Activation::from_name(case["hidden"].as_str().ok_or("missing \"hidden\"")?, alpha)
        .map_err(|e| e.to_string())?;
    let output =
        Activation::from_name(case["output"].as_str().ok_or("missing \"output\"")?, None).map_err(|e| e.to_string())?;
    let loss = Loss::from_name(case["loss"].as_str().ok_or("missing \"loss\"")?).ok_or("unknown loss")?;
    let weights = matrices(&case["weights"], "weights")?;
    let biases = matrix(&case["biases"], "biases")?;
    let mut net = Network::from_weights(&sizes, hidden, output, &weights, &biases).map_err(|e| e.to_string())?;
    let inputs = matrix(&case["inputs"], "inputs")?;
    let targets = matrix(&case["targets"], "targets")?;
    if inputs.len() != targets.len() || inputs.is_empty() {
        return Err(format!("{} inputs but {} targets", inputs.len(), targets.len()));
    }
    // A tape smaller than most batches, so the chunking is exercised too.
    let (mut tape, mut grads) = (net.tape(4), net.grads());
    let run = |net: &Network, tape: &mut _, grads: &mut _| {
        let pairs = inputs.iter().zip(&targets).map(|(x, t)| (x.as_slice(), t.as_slice()));
        batch_gradient(net, loss, pairs, tape, grads)
    };
    let value = run(&net, &mut tape, &mut grads);
    close(value, num(&case["loss_value"], "loss_value")?, 1e-10, 1e-7).map_err(|m| format!("loss_value: {m}"))?;
    let mut n = 1;
    n += compare_layers("grad_weights", &grads.w, &matrices(&case["grad_weights"], "grad_weights")?, 1e-10, 1e-7)?;
    let gb: Vec<Vec<Vec<f64>>> = matrix(&case["grad_biases"], "grad_biases")?.into_iter().map(|b| vec![b]).collect();
    n += compare_layers("grad_biases", &grads.b, &gb, 1e-10, 1e-7)?;

    let o = &case["optimizer"];
    let field = |k: &str| opt_num(&o[k], &format!("optimizer.{k}"));
    let rule = match o["name"].as_str().ok_or("missing optimizer.name")? {
        "sgd" => Rule::Sgd,
        "momentum" => Rule::Momentum { momentum: field("momentum")? },
        "adagrad" => Rule::Adagrad { eps: field("eps")? },
        "adam" => Rule::Adam { beta1: field("beta1")?, beta2: field("beta2")?, eps: field("eps")? },
        other => return Err(format!("unknown optimizer {other:?}")),
    };
    let (lr, steps) = (field("lr")?, field("steps")? as usize);
    let mut opt = Optimizer::new(rule, &net);
    for _ in 0..steps {
        run(&net, &mut tape, &mut grads);
        opt.step(&mut net, &grads, lr);
    }
    let got_w: Vec<Vec<f64>> = net.layers.iter().map(|l| l.w.clone()).collect();
    let got_b: Vec<Vec<f64>> = net.layers.iter().map(|l| l.b.clone()).collect();
    n += compare_layers("weights_after", &got_w, &matrices(&case["weights_after"], "weights_after")?, 1e-9, 1e-6)?;
    let ba: Vec<Vec<Vec<f64>>> = matrix(&case["biases_after"], "biases_after")?.into_iter().map(|b| vec![b]).collect();
    n += compare_layers("biases_after", &got_b, &ba, 1e-9, 1e-6)?;
    Ok(n)
}
