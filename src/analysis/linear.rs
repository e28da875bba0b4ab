//! Linear collapse: the single affine map an identity network is, and the affine map a ReLU network applies on each of its linear regions.

use std::collections::HashMap;

use crate::activation::Activation;
use crate::network::Network;

/// x -> M x + c, with M row-major (`n_out` rows of `n_in`).
#[derive(Clone, Debug, PartialEq)]
pub struct Affine {
    pub n_in: usize,
    pub n_out: usize,
    pub m: Vec<f64>,
    pub c: Vec<f64>,
}

impl Affine {
    fn identity(n: usize) -> Affine {
        let mut m = vec![0.0; n * n];
        (0..n).for_each(|i| m[i * n + i] = 1.0);
        Affine { n_in: n, n_out: n, m, c: vec![0.0; n] }
    }

    pub fn apply(&self, x: &[f64]) -> Vec<f64> {
        self.m
            .chunks_exact(self.n_in)
            .zip(&self.c)
            .map(|(row, c)| c + row.iter().zip(x).map(|(a, b)| a * b).sum::<f64>())
            .collect()
    }

    /// This map followed by the layer z = W a + b, then a = slope ⊙ z.
    fn then(&self, w: &[f64], b: &[f64], n_out: usize, slope: impl Fn(usize) -> f64) -> Affine {
        let k = self.n_out;
        let mut m = vec![0.0; n_out * self.n_in];
        let mut c = vec![0.0; n_out];
        for j in 0..n_out {
            let s = slope(j);
            for i in 0..self.n_in {
                m[j * self.n_in + i] = s * (0..k).map(|r| w[j * k + r] * self.m[r * self.n_in + i]).sum::<f64>();
            }
            c[j] = s * (b[j] + (0..k).map(|r| w[j * k + r] * self.c[r]).sum::<f64>());
        }
        Affine { n_in: self.n_in, n_out, m, c }
    }
}

/// The one affine map an all-identity network equals (hidden and output
/// identity): output = M x + c for every x. `None` for any other network.
pub fn collapse(net: &Network) -> Option<Affine> {
    if net.hidden != Activation::Identity || net.output != Activation::Identity {
        return None;
    }
    Some(net.layers.iter().fold(Affine::identity(net.layers[0].n_in), |acc, l| acc.then(&l.w, &l.b, l.n_out, |_| 1.0)))
}

/// Which hidden units are active (z > 0) at `x`, layer by layer, flattened.
pub fn pattern(net: &Network, x: &[f64]) -> Vec<bool> {
    let mut tape = net.tape(1);
    net.forward([x], &mut tape);
    // Sample 0 of each unit (a tape's rows are `tape.cap` lanes long).
    tape.z[..net.layers.len() - 1].iter().flat_map(|z| z.iter().step_by(tape.cap)).map(|&z| z > 0.0).collect()
}

/// The slope a piecewise-linear hidden activation applies on the side of 0
/// that `z` is on; `None` for activations that are not piecewise linear.
fn linear_slope(a: Activation) -> Option<impl Fn(f64) -> f64> {
    let (neg, pos) = match a {
        Activation::Identity => (1.0, 1.0),
        Activation::Relu => (0.0, 1.0),
        Activation::LeakyRelu(alpha) => (alpha, 1.0),
        _ => return None,
    };
    Some(move |z: f64| if z > 0.0 { pos } else { neg })
}

/// The affine map the network applies around `x`: the input to the output
/// layer's pre-activation z (the output itself when the output activation is
/// identity) is M x + c on the whole linear region containing `x`. `None`
/// unless the hidden activation is identity, relu or leaky_relu.
pub fn effective_map(net: &Network, x: &[f64]) -> Option<Affine> {
    let slope = linear_slope(net.hidden)?;
    let mut tape = net.tape(1);
    net.forward([x], &mut tape);
    let last = net.layers.len() - 1;
    let mut acc = Affine::identity(net.layers[0].n_in);
    for (l, layer) in net.layers.iter().enumerate() {
        acc = if l == last {
            acc.then(&layer.w, &layer.b, layer.n_out, |_| 1.0)
        } else {
            acc.then(&layer.w, &layer.b, layer.n_out, |j| slope(tape.z[l][j * tape.cap]))
        };
    }
    Some(acc)
}

/// A grid over a 2-D input plane coloured by activation pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionMap {
    pub nx: usize,
    pub ny: usize,
    /// Row-major from (x0, y0): the region id of each cell centre, ids in order of first appearance.
    pub ids: Vec<u32>,
    /// Distinct patterns seen on the grid.
    pub count: usize,
    /// Row-major like `ids`: the network's first output at each cell centre.
    pub out: Vec<f64>,
}

/// Samples the activation pattern and the first output of a 2-input network
/// at the centres of an `nx` x `ny` grid over [x0, x1] x [y0, y1] (row r at
/// y0 + (r + 1/2)(y1 - y0)/ny, so y1 < y0 lists rows top-down, as images do).
/// Panics only if the network does not take 2 inputs.
pub fn region_map(net: &Network, (x0, x1): (f64, f64), (y0, y1): (f64, f64), nx: usize, ny: usize) -> RegionMap {
    assert_eq!(net.layers[0].n_in, 2, "a region map needs a 2-input network");
    let hidden = net.layers.len() - 1;
    let units: usize = net.layers[..hidden].iter().map(|l| l.n_out).sum();
    let words = units.div_ceil(64).max(1);
    let mut seen: HashMap<Vec<u64>, u32> = HashMap::new();
    let mut ids = Vec::with_capacity(nx * ny);
    let mut out = Vec::with_capacity(nx * ny);
    let mut tape = net.tape(64);
    let cap = tape.cap;
    let points: Vec<[f64; 2]> = (0..ny)
        .flat_map(|r| (0..nx).map(move |c| (r, c)))
        .map(|(r, c)| [x0 + (c as f64 + 0.5) * (x1 - x0) / nx as f64, y0 + (r as f64 + 0.5) * (y1 - y0) / ny as f64])
        .collect();
    // The patterns of one chunk, `words` per sample, built unit by unit
    // along the tape's rows (which run across samples).
    let mut keys = vec![0u64; cap * words];
    for chunk in points.chunks(cap) {
        net.forward(chunk.iter().map(|p| p.as_slice()), &mut tape);
        keys.iter_mut().for_each(|k| *k = 0);
        let mut bit = 0;
        for l in 0..hidden {
            for j in 0..net.layers[l].n_out {
                let (word, mask) = (bit / 64, 1u64 << (bit % 64));
                for (s, &z) in tape.z[l][j * cap..j * cap + chunk.len()].iter().enumerate() {
                    if z > 0.0 {
                        keys[s * words + word] |= mask;
                    }
                }
                bit += 1;
            }
        }
        for (s, key) in keys.chunks_exact(words).take(chunk.len()).enumerate() {
            // Look up before inserting: a key is copied only for a new pattern, not per cell.
            let id = match seen.get(key) {
                Some(&id) => id,
                None => {
                    let id = seen.len() as u32;
                    seen.insert(key.to_vec(), id);
                    id
                }
            };
            ids.push(id);
            out.push(tape.a[hidden + 1][s]);
        }
    }
    RegionMap { nx, ny, ids, count: seen.len(), out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::{initialise, BiasInit, Init};
    use crate::rng::Rng;

    fn relu_net(seed: u64) -> Network {
        let mut n = Network::new(&[2, 6, 5, 1], Activation::Relu, Activation::Identity).unwrap();
        initialise(&mut n, Init::HeNormal, BiasInit::Normal(0.5), &mut Rng::new(seed));
        n
    }

    #[test]
    fn region_map_cells_hold_the_output_and_pattern_at_their_centres() {
        let n = relu_net(4);
        // Rows listed top-down: y runs from 2 to -2.
        let (nx, ny) = (13, 7);
        let map = region_map(&n, (-3.0, 3.0), (2.0, -2.0), nx, ny);
        assert_eq!((map.ids.len(), map.out.len()), (nx * ny, nx * ny));
        let mut first_of: Vec<Vec<bool>> = Vec::new();
        for r in 0..ny {
            for c in 0..nx {
                let x = [-3.0 + (c as f64 + 0.5) * 6.0 / nx as f64, 2.0 - (r as f64 + 0.5) * 4.0 / ny as f64];
                let k = r * nx + c;
                assert!((map.out[k] - n.predict(&x)[0]).abs() < 1e-12, "cell ({r}, {c})");
                // Ids count patterns in order of first appearance.
                let p = pattern(&n, &x);
                let id = first_of.iter().position(|q| *q == p).unwrap_or_else(|| {
                    first_of.push(p);
                    first_of.len() - 1
                });
                assert_eq!(map.ids[k] as usize, id, "cell ({r}, {c})");
            }
        }
        assert_eq!(map.count, first_of.len());
        assert!(map.count > 1);
    }
}
