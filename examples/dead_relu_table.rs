//! Prints the dead-ReLU table behind claim 10: the mean dead fraction of a
//! 2-8-8-8-8-1 ReLU net after 300 SGD/Adagrad steps on the spiral, averaged
//! over 16 seeds, for several initialisations and learning rates.
//! `cargo run --release --example dead_relu_table`
use activation_lab::activation::Activation;
use activation_lab::data::{classification, Labels, Shape};
use activation_lab::init::{initialise, BiasInit, Init};
use activation_lab::loss::Loss;
use activation_lab::network::Network;
use activation_lab::optimizer::Rule;
use activation_lab::rng::Rng;
use activation_lab::trainer::{TrainConfig, Trainer};

fn dead(init: Init, bias: BiasInit, rule: Rule, lr: f64) -> f64 {
    let seeds = 16;
    let total: f64 = (0..seeds)
        .map(|seed| {
            let mut rng = Rng::new(seed);
            let mut n = Network::new(&[2, 8, 8, 8, 8, 1], Activation::Relu, Activation::Tanh).unwrap();
            initialise(&mut n, init, bias, &mut rng);
            let data = classification(Shape::Spiral, 200, 0.1, Labels::PlusMinusOne, &mut rng);
            let (train, test) = data.split(0.5, &mut rng);
            let mut t =
                Trainer::new(n, train, test, TrainConfig { loss: Loss::Mse, rule, lr, batch: 10 }, rng).unwrap();
            t.run(300);
            let d = t.history.last().and_then(|r| r.dead_fraction.clone()).unwrap_or_default();
            d.iter().sum::<f64>() / d.len().max(1) as f64
        })
        .sum();
    total / seeds as f64
}

fn main() {
    let rows: [(&str, Init, BiasInit, Rule); 7] = [
        ("He, SGD", Init::HeNormal, BiasInit::Zero, Rule::Sgd),
        ("Xavier, SGD", Init::XavierUniform, BiasInit::Zero, Rule::Sgd),
        ("He, Adagrad", Init::HeNormal, BiasInit::Zero, Rule::from_name("adagrad").unwrap()),
        ("N(0, 0.1^2), SGD", Init::Normal(0.1), BiasInit::Zero, Rule::Sgd),
        ("N(0, 1), SGD", Init::Normal(1.0), BiasInit::Zero, Rule::Sgd),
        ("U(-0.5, 0.5) bias 0.1, SGD", Init::Uniform, BiasInit::Constant(0.1), Rule::Sgd),
        ("He, bias -1, SGD", Init::HeNormal, BiasInit::Constant(-1.0), Rule::Sgd),
    ];
    let lrs = [0.03, 0.3, 1.0, 3.0];
    println!("{:<28} {}", "dead fraction after 300 steps", lrs.map(|l| format!("lr {l:<6}")).join(" "));
    for (name, init, bias, rule) in rows {
        println!("{name:<28} {}", lrs.map(|lr| format!("{:<9.3}", dead(init, bias, rule, lr))).join(" "));
    }
}
