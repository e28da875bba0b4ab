//! Activation functions: each one an enum value with a stable name, its value `f` and its derivative `df`.
//!
//! Everything is `f64` and stable for any finite input: no NaN or infinity is
//! produced where the true value is finite (e.g. `softplus(1000) = 1000`,
//! `sigmoid(-1000) = 0`). At a kink (x = 0 exactly) the derivative is the
//! left-hand one, the sub-gradient convention of the reference cases:
//! `relu'(0) = 0`, `leaky_relu'(0) = alpha`, `elu'(0) = alpha`.

use std::fmt;

/// Default slope of `leaky_relu` for x <= 0 (PyTorch's default).
pub const LEAKY_ALPHA: f64 = 0.01;
/// Default scale of `elu` for x <= 0.
pub const ELU_ALPHA: f64 = 1.0;

/// One activation function. The two parametric ones carry their `alpha`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Activation {
    Identity,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu(f64),
    Softplus,
    Elu(f64),
    Gelu,
    Silu,
}

/// The nine activations with default parameters, in the order the page lists them.
pub const ALL: [Activation; 9] = [
    Activation::Identity,
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu(LEAKY_ALPHA),
    Activation::Softplus,
    Activation::Elu(ELU_ALPHA),
    Activation::Gelu,
    Activation::Silu,
];

/// The stable names of [`ALL`], in the same order (for menus and address lists).
pub const NAMES: [&str; 9] = {
    let mut n = [""; 9];
    let mut i = 0;
    while i < 9 {
        n[i] = ALL[i].name();
        i += 1;
    }
    n
};

/// A unit is saturated where |f′| is below this fraction of the
/// activation's largest slope (the `curves` zones, the `vanishing` statistics).
pub const SATURATION_FRACTION: f64 = 0.05;

/// The error for a name that is not one of the nine stable names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownActivation(pub String);

impl fmt::Display for UnknownActivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown activation {:?}", self.0)
    }
}

impl std::error::Error for UnknownActivation {}

/// Which tails of the input axis make the derivative vanish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saturation {
    /// f' stays bounded away from 0 everywhere.
    None,
    /// f' -> 0 only as x -> -infinity (or is 0 for x < 0).
    Left,
    /// f' -> 0 in both tails.
    Both,
}

/// The facts the page's property table shows for one activation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Properties {
    /// Infimum and supremum of f over the real line (may be infinite).
    pub range: (f64, f64),
    /// Whether the infimum / supremum is attained.
    pub range_closed: (bool, bool),
    /// True when f is odd (f(-x) = -f(x)), so outputs average to zero over
    /// inputs symmetric about 0.
    pub zero_centred: bool,
    /// Supremum of |f'| over the real line.
    pub max_slope: f64,
    /// Where |f'| reaches `max_slope`: `Some(x)` for a single point, `None`
    /// when it is reached on a half-line x > 0 or only approached as x -> infinity.
    pub max_slope_at: Option<f64>,
    /// Human-independent description of where `max_slope` holds.
    pub max_slope_where: SlopeWhere,
    pub saturation: Saturation,
}

/// Where the maximum slope is found, for the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlopeWhere {
    /// At one point (see `max_slope_at`).
    Point,
    /// On the whole real line (identity).
    Everywhere,
    /// For every x > 0.
    Positive,
    /// Approached as x -> +infinity, never reached.
    Limit,
}

impl Activation {
    /// The stable name used in URLs, labels and reference files.
    pub const fn name(self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu(_) => "leaky_relu",
            Activation::Softplus => "softplus",
            Activation::Elu(_) => "elu",
            Activation::Gelu => "gelu",
            Activation::Silu => "silu",
        }
    }

    /// Position in [`ALL`] (a stable index for colours and bit sets).
    pub fn index(self) -> usize {
        match self {
            Activation::Identity => 0,
            Activation::Sigmoid => 1,
            Activation::Tanh => 2,
            Activation::Relu => 3,
            Activation::LeakyRelu(_) => 4,
            Activation::Softplus => 5,
            Activation::Elu(_) => 6,
            Activation::Gelu => 7,
            Activation::Silu => 8,
        }
    }

    /// Parses a stable name; `alpha` overrides the default parameter of
    /// `leaky_relu` and `elu` and is ignored by the others.
    pub fn from_name(name: &str, alpha: Option<f64>) -> Result<Activation, UnknownActivation> {
        let found =
            ALL.iter().copied().find(|a| a.name() == name).ok_or_else(|| UnknownActivation(name.to_string()))?;
        Ok(match (found, alpha) {
            (Activation::LeakyRelu(_), Some(a)) => Activation::LeakyRelu(a),
            (Activation::Elu(_), Some(a)) => Activation::Elu(a),
            (other, _) => other,
        })
    }

    /// f(x).
    pub fn f(self, x: f64) -> f64 {
        match self {
            Activation::Identity => x,
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => x.tanh(),
            Activation::Relu => {
                if x > 0.0 {
                    x
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu(a) => {
                if x > 0.0 {
                    x
                } else {
                    a * x
                }
            }
            // ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): never overflows.
            Activation::Softplus => x.max(0.0) + (-x.abs()).exp().ln_1p(),
            Activation::Elu(a) => {
                if x > 0.0 {
                    x
                } else {
                    a * x.exp_m1()
                }
            }
            Activation::Gelu => x * normal_cdf(x),
            Activation::Silu => x * sigmoid(x),
        }
    }

    /// f'(x), the left-hand derivative at a kink.
    pub fn df(self, x: f64) -> f64 {
        match self {
            Activation::Identity => 1.0,
            Activation::Sigmoid => d_sigmoid(x),
            // sech^2 x = 4 e^{-2|x|} / (1 + e^{-2|x|})^2 keeps full relative
            // precision in the tails, where 1 - tanh^2 would round to 0.
            Activation::Tanh => {
                let e = (-2.0 * x.abs()).exp();
                4.0 * e / ((1.0 + e) * (1.0 + e))
            }
            Activation::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu(a) => {
                if x > 0.0 {
                    1.0
                } else {
                    a
                }
            }
            Activation::Softplus => sigmoid(x),
            Activation::Elu(a) => {
                if x > 0.0 {
                    1.0
                } else {
                    a * x.exp()
                }
            }
            // d/dx x Phi(x) = Phi(x) + x phi(x).
            Activation::Gelu => normal_cdf(x) + x * normal_pdf(x),
            // d/dx x s(x) = s(x) + x s(x) s(-x).
            Activation::Silu => sigmoid(x) + x * d_sigmoid(x),
        }
    }

    /// (f(x), f'(x)) together, for the network's hot loop: one shared
    /// reduced-argument Padé formula (`Kernel::sigmoid_pair`) and no
    /// data-dependent branch for sigmoid, tanh and SiLU.
    /// f' keeps full relative precision everywhere, tails included (the
    /// gradients the page plots reach 1e-40 and below); f may differ from
    /// `f` by 2e-16 in absolute terms near 0, far below what a network's
    /// sums resolve.
    #[inline]
    pub fn f_df(self, x: f64) -> (f64, f64) {
        KERNEL.f_df(self, x)
    }

    /// The facts of this activation (see [`Properties`]); for the parametric
    /// ones they depend on `alpha` (assumed in [0, 1], as on the page).
    pub fn properties(self) -> Properties {
        const INF: f64 = f64::INFINITY;
        let p = |range, range_closed, zero_centred, max_slope, at, w, saturation| Properties {
            range,
            range_closed,
            zero_centred,
            max_slope,
            max_slope_at: at,
            max_slope_where: w,
            saturation,
        };
        use SlopeWhere::*;
        match self {
            Activation::Identity => p((-INF, INF), (false, false), true, 1.0, None, Everywhere, Saturation::None),
            Activation::Sigmoid => p((0.0, 1.0), (false, false), false, 0.25, Some(0.0), Point, Saturation::Both),
            Activation::Tanh => p((-1.0, 1.0), (false, false), true, 1.0, Some(0.0), Point, Saturation::Both),
            Activation::Relu => p((0.0, INF), (true, false), false, 1.0, None, Positive, Saturation::Left),
            Activation::LeakyRelu(a) => p(
                (if a > 0.0 { -INF } else { 0.0 }, INF),
                (a == 0.0, false),
                false,
                1.0_f64.max(a.abs()),
                None,
                Positive,
                if a == 0.0 { Saturation::Left } else { Saturation::None },
            ),
            Activation::Softplus => p((0.0, INF), (false, false), false, 1.0, None, Limit, Saturation::Left),
            Activation::Elu(a) => {
                p((-a.abs(), INF), (false, false), false, 1.0_f64.max(a.abs()), None, Positive, Saturation::Left)
            }
            Activation::Gelu => {
                p((GELU_MIN, INF), (true, false), false, GELU_MAX_SLOPE, Some(SQRT_2), Point, Saturation::Left)
            }
            Activation::Silu => p(
                (SILU_MIN, INF),
                (true, false),
                false,
                SILU_MAX_SLOPE,
                Some(SILU_MAX_SLOPE_AT),
                Point,
                Saturation::Left,
            ),
        }
    }

    /// The x-intervals within [lo, hi] where |f'| < `fraction` * max |f'|
    /// (the "saturated zones" the `curves` widget shades), found on a grid of
    /// `samples` points and returned in increasing order.
    pub fn saturated_intervals(self, lo: f64, hi: f64, fraction: f64, samples: usize) -> Vec<(f64, f64)> {
        let limit = fraction * self.properties().max_slope;
        let n = samples.max(2);
        let step = (hi - lo) / (n - 1) as f64;
        let mut out = Vec::new();
        let mut start: Option<f64> = None;
        for i in 0..n {
            let x = lo + step * i as f64;
            let flat = self.df(x).abs() < limit;
            match (flat, start) {
                (true, None) => start = Some(x),
                (false, Some(s)) => {
                    out.push((s, x - step));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, hi));
        }
        out.retain(|(a, b)| b > a);
        out
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

const SQRT_2: f64 = std::f64::consts::SQRT_2;
/// GELU's steepest slope is at x = sqrt(2), where (Phi + x phi)' = phi (2 - x^2) vanishes:
/// Phi(sqrt 2) + sqrt(2) phi(sqrt 2).
const GELU_MAX_SLOPE: f64 = 1.128_904_145_185_155;
/// GELU's minimum, -0.1700 at x = -0.7518.
const GELU_MIN: f64 = -0.169_971_207_479_903_7;
/// SiLU's steepest slope, 1.0998 at x = 2.3994 (found by golden-section search on f').
const SILU_MAX_SLOPE: f64 = 1.099_839_320_128_866_8;
const SILU_MAX_SLOPE_AT: f64 = 2.399_357_326_985_772;
/// SiLU's minimum, -0.2785 at x = -1.2785.
const SILU_MIN: f64 = -0.278_464_542_761_074;

/// Logistic sigmoid, computed on the side where exp cannot overflow.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// s'(x) = s(x) s(-x) = e^{-|x|} / (1 + e^{-|x|})^2, accurate in both tails.
pub fn d_sigmoid(x: f64) -> f64 {
    let e = (-x.abs()).exp();
    e / ((1.0 + e) * (1.0 + e))
}

/// The numbers the branch-free kernels (`sigmoid_pair` and the `f_df` built on it) use.
///
/// A hot loop should take them from [`Kernel::opaque`]: a WebAssembly
/// engine rebuilds every constant of a SIMD loop body on every iteration
/// (about four instructions each; 21 of them in an earlier exp-based tanh),
/// while numbers the compiler cannot see through are loaded once and stay
/// in registers. That alone made the page's tanh loop about twice as fast.
#[derive(Clone, Copy, Debug)]
pub struct Kernel {
    one: f64,
    four: f64,
    /// 1.5 * 2^52: q = SHIFT + k is exact for integer k, and its low bits hold k.
    shift: f64,
    /// 1023, the exponent bias, from which q's bits are subtracted for 2^-k.
    bias: u64,
    /// The reduction: u is capped here (2^-1021 stays a normal number),
    /// multiplied by 2 log2 e, and split by half of fdlibm's ln 2 (whose high
    /// part times any k that occurs here is exact).
    u_cap: f64,
    half: f64,
    two_log2e: f64,
    half_ln2_hi: f64,
    half_ln2_lo: f64,
    /// The [5/6] Padé approximant of tanh w = w (1 + n1 z + n2 z^2) / (1 + d1 z + d2 z^2 + d3 z^3), z = w^2.
    pade_n: [f64; 2],
    pade_d: [f64; 3],
}

/// The kernels' numbers, visible to the compiler (for scalar code).
pub const KERNEL: Kernel = Kernel {
    one: 1.0,
    four: 4.0,
    shift: 6_755_399_441_055_744.0,
    bias: 1023,
    u_cap: 354.0,
    half: 0.5,
    two_log2e: 2.0 * std::f64::consts::LOG2_E,
    half_ln2_hi: 0.5 * f64::from_bits(0x3FE6_2E42_FEE0_0000),
    half_ln2_lo: 0.5 * f64::from_bits(0x3DEA_39EF_3579_3C76),
    pade_n: [4.0 / 33.0, 1.0 / 495.0],
    pade_d: [5.0 / 11.0, 2.0 / 99.0, 1.0 / 10395.0],
};

impl Kernel {
    /// The same numbers, hidden from the optimiser so a loop loads them once.
    #[inline(always)]
    pub fn opaque() -> Kernel {
        std::hint::black_box(KERNEL)
    }

    /// (s(2u), s(-2u)) = ((1 + tanh u) / 2, (1 - tanh u) / 2) for u >= 0,
    /// each to full relative precision (the second one into its far tail),
    /// with one division and no call to exp: the core of tanh, sigmoid and
    /// SiLU in the network's loops.
    ///
    /// 2u = k ln 2 + 2w with |w| <= ln 2 / 4 (Cody–Waite), so with s = 2^-k
    /// and t_w = tanh w: e^{-2u} = s (1 - t_w) / (1 + t_w). t_w = N / D is the
    /// [5/6] Padé approximant (relative error below 6e-19 on that interval),
    /// and with P = D + N, M = D - N: s(2u) = P / (P + sM), s(-2u) = sM / (P + sM).
    /// Beyond u = 354, s(-2u) stays at about 1e-307 instead of underflowing.
    #[inline(always)]
    pub fn sigmoid_pair(&self, u: f64) -> (f64, f64) {
        let one = self.one;
        // A compare-and-select, not f64::min: wasm has no vector form of min
        // with Rust's NaN rule; NaN passes through here.
        let u = if u > self.u_cap { self.u_cap } else { u };
        let q = u * self.two_log2e + self.shift;
        let kf = q - self.shift;
        let w = (u - kf * self.half_ln2_hi) - kf * self.half_ln2_lo;
        let z = w * w;
        let n = w * (one + z * (self.pade_n[0] + z * self.pade_n[1]));
        let d = one + z * (self.pade_d[0] + z * (self.pade_d[1] + z * self.pade_d[2]));
        let (p, m) = (d + n, d - n);
        // 2^-k: exponent field 1023 - k, from the low bits of q (which hold k).
        let s = f64::from_bits(self.bias.wrapping_sub(q.to_bits()) << 52);
        let sm = s * m;
        let inv = one / (p + sm);
        (p * inv, sm * inv)
    }

    /// (tanh x, sech^2 x): with (hi, lo) = `sigmoid_pair(|x|)`, tanh|x| =
    /// hi - lo and sech^2 x = (1 + tanh)(1 - tanh) = 4 hi lo, which keeps its tail.
    #[inline(always)]
    pub fn tanh_sech2(&self, x: f64) -> (f64, f64) {
        let ax = x.abs();
        let (hi, lo) = self.sigmoid_pair(ax);
        // tanh|x| >= 0; give it x's sign (x ^ |x| is x's sign bit alone).
        let t = f64::from_bits((hi - lo).to_bits() ^ (x.to_bits() ^ ax.to_bits()));
        (t, self.four * (hi * lo))
    }

    /// (s(x), s'(x)) for the logistic sigmoid: with (hi, lo) =
    /// `sigmoid_pair(|x| / 2)`, s is hi or lo by the sign of x and s' = hi lo.
    #[inline(always)]
    pub fn sigmoid_slope(&self, x: f64) -> (f64, f64) {
        let (hi, lo) = self.sigmoid_pair(x.abs() * self.half);
        (if x >= 0.0 { hi } else { lo }, hi * lo)
    }

    /// [`Activation::f_df`] with these numbers.
    #[inline(always)]
    pub fn f_df(&self, act: Activation, x: f64) -> (f64, f64) {
        let one = self.one;
        match act {
            Activation::Sigmoid => self.sigmoid_slope(x),
            Activation::Tanh => self.tanh_sech2(x),
            Activation::Silu => {
                // d/dx x s(x) = s(x) + x s'(x).
                let (s, ds) = self.sigmoid_slope(x);
                (x * s, s + x * ds)
            }
            Activation::Relu => {
                let on = x > 0.0;
                (if on { x } else { 0.0 }, if on { one } else { 0.0 })
            }
            other => (other.f(x), other.df(x)),
        }
    }
}

/// Standard normal CDF, Phi(x) = erfc(-x / sqrt 2) / 2.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / SQRT_2)
}

/// Standard normal density.
pub fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central finite difference of f, away from kinks.
    fn fd(a: Activation, x: f64) -> f64 {
        let h = 1e-6;
        (a.f(x + h) - a.f(x - h)) / (2.0 * h)
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for a in ALL {
            for i in -80..=80 {
                let x = i as f64 * 0.1 + 0.05; // never exactly on the kink
                let (got, want) = (a.df(x), fd(a, x));
                assert!((got - want).abs() < 1e-7, "{a} at {x}: df {got} vs fd {want}");
            }
        }
    }

    #[test]
    fn f_df_agrees_with_f_and_df() {
        for a in ALL {
            for i in -4000..=4000 {
                let x = i as f64 * 0.01 + if i % 3 == 0 { 0.0 } else { 1e-7 };
                for x in [x, x * 25.0, x * 1e-8] {
                    let (f, d) = a.f_df(x);
                    let (ef, ed) = (a.f(x), a.df(x));
                    assert!((f - ef).abs() <= 1e-15 * ef.abs() + 3e-16, "{a}({x}): {f} vs {ef}");
                    // SiLU' = s + x s(1 - s) cancels near its zero: compare
                    // against the size of the terms summed, not of the sum.
                    let terms = if a == Activation::Silu { sigmoid(x) + (x * d_sigmoid(x)).abs() } else { ed.abs() };
                    assert!((d - ed).abs() <= 4e-15 * terms + 1e-304, "{a}'({x}): {d} vs {ed}");
                }
            }
        }
    }

    #[test]
    fn the_sigmoid_kernel_keeps_relative_precision_in_both_tails() {
        let (mut worst_s, mut worst_d) = (0.0_f64, 0.0_f64);
        for i in -700_000..=700_000 {
            // x from -700 to 700, where s(-700) = 1e-304.
            let x = i as f64 * 1e-3 + if i % 2 == 0 { 0.0 } else { 3.1e-10 };
            let (s, d) = KERNEL.sigmoid_slope(x);
            worst_s = worst_s.max(((s - sigmoid(x)) / sigmoid(x)).abs());
            worst_d = worst_d.max(((d - d_sigmoid(x)) / d_sigmoid(x)).abs());
        }
        assert!(worst_s < 2e-15 && worst_d < 4e-15, "worst relative error: s {worst_s:e}, s' {worst_d:e}");
        let (s, d) = KERNEL.sigmoid_slope(f64::NEG_INFINITY);
        assert!(s < 1e-306 && d < 1e-306 && s >= 0.0 && d >= 0.0, "{s} {d}");
        assert_eq!(KERNEL.sigmoid_slope(f64::INFINITY).0, 1.0);
        assert!(KERNEL.sigmoid_slope(f64::NAN).0.is_nan());
    }

    #[test]
    fn the_tanh_kernel_keeps_relative_precision_into_the_far_tail() {
        let (mut worst_t, mut worst_d) = (0.0_f64, 0.0_f64);
        for i in 1..=700_000 {
            let x = i as f64 * 5e-4 + if i % 2 == 0 { 0.0 } else { 1.7e-9 };
            let (t, d) = KERNEL.tanh_sech2(x);
            let want_d = Activation::Tanh.df(x);
            // f_df's contract: tanh within 1e-15 relative, or 2e-16 absolute near 0.
            worst_t = worst_t.max((t - x.tanh()).abs() / (x.tanh().abs() + 0.2));
            worst_d = worst_d.max(((d - want_d) / want_d).abs());
            assert_eq!(KERNEL.tanh_sech2(-x), (-t, d), "odd and even at {x}");
        }
        // x up to 350, where sech^2 x is 1e-304: still a few ulp.
        assert!(worst_t < 1e-15 && worst_d < 4e-15, "worst error: tanh {worst_t:e}, sech^2 {worst_d:e}");
        assert_eq!(KERNEL.tanh_sech2(0.0), (0.0, 1.0));
        assert!(KERNEL.tanh_sech2(-0.0).0.is_sign_negative());
        for x in [f64::INFINITY, 1e300, 400.0] {
            let (t, d) = KERNEL.tanh_sech2(x);
            assert!(t == 1.0 && (0.0..1e-306).contains(&d), "{x}: {t} {d}");
        }
        let (t, d) = KERNEL.tanh_sech2(f64::NAN);
        assert!(t.is_nan() && d.is_nan(), "NaN must stay visible to the divergence check");
    }

    #[test]
    fn names_round_trip_and_unknown_is_refused() {
        for a in ALL {
            assert_eq!(Activation::from_name(a.name(), None), Ok(a));
            assert_eq!(ALL[a.index()], a);
        }
        assert!(Activation::from_name("sigmod", None).is_err());
        assert_eq!(Activation::from_name("elu", Some(0.5)), Ok(Activation::Elu(0.5)));
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        for a in ALL {
            for x in [-1000.0, -40.0, -1e-9, 0.0, 1e-9, 40.0, 1000.0, -1e300, 1e300] {
                assert!(a.f(x).is_finite(), "{a}({x}) = {}", a.f(x));
                assert!(a.df(x).is_finite(), "{a}'({x}) = {}", a.df(x));
            }
        }
        assert_eq!(Activation::Softplus.f(1000.0), 1000.0);
        assert_eq!(Activation::Sigmoid.f(-1000.0), 0.0);
    }

    /// The table's max |f'| and range claims, checked by a dense scan of df / f.
    #[test]
    fn properties_agree_with_a_dense_scan() {
        for a in ALL {
            let p = a.properties();
            let xs = (0..=200_000).map(|i| -50.0 + i as f64 * 5e-4);
            let (mut best, mut best_x, mut min_f, mut max_f) = (0.0_f64, 0.0, f64::INFINITY, f64::NEG_INFINITY);
            for x in xs {
                let s = a.df(x).abs();
                if s > best {
                    best = s;
                    best_x = x;
                }
                min_f = min_f.min(a.f(x));
                max_f = max_f.max(a.f(x));
            }
            assert!(best <= p.max_slope + 1e-12, "{a}: scan found slope {best} > {}", p.max_slope);
            assert!(best > p.max_slope - 1e-6, "{a}: scan max {best} short of {}", p.max_slope);
            if let Some(at) = p.max_slope_at {
                assert!((best_x - at).abs() < 1e-3, "{a}: max slope at {best_x}, table says {at}");
            }
            if p.range.0.is_finite() {
                assert!(min_f >= p.range.0 - 1e-12 && min_f < p.range.0 + 1e-6, "{a}: min {min_f}");
            }
            if p.range.1.is_finite() {
                assert!(max_f <= p.range.1 && max_f > p.range.1 - 1e-6, "{a}: max {max_f}");
            }
            let odd = (1..100).all(|i| {
                let x = i as f64 * 0.37;
                (a.f(-x) + a.f(x)).abs() < 1e-12
            });
            assert_eq!(odd, p.zero_centred, "{a}: zero-centred");
        }
    }

    #[test]
    fn saturated_zones_are_where_the_slope_is_small() {
        // Sigmoid: |s'| < 0.0125 for |x| > ~4.36, in both tails.
        let z = Activation::Sigmoid.saturated_intervals(-8.0, 8.0, 0.05, 1601);
        assert_eq!(z.len(), 2);
        assert!((z[0].0 + 8.0).abs() < 1e-12 && (z[1].1 - 8.0).abs() < 1e-12);
        assert!((z[0].1 + 4.36).abs() < 0.02 && (z[1].0 - 4.36).abs() < 0.02, "{z:?}");
        // ReLU: the whole negative half-line, nothing on the positive side.
        let z = Activation::Relu.saturated_intervals(-5.0, 5.0, 0.05, 1001);
        assert_eq!(z.len(), 1);
        assert!(z[0].1 <= 0.0 && z[0].1 > -0.02);
        assert!(Activation::Identity.saturated_intervals(-5.0, 5.0, 0.05, 101).is_empty());
    }
}
