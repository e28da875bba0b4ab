//! The `linearity` widget in the page: the plane put on the canvas with one `put_image_data`, A and B placed by pointer, and the key number and the maps in text.

use plotters::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlCanvasElement, PointerEvent};

use super::chart::{draw, Labels};
use super::model::{network, place, plane, Map, Shape, View, GRID, REGION_CAP};
use super::{Act, LinearityParams, EXTENT};
use crate::chart::heatmap::PlaneMap;
use crate::i18n::sci;
use crate::i18n::{activation_label, fmt_num, t, tf, Lang};
use crate::network::Network;
use crate::web::dom::{canvas_backend, context2d, document, element, find, fit_canvas, put_square};
use crate::web::{AnyWidget, Binder, Dirty, DrawCx, Widget};

/// What the plane depends on: a change of anything else only moves A and B.
type Structure = (Act, u64, usize, usize, u32);

fn structure(p: &LinearityParams) -> Structure {
    (p.act, p.alpha.to_bits(), p.depth, p.width, p.seed)
}

/// The widget's state: params, DOM handles, the plane last computed and the drag in progress.
pub struct Linearity {
    params: LinearityParams,
    canvas: HtmlCanvasElement,
    /// The plane's pixels at grid resolution, stretched onto the canvas.
    image: HtmlCanvasElement,
    key_value: Element,
    key_label: Element,
    borders_note: Element,
    shape_text: Element,
    maps: Element,
    compare_text: Element,
    built: Option<(Structure, Network, View)>,
    /// From the last draw: where the plane is on the canvas.
    map: Option<PlaneMap>,
    /// The point being dragged: 0 for A, 1 for B.
    dragging: Option<usize>,
    dpr: f64,
}

/// Finds the widget's elements and asks for its pointer events.
pub fn mount(root: &Element, bind: &mut Binder) -> Result<Box<dyn AnyWidget>, JsValue> {
    let canvas: HtmlCanvasElement = find(root, "canvas.field")?;
    for (event, action) in
        [("pointerdown", "down"), ("pointermove", "move"), ("pointerup", "up"), ("pointercancel", "up")]
    {
        bind.on(&canvas, event, action);
    }
    let image: HtmlCanvasElement = document()?.create_element("canvas")?.dyn_into()?;
    Ok(Box::new(Linearity {
        params: LinearityParams::default(),
        key_value: find(root, ".key-value")?,
        key_label: find(root, ".key-label")?,
        borders_note: find(root, ".borders-note")?,
        shape_text: find(root, ".shape-text")?,
        maps: find(root, ".maps")?,
        compare_text: find(root, ".compare-text")?,
        canvas,
        image,
        built: None,
        map: None,
        dragging: None,
        dpr: 1.0,
    }))
}

/// A coordinate on the sliders' grid (0.01), so the address stays short.
fn snap(x: f64) -> f64 {
    ((x * 100.0).round() / 100.0).clamp(-EXTENT, EXTENT)
}

fn map_text(lang: Lang, point: &str, at: [f64; 2], m: &Map) -> String {
    tf(
        lang,
        "linearity.map_at",
        &[
            ("point", point),
            ("x", &fmt_num(at[0], 2)),
            ("y", &fmt_num(at[1], 2)),
            ("m1", &fmt_num(m.m[0], 3)),
            ("m2", &fmt_num(m.m[1], 3)),
            ("c", &fmt_num(m.c, 3)),
        ],
    )
}

impl Linearity {
    /// Brings the plane up to date with the params: recomputed only when
    /// its structure changed, A and B placed every time.
    fn update(&mut self) {
        let key = structure(&self.params);
        if self.built.as_ref().is_none_or(|(k, _, _)| *k != key) {
            let net = network(&self.params);
            let v = plane(&net, GRID, EXTENT);
            self.built = Some((key, net, v));
        }
        if let Some((_, net, v)) = self.built.as_mut() {
            place(v, net, self.params.a, self.params.b);
        }
    }

    /// Moves point `i` (0 = A, 1 = B) to the pointer.
    fn move_point(&mut self, i: usize, p: &PointerEvent) -> Dirty {
        let Some(m) = self.map else { return Dirty::NONE };
        let at = m.to_data(p.offset_x() as f64 * self.dpr, p.offset_y() as f64 * self.dpr);
        let at = [snap(at[0]), snap(at[1])];
        let point = if i == 0 { &mut self.params.a } else { &mut self.params.b };
        if *point == at {
            return Dirty::NONE;
        }
        *point = at;
        Dirty::DRAW | Dirty::URL | Dirty::CONTROLS
    }

    fn write_text(&self, lang: Lang, v: &View) -> Result<(), JsValue> {
        let (value, raw, label) = match &v.shape {
            Shape::Collapsed { max_dev, .. } => (sci(*max_dev, 2), format!("{max_dev:e}"), "linearity.key_dev"),
            Shape::Regions(r) if r.capped => (format!("> {REGION_CAP}"), r.count.to_string(), "linearity.key_regions"),
            Shape::Regions(r) => (r.count.to_string(), r.count.to_string(), "linearity.key_regions"),
            Shape::Smooth => ("—".into(), String::new(), "linearity.key_smooth"),
        };
        self.key_value.set_text_content(Some(&value));
        self.key_value.set_attribute("data-value", &raw)?;
        self.key_label.set_text_content(Some(t(lang, label)));
        let regions = matches!(v.shape, Shape::Regions(_));
        if regions {
            self.borders_note.remove_attribute("hidden")?;
        } else {
            self.borders_note.set_attribute("hidden", "")?;
        }
        let depth = v.depth.to_string();
        let (shape, alt) = match &v.shape {
            Shape::Collapsed { map, max_dev } => {
                let dev = sci(*max_dev, 2);
                let m = [("depth", depth.as_str()), ("m1", &fmt_num(map.m[0], 3)), ("m2", &fmt_num(map.m[1], 3)), ("c", &fmt_num(map.c, 3))];
                (
                    format!("{} {}", tf(lang, "linearity.collapsed", &m), tf(lang, "linearity.max_dev", &[("dev", &dev)])),
                    tf(lang, "linearity.alt_collapsed", &[("depth", &depth), ("dev", &dev)]),
                )
            }
            Shape::Regions(r) => {
                let (count, n, bound) = (r.count.to_string(), v.width.to_string(), r.one_layer_bound.to_string());
                let cap = REGION_CAP.to_string();
                let side = v.grid.to_string();
                let args = [("count", count.as_str()), ("n", &n), ("bound", &bound), ("cap", &cap), ("side", &side)];
                let key = if r.capped { "linearity.regions_capped" } else { "linearity.regions" };
                (tf(lang, key, &args), tf(lang, "linearity.alt_regions", &[("count", &value)]))
            }
            Shape::Smooth => (
                tf(lang, "linearity.smooth", &[("act", activation_label(lang, self.params.activation()))]),
                t(lang, "linearity.alt_smooth").to_string(),
            ),
        };
        self.shape_text.set_text_content(Some(&shape));
        self.canvas.set_attribute("aria-label", &format!("{} {}", t(lang, "linearity.canvas_label"), alt))?;
        self.maps.set_inner_html("");
        for (probe, name) in [(v.a, t(lang, "linearity.point_a")), (v.b, t(lang, "linearity.point_b"))] {
            let li = element("li", "")?;
            let text = match &probe.map {
                Some(m) => map_text(lang, name, probe.at, m),
                None => tf(
                    lang,
                    "linearity.value_at",
                    &[("point", name), ("x", &fmt_num(probe.at[0], 2)), ("y", &fmt_num(probe.at[1], 2)), ("out", &fmt_num(probe.y, 3))],
                ),
            };
            li.set_text_content(Some(&text));
            self.maps.append_child(&li)?;
        }
        let compare = match &v.shape {
            Shape::Regions(r) if r.maps_differ => t(lang, "linearity.maps_differ"),
            Shape::Regions(r) if !r.same_region => t(lang, "linearity.maps_coincide"),
            Shape::Regions(_) => t(lang, "linearity.maps_same"),
            _ => "",
        };
        self.compare_text.set_text_content(Some(compare));
        let state = match &v.shape {
            Shape::Regions(r) if r.maps_differ => "differ",
            Shape::Regions(_) => "same",
            _ => "",
        };
        self.compare_text.set_attribute("data-maps", state)?;
        Ok(())
    }
}

impl Widget for Linearity {
    type P = LinearityParams;

    fn params(&self) -> &LinearityParams {
        &self.params
    }

    fn params_mut(&mut self) -> &mut LinearityParams {
        &mut self.params
    }

    fn handle(&mut self, action: &str, event: &Event) -> Dirty {
        let Some(p) = event.dyn_ref::<PointerEvent>() else { return Dirty::NONE };
        match action {
            "down" => {
                let Some(m) = self.map else { return Dirty::NONE };
                let (px, py) = (p.offset_x() as f64 * self.dpr, p.offset_y() as f64 * self.dpr);
                if px < m.left as f64 || px > m.right as f64 || py < m.top as f64 || py > m.bottom as f64 {
                    return Dirty::NONE;
                }
                let at = m.to_data(px, py);
                let d = |q: [f64; 2]| (q[0] - at[0]).hypot(q[1] - at[1]);
                let i = if d(self.params.a) <= d(self.params.b) { 0 } else { 1 };
                self.dragging = Some(i);
                let _ = self.canvas.set_pointer_capture(p.pointer_id());
                event.prevent_default();
                self.move_point(i, p)
            }
            "move" => match self.dragging {
                Some(i) => self.move_point(i, p),
                None => Dirty::NONE,
            },
            _ => {
                self.dragging = None;
                Dirty::NONE
            }
        }
    }

    /// Draws the plane and its marks at device-pixel resolution, then the text.
    fn draw(&mut self, cx: &DrawCx) -> Result<(), JsValue> {
        let css_w = cx.width.max(200.0);
        let css_h = (css_w * 0.82).clamp(280.0, 640.0);
        fit_canvas(&self.canvas, css_w, css_h, cx.dpr)?;
        self.dpr = cx.dpr;
        let lang = cx.lang;
        self.update();
        let Some((_, _, view)) = self.built.as_ref() else { return Ok(()) };
        // The plane's pixels, once, on a canvas of their own size.
        let side = view.side as u32;
        put_square(&self.image, &view.rgba, side)?;
        let ctx = context2d(&self.canvas)?;
        let backend = canvas_backend(&self.canvas, lang)?;
        let root = backend.into_drawing_area();
        let labels = Labels {
            x: "x₁",
            y: "x₂",
            scale: t(lang, "linearity.scale"),
            a: t(lang, "linearity.point_a"),
            b: t(lang, "linearity.point_b"),
        };
        let image = &self.image;
        let paint = |m: PlaneMap| {
            let (pw, ph) = m.size();
            ctx.set_image_smoothing_enabled(false);
            ctx.draw_image_with_html_canvas_element_and_dw_and_dh(image, m.left as f64, m.top as f64, pw as f64, ph as f64)
                .map_err(|e| format!("{e:?}"))
        };
        let map = draw(&root, view, &labels, cx.dpr, paint).map_err(|e| JsValue::from_str(&e))?;
        self.write_text(lang, view)?;
        self.canvas.set_attribute("data-plane", &map.attr())?;
        self.map = Some(map);
        Ok(())
    }
}
