//! Analyses the widgets draw, each a pure function of a network and data.

pub mod gradient_flow;
pub mod linear;
pub mod stats;
pub mod zigzag;
