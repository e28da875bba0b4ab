//! The `linearity` model: a seeded 2-input network over the plane, its output as pixels, and what its activation makes of it (one affine map, linear regions, or a smooth surface).

use crate::activation::Activation;
use crate::analysis::linear::{collapse, effective_map, pattern, region_map, Affine};
use crate::chart::heatmap::{rgb, shade, Blocks, Rgb};
use crate::chart::scale::Lut;
use crate::init::{initialise, BiasInit, Init};
use crate::network::Network;
use crate::rng::Rng;

use super::{LinearityParams, DEPTH, EXTENT, WIDTH};

/// Cells per side of the plane's grid; each is a 2x2 block of the buffer
/// (stretched by the page), so borders are half a cell wide.
pub const GRID: usize = 128;
/// The count of regions shown is capped here: beyond it most regions are a
/// few pixels wide and a grid of `GRID`² samples misses many of them.
pub const REGION_CAP: usize = 600;
/// Biases are drawn N(0, BIAS_SD²): zero biases would send every first-layer
/// boundary through the origin, not lines in general position.
pub const BIAS_SD: f64 = 0.5;
/// Region borders in the buffer.
pub const BORDER: Rgb = [40, 40, 40];
/// The decision boundary (output = 0) in the buffer.
pub const BOUNDARY: Rgb = [255, 255, 255];
/// Without regions, contour lines of the output every 1/LEVELS of its
/// range: straight and parallel for one affine map, curved for tanh.
pub const LEVELS: f64 = 5.0;

/// x -> m . x + c for one output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Map {
    pub m: [f64; 2],
    pub c: f64,
}

impl Map {
    fn from_affine(a: &Affine) -> Map {
        Map { m: [a.m[0], a.m[1]], c: a.c[0] }
    }

    pub fn apply(&self, x: [f64; 2]) -> f64 {
        self.m[0] * x[0] + self.m[1] * x[1] + self.c
    }

    /// The largest difference of a coefficient.
    pub fn distance(&self, o: &Map) -> f64 {
        (self.m[0] - o.m[0]).abs().max((self.m[1] - o.m[1]).abs()).max((self.c - o.c).abs())
    }
}

/// What the network is, given its activation.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Identity: the whole network equals one affine map, and `max_dev` is
    /// the largest |net(x) - map(x)| measured over every pixel of the plane.
    Collapsed { map: Map, max_dev: f64 },
    /// ReLU or leaky ReLU: the plane cut into linear regions.
    Regions(Regions),
    /// tanh or sigmoid: one smooth curved surface.
    Smooth,
}

/// The linear regions seen on the plane.
#[derive(Clone, Debug, PartialEq)]
pub struct Regions {
    /// Distinct activation patterns among the pixels (each one region).
    pub count: usize,
    /// More than `REGION_CAP` regions: say "more than" rather than a number.
    pub capped: bool,
    /// 1 + n + C(n, 2): the most regions one layer of n = width units can
    /// make in the plane.
    pub one_layer_bound: usize,
    /// A and B lie in the same region (same activation pattern).
    pub same_region: bool,
    /// The effective maps at A and B differ.
    pub maps_differ: bool,
    /// The region of each cell (row-major, ids in order of first appearance).
    pub ids: Vec<u32>,
}

/// One of the two points the reader places.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Probe {
    pub at: [f64; 2],
    /// The network's output there.
    pub y: f64,
    /// The affine map the network applies around it, for piecewise-linear activations.
    pub map: Option<Map>,
}

/// Everything the chart and the text show.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The plane [-extent, extent]² sampled at the centres of `grid` x `grid`
    /// cells, row 0 at y = +extent, drawn as `side` = 2 `grid` pixels per side.
    pub grid: usize,
    pub side: usize,
    pub extent: f64,
    /// RGBA, row-major.
    pub rgba: Vec<u8>,
    /// The colour scale runs from -out_max (orange) to +out_max (blue).
    pub out_max: f64,
    pub shape: Shape,
    pub a: Probe,
    pub b: Probe,
    pub depth: usize,
    pub width: usize,
}

/// 1 + n + n(n - 1)/2: regions that n lines in general position make in the plane.
pub fn one_layer_bound(n: usize) -> usize {
    1 + n + n * n.saturating_sub(1) / 2
}

/// The seeded network of `p`: 2 inputs, `depth` hidden layers of `width`
/// units with `p`'s activation, one identity output; He-normal weights,
/// N(0, BIAS_SD²) biases. Depth and width are clamped to the page's ranges.
pub fn network(p: &LinearityParams) -> Network {
    let depth = p.depth.clamp(DEPTH.0, DEPTH.1);
    let width = p.width.clamp(WIDTH.0, WIDTH.1);
    let mut sizes = vec![2];
    sizes.extend(std::iter::repeat_n(width, depth));
    sizes.push(1);
    let mut net = Network::new(&sizes, p.activation(), Activation::Identity).expect("sizes within the page's limits");
    initialise(&mut net, Init::HeNormal, BiasInit::Normal(BIAS_SD), &mut Rng::new(p.seed as u64));
    net
}

/// The centre of pixel (row, col) in the plane.
pub fn cell_centre(n: usize, extent: f64, row: usize, col: usize) -> [f64; 2] {
    let step = 2.0 * extent / n as f64;
    [-extent + (col as f64 + 0.5) * step, extent - (row as f64 + 0.5) * step]
}

/// `b` with contour lines of `out` every `out_max / LEVELS`, a shade darker.
fn contoured(mut b: Blocks, out: &[f64], out_max: f64) -> Blocks {
    let level: Vec<i64> = out.iter().map(|y| (y / out_max * LEVELS).floor() as i64).collect();
    b.lines_with(&level, |c| shade(c, 0.72));
    b
}

/// The plane of `net` on an `n` x `n` grid over [-e, e]², A and B not yet
/// placed (see [`place`]).
pub fn plane(net: &Network, n: usize, e: f64) -> View {
    let n = n.max(2);
    // Rows top-down: y runs from +e to -e.
    let grid = region_map(net, (-e, e), (e, -e), n, n);
    let out_max = grid.out.iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs())).max(1e-12);
    let lut = Lut::diverging();
    let smooth = |k: usize| rgb(lut.signed(grid.out[k] / out_max));
    let (shape, mut blocks) = if let Some(affine) = collapse(net) {
        let map = Map::from_affine(&affine);
        let mut max_dev = 0.0f64;
        for (k, y) in grid.out.iter().enumerate() {
            let x = cell_centre(n, e, k / n, k % n);
            max_dev = max_dev.max((y - map.apply(x)).abs());
        }
        (Shape::Collapsed { map, max_dev }, contoured(Blocks::new(n, smooth), &grid.out, out_max))
    } else if effective_map(net, &[0.0, 0.0]).is_some() {
        // One flat colour per region: the mean output over its pixels.
        let mut sum = vec![(0.0, 0usize); grid.count];
        for (&id, y) in grid.ids.iter().zip(&grid.out) {
            sum[id as usize].0 += y;
            sum[id as usize].1 += 1;
        }
        let colour: Vec<Rgb> = sum.iter().map(|(s, c)| rgb(lut.signed(s / *c as f64 / out_max))).collect();
        let mut blocks = Blocks::new(n, |k| colour[grid.ids[k] as usize]);
        blocks.lines(&grid.ids, BORDER, None);
        let regions = Regions {
            count: grid.count,
            capped: grid.count > REGION_CAP,
            one_layer_bound: one_layer_bound(net.layers[0].n_out),
            same_region: true,
            maps_differ: false,
            ids: grid.ids,
        };
        (Shape::Regions(regions), blocks)
    } else {
        (Shape::Smooth, contoured(Blocks::new(n, smooth), &grid.out, out_max))
    };
    // The decision boundary, where the output changes sign (region borders stay dark).
    let positive: Vec<bool> = grid.out.iter().map(|&y| y > 0.0).collect();
    blocks.lines(&positive, BOUNDARY, Some(BORDER));
    let nowhere = Probe { at: [0.0, 0.0], y: 0.0, map: None };
    View {
        grid: n,
        side: blocks.side(),
        extent: e,
        rgba: blocks.rgba,
        out_max,
        shape,
        a: nowhere,
        b: nowhere,
        depth: net.layers.len() - 1,
        width: net.layers[0].n_out,
    }
}

/// Puts A and B of the plane `v` of `net` at `a` and `b` (brought onto the
/// plane if outside it or not numbers) with their outputs and effective
/// maps, and, with regions, whether they share one.
pub fn place(v: &mut View, net: &Network, a: [f64; 2], b: [f64; 2]) {
    let e = v.extent;
    let onto = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(-e, e) };
    let probe = |at: [f64; 2]| {
        let at = [onto(at[0]), onto(at[1])];
        Probe { at, y: net.predict(&at)[0], map: effective_map(net, &at).map(|a| Map::from_affine(&a)) }
    };
    v.a = probe(a);
    v.b = probe(b);
    if let (Shape::Regions(r), Some(ma), Some(mb)) = (&mut v.shape, v.a.map, v.b.map) {
        let scale = 1.0 + ma.m[0].abs().max(ma.m[1].abs()).max(ma.c.abs());
        r.same_region = pattern(net, &v.a.at) == pattern(net, &v.b.at);
        r.maps_differ = ma.distance(&mb) > 1e-9 * scale;
    }
}

/// The view of `p` on an `n` x `n` grid over [-e, e]² (the page shows
/// [-EXTENT, EXTENT]²; tests look wider).
pub fn compute_in(p: &LinearityParams, n: usize, e: f64) -> View {
    let net = network(p);
    let mut v = plane(&net, n, e);
    place(&mut v, &net, p.a, p.b);
    v
}

/// The view of `p` at the page's resolution.
pub fn compute(p: &LinearityParams) -> View {
    compute_in(p, GRID, EXTENT)
}

#[cfg(test)]
mod tests {
    use super::super::Act;
    use super::*;

    fn params(act: Act, depth: usize, width: usize, seed: u32) -> LinearityParams {
        LinearityParams { act, depth, width, seed, ..LinearityParams::default() }
    }

    /// The 4-connected pieces of non-border pixels of the buffer: what the
    /// reader sees as separate areas, each as its list of pixels.
    fn drawn_pieces(v: &View) -> Vec<Vec<usize>> {
        let n = v.side;
        let is_border = |k: usize| v.rgba[4 * k..4 * k + 3] == BORDER;
        let mut seen = vec![false; n * n];
        let mut pieces = Vec::new();
        for start in 0..n * n {
            if seen[start] || is_border(start) {
                continue;
            }
            let mut piece = Vec::new();
            let mut stack = vec![start];
            seen[start] = true;
            while let Some(k) = stack.pop() {
                piece.push(k);
                let (r, c) = (k / n, k % n);
                let next = [(c > 0).then(|| k - 1), (c + 1 < n).then(|| k + 1), (r > 0).then(|| k - n), (r + 1 < n).then(|| k + n)];
                for q in next.into_iter().flatten() {
                    if !seen[q] && !is_border(q) {
                        seen[q] = true;
                        stack.push(q);
                    }
                }
            }
            pieces.push(piece);
        }
        pieces
    }

    /// Checks that the picture shows exactly the regions counted: every
    /// piece the reader sees lies in one region, and the regions among the
    /// pieces are exactly the regions counted. A thin region's tip may be
    /// sampled as separate specks, but they stay a small part of the plane.
    fn assert_drawn_as_counted(v: &View, what: &str) {
        let r = regions(v);
        let cell = |px: usize| (px / v.side / 2) * v.grid + px % v.side / 2;
        let mut largest = vec![0; r.count];
        let mut pixels = 0;
        for piece in drawn_pieces(v) {
            let id = r.ids[cell(piece[0])] as usize;
            assert!(piece.iter().all(|&px| r.ids[cell(px)] as usize == id), "{what}: a piece spans two regions");
            largest[id] = largest[id].max(piece.len());
            pixels += piece.len();
        }
        let drawn = largest.iter().filter(|&&n| n > 0).count();
        assert_eq!(drawn, r.count, "{what}: regions drawn vs counted");
        let specks = pixels - largest.iter().sum::<usize>();
        assert!(specks * 100 < pixels, "{what}: {specks} of {pixels} pixels in detached specks");
        // And a region has one colour: its cells' top-left pixels agree.
        let mut colour_of = vec![None; r.count];
        for k in 0..v.grid * v.grid {
            let px = 2 * (k / v.grid) * v.side + 2 * (k % v.grid);
            let c = &v.rgba[4 * px..4 * px + 3];
            let seen = colour_of[r.ids[k] as usize].get_or_insert(c);
            assert_eq!(*seen, c, "{what}: region {} in two colours", r.ids[k]);
        }
    }

    fn regions(v: &View) -> &Regions {
        match &v.shape {
            Shape::Regions(r) => r,
            s => panic!("expected regions, got {s:?}"),
        }
    }

    #[test]
    fn identity_networks_of_any_depth_are_one_affine_map() {
        for depth in 1..=12 {
            for (width, seed) in [(1, 3), (5, 9), (16, depth as u32)] {
                let v = compute_in(&params(Act::Identity, depth, width, seed), 64, EXTENT);
                let Shape::Collapsed { map, max_dev } = v.shape else { panic!("identity collapses") };
                assert!(max_dev < 1e-9, "depth {depth} width {width}: max deviation {max_dev}");
                // The deviation is measured against the network itself, not the
                // map against itself: the map is the product of the layers.
                let net = network(&params(Act::Identity, depth, width, seed));
                let x = [0.3, -1.7];
                assert!((net.predict(&x)[0] - map.apply(x)).abs() < 1e-9 * (1.0 + v.out_max));
                // Every point sees the same map.
                assert_eq!(v.a.map.map(|m| m.distance(&map) < 1e-9 * (1.0 + v.out_max)), Some(true));
            }
        }
    }

    #[test]
    fn a_product_of_identity_layers_is_not_a_product_of_relu_layers() {
        // Same seed, same weights: switching the activation breaks the collapse.
        let id = compute_in(&params(Act::Identity, 3, 8, 1), 64, EXTENT);
        let relu = compute_in(&params(Act::Relu, 3, 8, 1), 64, EXTENT);
        let Shape::Collapsed { map, .. } = id.shape else { panic!() };
        let net = network(&params(Act::Relu, 3, 8, 1));
        let worst = (0..200)
            .map(|i| [-2.0 + 0.02 * i as f64, 1.9 - 0.019 * i as f64])
            .map(|x| (net.predict(&x)[0] - map.apply(x)).abs())
            .fold(0.0, f64::max);
        assert!(worst > 0.1, "relu stays close to the identity map: {worst}");
        assert!(regions(&relu).count > 1);
    }

    #[test]
    fn relu_depth_3_width_8_makes_more_than_20_regions() {
        for seed in [1, 2, 3, 4, 5] {
            let v = compute(&params(Act::Relu, 3, 8, seed));
            let r = regions(&v);
            assert!(r.count > 20, "seed {seed}: {} regions", r.count);
            assert_eq!(r.one_layer_bound, 37);
        }
    }

    /// The crossing of lines w_i . x + b_i = 0 and w_j . x + b_j = 0.
    fn crossing(l: [f64; 3], m: [f64; 3]) -> Option<[f64; 2]> {
        let det = l[0] * m[1] - l[1] * m[0];
        (det.abs() > 1e-12).then(|| [(-l[2] * m[1] + m[2] * l[1]) / det, (-l[0] * m[2] + m[0] * l[2]) / det])
    }

    fn dist(l: [f64; 3], p: [f64; 2]) -> f64 {
        (l[0] * p[0] + l[1] * p[1] + l[2]).abs() / l[0].hypot(l[1])
    }

    /// The first layer's boundaries, unit j's line w_j . x + b_j = 0 as [w1, w2, b].
    fn first_layer_lines(p: &LinearityParams) -> Vec<[f64; 3]> {
        let net = network(p);
        let (w, b) = (&net.layers[0].w, &net.layers[0].b);
        (0..net.layers[0].n_out).map(|j| [w[2 * j], w[2 * j + 1], b[j]]).collect()
    }

    /// Lines that cross the window [-e, e]² and their crossings inside it;
    /// `None` when some region in it is too thin for a grid of n cells (a
    /// vertex within two cells of a line not through it, or of the edge).
    fn arrangement(lines: &[[f64; 3]], e: f64, n: usize) -> Option<(usize, usize)> {
        let px = 2.0 * e / n as f64;
        let corners = [[-e, -e], [-e, e], [e, -e], [e, e]];
        let crossing_lines = lines
            .iter()
            .filter(|l| {
                let s: Vec<bool> = corners.iter().map(|c| l[0] * c[0] + l[1] * c[1] + l[2] > 0.0).collect();
                s.contains(&true) && s.contains(&false)
            })
            .count();
        let k = lines.len();
        let window = [[1.0, 0.0, -e], [1.0, 0.0, e], [0.0, 1.0, -e], [0.0, 1.0, e]];
        let all: Vec<[f64; 3]> = lines.iter().chain(window.iter()).copied().collect();
        let mut crossings = 0;
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                let Some(q) = crossing(all[i], all[j]).filter(|q| q[0].abs() <= e + 1e-9 && q[1].abs() <= e + 1e-9)
                else {
                    continue;
                };
                if (0..k).any(|m| m != i && m != j && dist(lines[m], q) < 2.0 * px) {
                    return None;
                }
                if j < k {
                    if q[0].abs() > e - 2.0 * px || q[1].abs() > e - 2.0 * px {
                        return None;
                    }
                    crossings += 1;
                }
            }
        }
        Some((crossing_lines, crossings))
    }

    /// One hidden layer: each unit's boundary is a line, and lines in a
    /// convex window make 1 + (lines crossing it) + (crossings inside it)
    /// regions (Euler's formula). Checked seed by seed against that count,
    /// computed from the weights alone, wherever no region is too thin for
    /// the grid.
    #[test]
    fn one_layer_region_count_matches_the_line_arrangement() {
        let mut checked = 0;
        for seed in 0..300 {
            let p = params(Act::Relu, 1, 8, seed);
            let Some((lines, crossings)) = arrangement(&first_layer_lines(&p), EXTENT, 320) else { continue };
            checked += 1;
            let v = compute_in(&p, 320, EXTENT);
            let r = regions(&v);
            assert_eq!(r.count, 1 + lines + crossings, "seed {seed}");
            assert!(r.count <= 37);
            assert_drawn_as_counted(&v, &format!("seed {seed}"));
        }
        assert!(checked >= 20, "only {checked} seeds had no thin region");
    }

    /// Eight first-layer ReLUs in general position cut the whole plane into
    /// 1 + 8 + C(8, 2) = 37 regions: seen in a window wide enough to hold
    /// every crossing.
    #[test]
    fn eight_units_in_general_position_make_37_regions() {
        let mut found = 0;
        for seed in 0..1000 {
            let p = params(Act::Relu, 1, 8, seed);
            let lines = first_layer_lines(&p);
            let mut far: f64 = 0.0;
            for i in 0..8 {
                for j in i + 1..8 {
                    let q = crossing(lines[i], lines[j]).unwrap_or([1e9, 1e9]);
                    far = far.max(q[0].abs()).max(q[1].abs());
                }
            }
            let e = 1.2 * far;
            if e > 20.0 || arrangement(&lines, e, 500) != Some((8, 28)) {
                continue;
            }
            found += 1;
            let v = compute_in(&p, 500, e);
            assert_eq!(regions(&v).count, 37, "seed {seed}, window ±{e}");
            assert_drawn_as_counted(&v, &format!("seed {seed}"));
        }
        assert!(found >= 3, "only {found} seeds with every crossing in a window of ±20");
    }

    #[test]
    fn regions_drawn_equal_regions_counted() {
        for (act, depth, width, seed) in
            [(Act::Relu, 3, 8, 1), (Act::Relu, 2, 4, 7), (Act::LeakyRelu, 3, 8, 2), (Act::Relu, 1, 3, 5)]
        {
            let v = compute(&params(act, depth, width, seed));
            assert!(!regions(&v).capped);
            assert_drawn_as_counted(&v, &format!("{act:?} depth {depth} width {width} seed {seed}"));
        }
    }

    #[test]
    fn the_effective_map_reproduces_the_output_at_a_and_b() {
        for act in [Act::Relu, Act::LeakyRelu] {
            for seed in 0..20 {
                let mut p = params(act, 4, 6, seed);
                p.a = [-1.3, 0.4];
                p.b = [1.1, -0.9];
                let v = compute(&p);
                let net = network(&p);
                for probe in [v.a, v.b] {
                    let map = probe.map.expect("piecewise linear");
                    let y = net.predict(&probe.at)[0];
                    assert!((map.apply(probe.at) - y).abs() <= 1e-12 * (1.0 + y.abs()), "{act:?} seed {seed}");
                    // ...and the output at a point nearby in the same region.
                    let near = [probe.at[0] + 1e-6, probe.at[1] - 1e-6];
                    if pattern(&net, &near) == pattern(&net, &probe.at) {
                        assert!((map.apply(near) - net.predict(&near)[0]).abs() < 1e-12 * (1.0 + y.abs()));
                    }
                }
                let r = regions(&v);
                if r.same_region {
                    assert!(!r.maps_differ, "one region, one map");
                }
            }
        }
    }

    #[test]
    fn a_and_b_in_different_regions_see_different_maps() {
        let mut found = 0;
        for seed in 0..10 {
            let mut p = params(Act::Relu, 3, 8, seed);
            p.a = [-1.5, -1.5];
            p.b = [1.5, 1.5];
            let v = compute(&p);
            let r = regions(&v);
            if !r.same_region {
                found += 1;
                let (ma, mb) = (v.a.map.unwrap(), v.b.map.unwrap());
                assert_eq!(r.maps_differ, ma.distance(&mb) > 1e-9);
            }
        }
        assert!(found >= 5);
        // One point twice: one region, no difference.
        let mut p = params(Act::Relu, 3, 8, 1);
        p.b = p.a;
        let r = compute(&p);
        assert!(regions(&r).same_region && !regions(&r).maps_differ);
    }

    #[test]
    fn leaky_alpha_changes_the_maps_not_the_regions() {
        let mut p = params(Act::LeakyRelu, 3, 8, 4);
        p.alpha = 0.01;
        let small = compute_in(&p, 80, EXTENT);
        p.alpha = 0.3;
        let big = compute_in(&p, 80, EXTENT);
        // The pattern is the signs of z, which alpha does change from layer 2
        // on; but the first layer's lines stay, and the maps change.
        assert_ne!(small.a.map, big.a.map);
        assert!(regions(&small).count > 1 && regions(&big).count > 1);
    }

    #[test]
    fn tanh_and_sigmoid_are_smooth_with_no_map() {
        for act in [Act::Tanh, Act::Sigmoid] {
            let v = compute_in(&params(act, 3, 8, 1), 64, EXTENT);
            assert_eq!(v.shape, Shape::Smooth);
            assert!(v.a.map.is_none() && v.b.map.is_none());
            // No region borders anywhere.
            assert!(v.rgba.chunks(4).all(|px| px[..3] != BORDER));
        }
    }

    #[test]
    fn colours_follow_the_output_sign() {
        let v = compute_in(&params(Act::Tanh, 2, 8, 3), 64, EXTENT);
        let net = network(&params(Act::Tanh, 2, 8, 3));
        for k in (0..64 * 64).step_by(37) {
            let y = net.predict(&cell_centre(64, EXTENT, k / 64, k % 64))[0];
            // The cell's top-left pixel.
            let tl = 2 * (k / 64) * 128 + 2 * (k % 64);
            let px = &v.rgba[4 * tl..4 * tl + 4];
            assert_eq!(px[3], 255);
            if y / v.out_max > 0.1 {
                assert!(px[2] > px[0], "positive output is blue: {px:?}");
            } else if y / v.out_max < -0.1 {
                assert!(px[0] > px[2], "negative output is orange: {px:?}");
            }
        }
    }

    #[test]
    fn huge_networks_cap_the_count_and_stay_finite() {
        let v = compute(&params(Act::Relu, 12, 16, 1));
        let r = regions(&v);
        assert!(r.count > 50, "{}", r.count);
        assert_eq!(r.capped, r.count > REGION_CAP);
        assert!(v.out_max.is_finite() && v.out_max > 0.0);
        assert!(v.a.y.is_finite() && v.b.y.is_finite());
    }

    #[test]
    fn points_outside_the_plane_and_silly_shapes_are_clamped() {
        let mut p = params(Act::Relu, 99, 0, 1);
        p.a = [50.0, -f64::INFINITY];
        p.b = [f64::NAN, 0.0];
        let v = compute_in(&p, 40, EXTENT);
        assert_eq!((v.depth, v.width), (DEPTH.1, WIDTH.0));
        assert_eq!(v.a.at, [EXTENT, -EXTENT]);
        assert!(v.b.at.iter().all(|x| x.abs() <= EXTENT) && v.b.y.is_finite());
    }

    /// Pixel centres drawn as decision boundary, and their distance to the line m . x + c = 0.
    fn boundary_offsets(v: &View, map: Map) -> Vec<f64> {
        (0..v.side * v.side)
            .filter(|&k| v.rgba[4 * k..4 * k + 3] == BOUNDARY)
            .map(|k| {
                // The pixel's cell.
                let x = cell_centre(v.grid, v.extent, k / v.side / 2, k % v.side / 2);
                map.apply(x).abs() / map.m[0].hypot(map.m[1])
            })
            .collect()
    }

    #[test]
    fn the_identity_decision_boundary_is_a_straight_line_and_relu_bends_it() {
        let px = 2.0 * EXTENT / GRID as f64;
        let mut straight = 0;
        for seed in 0..8 {
            let v = compute(&params(Act::Identity, 6, 8, seed));
            let Shape::Collapsed { map, .. } = v.shape else { panic!() };
            let d = boundary_offsets(&v, map);
            if d.is_empty() {
                continue; // the line misses the plane
            }
            straight += 1;
            assert!(d.len() >= GRID, "seed {seed}: a line across the plane, {} pixels", d.len());
            assert!(d.iter().all(|&d| d <= 1.5 * px), "seed {seed}: a boundary pixel off the line");
        }
        assert!(straight >= 3);
        // ReLU with the same weights: some boundary pixel leaves the
        // identity network's line (it bends at region borders).
        let mut bent = 0;
        for seed in 0..8 {
            let Shape::Collapsed { map, .. } = compute(&params(Act::Identity, 6, 8, seed)).shape else { panic!() };
            let d = boundary_offsets(&compute(&params(Act::Relu, 6, 8, seed)), map);
            bent += d.iter().any(|&d| d > 3.0 * px) as usize;
        }
        assert!(bent >= 3);
    }

    #[test]
    fn the_bound_is_lines_in_general_position() {
        assert_eq!(one_layer_bound(0), 1);
        assert_eq!(one_layer_bound(1), 2);
        assert_eq!(one_layer_bound(2), 4);
        assert_eq!(one_layer_bound(3), 7);
        assert_eq!(one_layer_bound(8), 37);
    }
}
