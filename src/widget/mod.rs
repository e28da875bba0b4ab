//! The widgets of the page, one folder each.

pub mod linearity;
pub mod zigzag;
