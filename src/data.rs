//! Seeded data sets: the four 2-D classification shapes teachers know from TensorFlow Playground, a 1-D regression curve, and standard-normal inputs.
//!
//! Trigonometry goes through `libm` (pure Rust), not the platform's maths
//! library, so one seed gives the same bits natively and in the browser.

use crate::rng::Rng;

/// Samples stored flat: sample i is `x[i*n_in..]` with target `y[i*n_out..]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub n_in: usize,
    pub n_out: usize,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// The 2-D classification shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A disc of one class inside a ring of the other.
    Circle,
    /// The four quadrants, alternating classes.
    Xor,
    /// Two Gaussian clouds.
    Gauss,
    /// Two interleaved spiral arms.
    Spiral,
}

/// How class labels are written as targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    /// 0 and 1, for a sigmoid output.
    ZeroOne,
    /// -1 and +1, for a tanh output.
    PlusMinusOne,
}

/// All points lie within [-EXTENT, EXTENT]^2 before noise.
pub const EXTENT: f64 = 6.0;

impl Shape {
    pub const ALL: [Shape; 4] = [Shape::Circle, Shape::Xor, Shape::Gauss, Shape::Spiral];

    /// The stable name used in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Xor => "xor",
            Shape::Gauss => "gauss",
            Shape::Spiral => "spiral",
        }
    }

    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.x.len() / self.n_in.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Input and target of sample i.
    pub fn sample(&self, i: usize) -> (&[f64], &[f64]) {
        (&self.x[i * self.n_in..(i + 1) * self.n_in], &self.y[i * self.n_out..(i + 1) * self.n_out])
    }

    /// Every (input, target) pair in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&[f64], &[f64])> + '_ {
        (0..self.len()).map(|i| self.sample(i))
    }

    /// Consecutive index ranges of at most `size` samples that cover the set
    /// in order (for passes through a tape of that capacity).
    pub fn chunks(&self, size: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
        let (n, size) = (self.len(), size.max(1));
        (0..n).step_by(size).map(move |first| first..(first + size).min(n))
    }

    /// The inputs of the samples in `r`.
    pub fn inputs(&self, r: std::ops::Range<usize>) -> impl Iterator<Item = &[f64]> + '_ {
        r.map(|i| self.sample(i).0)
    }

    /// The targets of the samples in `r`.
    pub fn targets(&self, r: std::ops::Range<usize>) -> impl Iterator<Item = &[f64]> + '_ {
        r.map(|i| self.sample(i).1)
    }

    /// The samples at `idx`, as a new set.
    pub fn select(&self, idx: &[usize]) -> Dataset {
        let mut out =
            Dataset { n_in: self.n_in, n_out: self.n_out, x: Vec::with_capacity(idx.len() * self.n_in), y: Vec::new() };
        for &i in idx {
            let (x, y) = self.sample(i);
            out.x.extend_from_slice(x);
            out.y.extend_from_slice(y);
        }
        out
    }

    /// A shuffled (train, test) split with `test_fraction` of the samples in test.
    pub fn split(&self, test_fraction: f64, rng: &mut Rng) -> (Dataset, Dataset) {
        let mut idx: Vec<usize> = (0..self.len()).collect();
        rng.shuffle(&mut idx);
        let n_test = ((self.len() as f64) * test_fraction.clamp(0.0, 1.0)).round() as usize;
        (self.select(&idx[n_test..]), self.select(&idx[..n_test]))
    }
}

/// `n` points of `shape` (half of each class), displaced by uniform noise of
/// up to `noise` * EXTENT / 2 in each coordinate after labelling (noise in [0, 1]).
pub fn classification(shape: Shape, n: usize, noise: f64, labels: Labels, rng: &mut Rng) -> Dataset {
    let mut d = Dataset { n_in: 2, n_out: 1, x: Vec::with_capacity(2 * n), y: Vec::with_capacity(n) };
    let jitter = noise.clamp(0.0, 1.0) * EXTENT / 2.0;
    let r = EXTENT * 5.0 / 6.0;
    for i in 0..n {
        let positive = i % 2 == 0;
        let (px, py) = match shape {
            Shape::Circle => {
                let radius = if positive { rng.range(0.0, 0.5 * r) } else { rng.range(0.7 * r, r) };
                let angle = rng.range(0.0, std::f64::consts::TAU);
                (radius * libm::cos(angle), radius * libm::sin(angle))
            }
            Shape::Xor => {
                // Away from the axes by a margin so the classes are separable.
                let away = |v: f64| if v >= 0.0 { v + 0.3 } else { v - 0.3 };
                let (a, b) = (away(rng.range(-r, r)), away(rng.range(-r, r)));
                // Positive: same signs; flip b if the draw disagrees with the class.
                if (a * b > 0.0) == positive {
                    (a, b)
                } else {
                    (a, -b)
                }
            }
            Shape::Gauss => {
                let c = if positive { 2.0 } else { -2.0 };
                (c + rng.normal(), c + rng.normal())
            }
            Shape::Spiral => {
                let k = (i / 2) as f64 / (n / 2).max(1) as f64;
                let radius = k * r;
                let t = 1.75 * k * std::f64::consts::TAU + if positive { 0.0 } else { std::f64::consts::PI };
                (radius * libm::sin(t), radius * libm::cos(t))
            }
        };
        d.x.push(px + rng.range(-jitter, jitter));
        d.x.push(py + rng.range(-jitter, jitter));
        d.y.push(match (labels, positive) {
            (_, true) => 1.0,
            (Labels::ZeroOne, false) => 0.0,
            (Labels::PlusMinusOne, false) => -1.0,
        });
    }
    d
}

/// `n` points of y = sin(1.5 x) on x in [-3, 3], plus Gaussian noise of std `noise`.
pub fn regression_1d(n: usize, noise: f64, rng: &mut Rng) -> Dataset {
    let mut d = Dataset { n_in: 1, n_out: 1, x: Vec::with_capacity(n), y: Vec::with_capacity(n) };
    for _ in 0..n {
        let x = rng.range(-3.0, 3.0);
        d.x.push(x);
        d.y.push(libm::sin(1.5 * x) + noise * rng.normal());
    }
    d
}

/// `n` inputs drawn from N(0, I_dim), each with a zero target of width `n_out`
/// (for statistics of activations and gradients at initialisation).
pub fn standard_normal(n: usize, dim: usize, n_out: usize, rng: &mut Rng) -> Dataset {
    Dataset { n_in: dim, n_out, x: (0..n * dim).map(|_| rng.normal()).collect(), y: vec![0.0; n * n_out] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_balanced_labelled_and_in_range() {
        for shape in Shape::ALL {
            let d = classification(shape, 400, 0.0, Labels::PlusMinusOne, &mut Rng::new(5));
            assert_eq!(d.len(), 400);
            assert_eq!(d.y.iter().filter(|&&y| y == 1.0).count(), 200);
            let limit = if shape == Shape::Gauss { 7.0 } else { EXTENT };
            assert!(d.x.iter().all(|v| v.abs() <= limit), "{shape:?}");
            assert_eq!(Shape::from_name(shape.name()), Some(shape));
        }
    }

    #[test]
    fn labels_follow_the_geometry() {
        let mut r = Rng::new(9);
        let d = classification(Shape::Circle, 300, 0.0, Labels::ZeroOne, &mut r);
        for (x, y) in d.iter() {
            let inside = x[0].hypot(x[1]) < 0.5 * EXTENT * 5.0 / 6.0 + 1e-12;
            assert_eq!(inside, y[0] == 1.0);
        }
        let d = classification(Shape::Xor, 300, 0.0, Labels::ZeroOne, &mut r);
        assert!(d.iter().all(|(x, y)| (x[0] * x[1] > 0.0) == (y[0] == 1.0)));
    }

    #[test]
    fn chunks_cover_every_sample_once_in_order() {
        let d = regression_1d(23, 0.0, &mut Rng::new(4));
        let r: Vec<_> = d.chunks(10).collect();
        assert_eq!(r, vec![0..10, 10..20, 20..23]);
        assert_eq!(d.inputs(20..23).count(), 3);
        assert!(regression_1d(0, 0.0, &mut Rng::new(4)).chunks(10).next().is_none());
    }

    #[test]
    fn split_partitions_and_same_seed_same_data() {
        let d = classification(Shape::Spiral, 100, 0.2, Labels::ZeroOne, &mut Rng::new(1));
        assert_eq!(d, classification(Shape::Spiral, 100, 0.2, Labels::ZeroOne, &mut Rng::new(1)));
        let (train, test) = d.split(0.3, &mut Rng::new(2));
        assert_eq!((train.len(), test.len()), (70, 30));
        let mut all: Vec<(u64, u64)> =
            train.iter().chain(test.iter()).map(|(x, _)| (x[0].to_bits(), x[1].to_bits())).collect();
        let mut orig: Vec<(u64, u64)> = d.iter().map(|(x, _)| (x[0].to_bits(), x[1].to_bits())).collect();
        all.sort();
        orig.sort();
        assert_eq!(all, orig);
    }
}
