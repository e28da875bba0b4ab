//! Weight initialisations, each drawn from an explicit seeded generator.

use crate::network::Network;
use crate::rng::Rng;

/// How weights are drawn; n_in and n_out are the layer's fan-in and fan-out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Init {
    Zero,
    Constant(f64),
    /// U(-0.5, 0.5), TensorFlow Playground's.
    Uniform,
    /// U[-1/sqrt(n_in), 1/sqrt(n_in)], the heuristic Glorot & Bengio (2010) started from.
    Standard,
    /// U[-sqrt(6/(n_in+n_out)), +sqrt(6/(n_in+n_out))], Glorot & Bengio's "normalised".
    XavierUniform,
    /// N(0, 2/(n_in+n_out)).
    XavierNormal,
    /// U[-sqrt(6/n_in), +sqrt(6/n_in)] (He et al. 2015, uniform form).
    HeUniform,
    /// N(0, 2/n_in) (He et al. 2015).
    HeNormal,
    /// N(0, std^2).
    Normal(f64),
}

/// How biases are set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BiasInit {
    Zero,
    Constant(f64),
    /// N(0, std^2) (Nielsen's book uses N(0, 1)).
    Normal(f64),
}

/// Every rule, with the default constant (0.1) and standard deviation (1),
/// in the order a menu lists them.
pub const ALL: [Init; 9] = [
    Init::Zero,
    Init::Constant(0.1),
    Init::Uniform,
    Init::Standard,
    Init::XavierUniform,
    Init::XavierNormal,
    Init::HeUniform,
    Init::HeNormal,
    Init::Normal(1.0),
];

/// The stable names of [`ALL`], in the same order (for menus and addresses).
pub const NAMES: [&str; 9] = {
    let mut n = [""; 9];
    let mut i = 0;
    while i < 9 {
        n[i] = ALL[i].name();
        i += 1;
    }
    n
};

/// The bias settings a menu offers: zero; a small positive constant, which
/// starts every ReLU unit slightly open; a negative one, which starts it
/// closed (with large weights, a deliberately bad start); and Nielsen's N(0, 1).
pub const BIAS_ALL: [BiasInit; 4] =
    [BiasInit::Zero, BiasInit::Constant(0.1), BiasInit::Constant(-1.0), BiasInit::Normal(1.0)];

/// The stable names of [`BIAS_ALL`], in the same order.
pub const BIAS_NAMES: [&str; 4] = ["zero", "positive", "negative", "normal"];

impl BiasInit {
    /// The menu entry of [`BIAS_ALL`] named `name`.
    pub fn from_name(name: &str) -> Option<BiasInit> {
        BIAS_NAMES.iter().position(|n| *n == name).map(|i| BIAS_ALL[i])
    }

    /// The name of this setting if a menu offers it ([`BIAS_ALL`]).
    pub fn name(self) -> Option<&'static str> {
        BIAS_ALL.iter().position(|b| *b == self).map(|i| BIAS_NAMES[i])
    }
}

impl Init {
    /// The stable name used in URLs.
    pub const fn name(self) -> &'static str {
        match self {
            Init::Zero => "zero",
            Init::Constant(_) => "constant",
            Init::Uniform => "uniform",
            Init::Standard => "standard",
            Init::XavierUniform => "xavier_uniform",
            Init::XavierNormal => "xavier_normal",
            Init::HeUniform => "he_uniform",
            Init::HeNormal => "he_normal",
            Init::Normal(_) => "normal",
        }
    }

    /// The initialisation named `name`; `value` is the constant or the
    /// standard deviation where the rule takes one (default 0.1 / 1.0).
    pub fn from_name(name: &str, value: Option<f64>) -> Option<Init> {
        Some(match name {
            "zero" => Init::Zero,
            "constant" => Init::Constant(value.unwrap_or(0.1)),
            "uniform" => Init::Uniform,
            "standard" => Init::Standard,
            "xavier_uniform" | "xavier" => Init::XavierUniform,
            "xavier_normal" => Init::XavierNormal,
            "he_uniform" => Init::HeUniform,
            "he_normal" | "he" => Init::HeNormal,
            "normal" => Init::Normal(value.unwrap_or(1.0)),
            _ => return None,
        })
    }

    /// One weight for a layer with this fan-in and fan-out.
    pub fn draw(self, n_in: usize, n_out: usize, rng: &mut Rng) -> f64 {
        let (fi, fo) = (n_in as f64, n_out as f64);
        match self {
            Init::Zero => 0.0,
            Init::Constant(c) => c,
            Init::Uniform => rng.range(-0.5, 0.5),
            Init::Standard => {
                let r = 1.0 / fi.sqrt();
                rng.range(-r, r)
            }
            Init::XavierUniform => {
                let r = (6.0 / (fi + fo)).sqrt();
                rng.range(-r, r)
            }
            Init::XavierNormal => rng.normal() * (2.0 / (fi + fo)).sqrt(),
            Init::HeUniform => {
                let r = (6.0 / fi).sqrt();
                rng.range(-r, r)
            }
            Init::HeNormal => rng.normal() * (2.0 / fi).sqrt(),
            Init::Normal(sd) => rng.normal() * sd,
        }
    }
}

/// Draws every weight of `net` (mutated) with `init` and sets every bias with
/// `bias`, layer by layer, row by row, from `rng` (advanced).
pub fn initialise(net: &mut Network, init: Init, bias: BiasInit, rng: &mut Rng) {
    for layer in &mut net.layers {
        let (n_in, n_out) = (layer.n_in, layer.n_out);
        layer.w.iter_mut().for_each(|w| *w = init.draw(n_in, n_out, rng));
        layer.b.iter_mut().for_each(|b| {
            *b = match bias {
                BiasInit::Zero => 0.0,
                BiasInit::Constant(c) => c,
                BiasInit::Normal(sd) => rng.normal() * sd,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;

    fn weights(init: Init, n_in: usize, n_out: usize) -> Vec<f64> {
        let mut net = Network::new(&[n_in.min(8), n_out], Activation::Relu, Activation::Identity).unwrap();
        let mut r = Rng::new(3);
        let mut all = Vec::new();
        for _ in 0..2000 {
            initialise(&mut net, init, BiasInit::Zero, &mut r);
            all.extend_from_slice(&net.layers[0].w);
        }
        all
    }

    fn var(v: &[f64]) -> f64 {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64
    }

    /// Each rule's variance matches its definition (e.g. He: 2/n_in).
    #[test]
    fn variances_match_the_definitions() {
        let (fi, fo) = (8.0, 4.0);
        let cases = [
            (Init::Uniform, 1.0 / 12.0),
            (Init::Standard, 1.0 / (3.0 * fi)),
            (Init::XavierUniform, 2.0 / (fi + fo)),
            (Init::XavierNormal, 2.0 / (fi + fo)),
            (Init::HeUniform, 2.0 / fi),
            (Init::HeNormal, 2.0 / fi),
            (Init::Normal(0.3), 0.09),
        ];
        for (init, want) in cases {
            let got = var(&weights(init, 8, 4));
            assert!((got / want - 1.0).abs() < 0.04, "{init:?}: variance {got}, want {want}");
        }
        assert!(weights(Init::Zero, 8, 4).iter().all(|&w| w == 0.0));
        assert!(weights(Init::Constant(0.2), 8, 4).iter().all(|&w| w == 0.2));
    }

    #[test]
    fn names_round_trip() {
        for init in ALL {
            assert_eq!(Init::from_name(init.name(), None), Some(init));
        }
        assert_eq!(Init::from_name("normal", Some(0.5)), Some(Init::Normal(0.5)));
        assert_eq!(Init::from_name("glorious", None), None);
        assert_eq!(NAMES.map(|n| Init::from_name(n, None)), ALL.map(Some));
        for b in BIAS_ALL {
            assert_eq!(BiasInit::from_name(b.name().unwrap()), Some(b));
        }
        assert_eq!(BiasInit::Constant(0.3).name(), None, "not a menu entry");
    }

    #[test]
    fn bias_settings_set_every_bias() {
        let mut net = Network::new(&[2, 8, 8, 1], Activation::Relu, Activation::Identity).unwrap();
        for (bias, want) in [(BiasInit::Zero, 0.0), (BiasInit::Constant(0.1), 0.1), (BiasInit::Constant(-1.0), -1.0)] {
            initialise(&mut net, Init::HeNormal, bias, &mut Rng::new(1));
            assert!(net.layers.iter().all(|l| l.b.iter().all(|&b| b == want)), "{bias:?}");
        }
        initialise(&mut net, Init::HeNormal, BiasInit::Normal(1.0), &mut Rng::new(1));
        let b: Vec<f64> = net.layers.iter().flat_map(|l| l.b.clone()).collect();
        assert!(b.iter().any(|&x| x > 0.0) && b.iter().any(|&x| x < 0.0), "{b:?}");
    }
}
