//! Browser tests (wasm-bindgen-test in headless Chromium) for what only a
//! browser can show: the charts really paint into a canvas through
//! plotters-canvas, in the right colours; and the network arithmetic of
//! the wasm build agrees with the JAX oracle and with the native bits.
#![cfg(target_arch = "wasm32")]

use activation_lab::activation::Activation;
use activation_lab::chart::palette;
use activation_lab::widget::curves::chart::{draw_curves, CurvesView};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

const W: u32 = 640;
const H: u32 = 480;

fn canvas() -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(W);
    c.set_height(H);
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

/// How many pixels are (nearly) exactly the palette colour of `a`.
fn pixels_of(c: &HtmlCanvasElement, a: Activation) -> usize {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, W as f64, H as f64).unwrap().data();
    let p = palette(a);
    data.chunks(4)
        .filter(|px| {
            (px[0] as i32 - p.0 as i32).abs() < 8
                && (px[1] as i32 - p.1 as i32).abs() < 8
                && (px[2] as i32 - p.2 as i32).abs() < 8
        })
        .count()
}

fn draw(c: &HtmlCanvasElement, shown: &[Activation]) {
    let root = CanvasBackend::with_canvas_object(c.clone()).unwrap().into_drawing_area();
    let view = CurvesView {
        shown,
        range: 6.0,
        hover: None,
        scale: 1.0,
        f_label: "f(x)",
        df_label: "f′(x)",
        sigmoid_peak_label: "σ′ 0.25",
    };
    draw_curves(&root, &view).unwrap();
}

#[wasm_bindgen_test]
fn curves_paint_each_shown_function_in_its_colour() {
    let c = canvas();
    draw(&c, &[Activation::Tanh, Activation::Relu]);
    let (tanh, relu, silu) =
        (pixels_of(&c, Activation::Tanh), pixels_of(&c, Activation::Relu), pixels_of(&c, Activation::Silu));
    assert!(tanh > 300, "tanh drew only {tanh} pixels");
    assert!(relu > 300, "relu drew only {relu} pixels");
    assert_eq!(silu, 0, "silu is not shown but {silu} pixels have its colour");
}

#[wasm_bindgen_test]
fn redrawing_with_another_selection_replaces_the_picture() {
    let c = canvas();
    draw(&c, &[Activation::Sigmoid]);
    assert!(pixels_of(&c, Activation::Sigmoid) > 300);
    draw(&c, &[Activation::Silu]);
    assert_eq!(pixels_of(&c, Activation::Sigmoid), 0, "old curve left behind");
    assert!(pixels_of(&c, Activation::Silu) > 300);
}

/// The seeded weights and data have the same bits in the browser as natively
/// (tests/seeded.rs checks the native side against the same file).
#[wasm_bindgen_test]
fn seeded_weights_are_bit_identical_to_native() {
    let want: Vec<&str> = include_str!("fixtures/seeded-weights.txt").lines().collect();
    let got = common::seeded::lines();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w, "wasm drew different bits");
    }
}

mod reference;

/// The page trains on the wasm build of the two-lane vector code
/// (simd128), not the SSE2 one that the native conformance test runs: so
/// every backprop case of the JAX oracle runs here too, through the same
/// checker, on every optimiser, loss and activation it holds.
#[wasm_bindgen_test]
fn backprop_matches_the_jax_oracle_in_the_browser() {
    let doc: serde_json::Value = serde_json::from_str(include_str!("fixtures/backprop.json")).unwrap();
    let cases = doc["cases"].as_array().expect("a \"cases\" array");
    let mut values = 0;
    for case in cases {
        match reference::check_backprop(case) {
            Ok(n) => values += n,
            Err(e) => panic!("{}: {e}", case["id"]),
        }
    }
    assert!(cases.len() >= 40 && values > 1000, "only {} cases, {values} values", cases.len());
}
