//! Activation Lab: why deep networks prefer ReLU.
//!
//! The crate is layered, imports pointing one way only:
//! - the pure core ([`activation`], [`network`], [`loss`], [`init`],
//!   [`optimizer`], [`rng`], [`params`], [`i18n`]) imports no web or plotting
//!   crate and is tested natively;
//! - [`chart`] draws with plotters on any `DrawingBackend` (SVG in native
//!   tests, canvas in the page);
//! - `web` (wasm32 only) owns the DOM, the URL and the render loop.

pub mod activation;
pub mod analysis;
pub mod bench;
pub mod chart;
pub mod cost;
pub mod data;
pub mod i18n;
pub mod init;
pub mod loss;
pub mod network;
pub mod optimizer;
pub mod params;
pub mod rng;
pub mod simd;
pub mod trainer;
pub mod widget;

#[cfg(target_arch = "wasm32")]
mod web;
