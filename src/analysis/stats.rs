//! Per-layer statistics of the hidden activations: mean, standard deviation, saturated fraction, histogram.

use crate::data::Dataset;
use crate::network::Network;

use crate::activation::SATURATION_FRACTION;

#[derive(Clone, Debug, PartialEq)]
pub struct LayerStats {
    pub mean: f64,
    pub std: f64,
    /// Fraction of (unit, sample) pairs with |f'(z)| < 5% of max |f'|.
    pub saturated: f64,
    /// Counts of the outputs in `bins` equal bins over `range`; values
    /// outside are counted in the first or last bin.
    pub histogram: Vec<u32>,
    pub range: (f64, f64),
}

/// Statistics of every hidden layer's outputs over the inputs of `data`
/// (its targets are ignored), histograms with `bins` bins over `range`.
pub fn hidden_stats(net: &Network, data: &Dataset, bins: usize, range: (f64, f64)) -> Vec<LayerStats> {
    let hidden = net.layers.len() - 1;
    let limit = SATURATION_FRACTION * net.hidden.properties().max_slope;
    let bins = bins.max(1);
    let mut sums = vec![(0.0_f64, 0.0_f64, 0usize, 0usize); hidden];
    let mut hist = vec![vec![0u32; bins]; hidden];
    let mut tape = net.tape(32);
    let cap = tape.cap;
    for idx in data.chunks(cap) {
        net.forward(data.inputs(idx), &mut tape);
        let len = tape.len;
        for l in 0..hidden {
            let (out, d) = (&tape.a[l + 1], &tape.d[l]);
            for j in 0..net.layers[l].n_out {
                for s in 0..len {
                    let (v, slope) = (out[j * cap + s], d[j * cap + s]);
                    let e = &mut sums[l];
                    e.0 += v;
                    e.1 += v * v;
                    e.2 += 1;
                    e.3 += (slope.abs() < limit) as usize;
                    let t = ((v - range.0) / (range.1 - range.0) * bins as f64).floor();
                    hist[l][(t.max(0.0) as usize).min(bins - 1)] += 1;
                }
            }
        }
    }
    sums.into_iter()
        .zip(hist)
        .map(|((s, s2, n, sat), histogram)| {
            let n = n.max(1) as f64;
            let mean = s / n;
            LayerStats {
                mean,
                std: (s2 / n - mean * mean).max(0.0).sqrt(),
                saturated: sat as f64 / n,
                histogram,
                range,
            }
        })
        .collect()
}
