//! Activation Lab: why deep networks prefer ReLU.
//!
//! The crate is layered, imports pointing one way only:
//! - the pure core ([`activation`], [`network`], [`loss`], [`init`],
//!   [`optimizer`], [`rng`], [`data`], [`trainer`], [`analysis`], [`url`],
//!   [`i18n`]) imports no web or plotting crate and is tested natively;
//! - [`chart`] holds what every chart shares (palette, scales); charts are
//!   drawn with plotters on any `DrawingBackend` (SVG in native tests,
//!   canvas in the page);
//! - [`widget`] is the registry: one folder per widget, whose `dom.rs`
//!   alone (wasm32 only) touches the page;
//! - `web` (wasm32 only) is the shell: the entry point, the frame loop, the
//!   address, the generated controls; it loops over the registry and never
//!   names a widget.

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
pub mod rng;
pub mod simd;
pub mod trainer;
pub mod url;
pub mod widget;

#[cfg(target_arch = "wasm32")]
mod web;
