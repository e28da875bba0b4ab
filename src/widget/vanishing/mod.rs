//! The `vanishing` widget: how the gradient shrinks, layer by layer, on its way back through a deep network, and why (the chain rule's factors).

pub mod model;

use crate::activation::Activation;
use crate::init::Init;

pub const ID: &str = "vanishing";

/// The state of the `vanishing` widget.
#[derive(Clone, Debug, PartialEq)]
pub struct VanishingParams {
    /// The hidden layers' activation (the output is always a sigmoid).
    pub act: Activation,
    /// Hidden layers, 1 to 64.
    pub depth: usize,
    /// Units per hidden layer, 1 to 32.
    pub width: usize,
    /// How the weights are drawn (biases start at 0).
    pub init: Init,
    /// Seeds the data, the weights and the order of training.
    pub seed: u64,
    /// Whether the page trains the network a few steps per frame.
    pub train: bool,
    /// The learning rate (a slider over log10, 1e-4 to 10); hot.
    pub lr: f64,
}

impl Default for VanishingParams {
    /// Sigmoid, 10 hidden layers of 16, Xavier (Glorot) uniform: the
    /// article's setting, where layer 1 gets about 10⁻⁶ of the output
    /// layer's gradient at first sight. At a learning rate of 0.1, ReLU
    /// and tanh networks of the same shape learn the task within a few
    /// hundred steps while the sigmoid one stays stuck (higher rates kill
    /// ReLU units or diverge).
    fn default() -> Self {
        VanishingParams {
            act: Activation::Sigmoid,
            depth: 10,
            width: 16,
            init: Init::XavierUniform,
            seed: 1,
            train: false,
            lr: 0.1,
        }
    }
}
