//! The cost micro-benchmark: nanoseconds per evaluation of each activation's f and f′, timed in resumable slices by whatever clock the platform has, whose tick is measured first so that a clock too coarse to time anything is reported, never hidden.
//!
//! A browser coarsens `performance.now()` on purpose (to 100 µs, 5 µs when
//! the page is cross-origin isolated, 1 ms in some browsers), so:
//! - the clock is first read back to back until it has advanced several
//!   times: its smallest step is its tick ([`ClockVerdict`]);
//! - each timed run lasts at least [`MIN_RUN_MS`] on that clock, and a bar
//!   is the median of several runs;
//! - every evaluation's result is added into a checksum that the caller
//!   keeps, and the inputs pass through `black_box`, so the compiler can
//!   neither drop the work nor compute a pass once and reuse it;
//! - the work is cut into slices of at most about `budget_ms` ([`Bench::advance`]),
//!   so a page can measure between frames without freezing; a run may span
//!   several slices (segments), and each segment's two clock readings can
//!   be off by up to one tick, which bounds the run's error ([`Bar::error_bound`]).
//!
//! Runs go round-robin (every bar's first run, then every bar's second, ...)
//! after one untimed warm-up round, so a slow start (a WebAssembly engine
//! swaps in optimised code only after the first calls) or a busy moment
//! spreads over all bars instead of landing on one.

use std::hint::black_box;

use crate::activation::Activation;
use crate::rng::Rng;

/// The shortest timed run, in clock milliseconds: a 100 µs tick can then
/// shift one segment by at most 1%.
pub const MIN_RUN_MS: f64 = 10.0;
/// Timed runs per bar when the reader does not choose (the median is kept).
pub const DEFAULT_RUNS: usize = 5;
/// How many inputs each pass evaluates (8 KB: stays in the fastest cache).
pub const INPUTS: usize = 1024;
/// The inputs are uniform in [-INPUT_RANGE, INPUT_RANGE], in random order,
/// so data-dependent branches (ReLU's sign test) are not predictable.
pub const INPUT_RANGE: f64 = 6.0;
/// A clock whose tick is longer than this is not used: a slice could not
/// end before one tick, so the page would stutter, and the numbers would be noise.
pub const MAX_TICK_MS: f64 = 20.0;
/// A bar whose error bound exceeds this fraction is called coarse.
pub const COARSE_BOUND: f64 = 0.05;
/// The clock probe stops after this many observed steps ...
const PROBE_STEPS: usize = 8;
/// ... or after this many readings in all (then the clock counts as stopped) ...
const PROBE_READS: usize = 200_000;
/// ... reading at most this many times per slice.
const PROBE_READS_PER_SLICE: usize = 20_000;
/// A segment lasts at least this long (unless its run needs less), and a
/// new one starts in a slice only with this much of the slice left (the
/// first segment of a slice always starts: every slice makes progress).
const MIN_SEGMENT_MS: f64 = 1.0;
/// Passes per segment at most: a guard against a clock that stops after the probe.
const MAX_PASSES: u64 = 1 << 20;
/// Segments per run at most (the same guard): a run cut short is unmeasurable.
const MAX_SEGMENTS: u32 = 1000;
/// Segments per slice at most (the same guard).
const MAX_SEGMENTS_PER_SLICE: usize = 64;

/// Which function of an activation is timed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// f(x), evaluated on the way forward.
    F,
    /// f′(x), evaluated on the way back.
    Df,
}

impl Part {
    pub const BOTH: [Part; 2] = [Part::F, Part::Df];

    /// f(x) or f′(x).
    pub fn eval(self, a: Activation, x: f64) -> f64 {
        match self {
            Part::F => a.f(x),
            Part::Df => a.df(x),
        }
    }
}

/// The inputs every bar is timed on: [`INPUTS`] values uniform in
/// ±[`INPUT_RANGE`], from an explicit seed.
pub fn inputs(seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    (0..INPUTS).map(|_| rng.range(-INPUT_RANGE, INPUT_RANGE)).collect()
}

/// Sum of `f` over `xs` in four independent accumulators, so that cheap
/// functions are timed by their throughput, not by the latency of one
/// long chain of additions.
#[inline(always)]
fn sum_with(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut s = [0.0; 4];
    let mut quads = xs.chunks_exact(4);
    for q in &mut quads {
        s[0] += f(q[0]);
        s[1] += f(q[1]);
        s[2] += f(q[2]);
        s[3] += f(q[3]);
    }
    for &x in quads.remainder() {
        s[0] += f(x);
    }
    (s[0] + s[1]) + (s[2] + s[3])
}

/// One pass: the sum of f or f′ over `xs`. The activation is matched once,
/// outside the loop, so each loop is the function's own code and nothing else.
fn pass(a: Activation, part: Part, xs: &[f64]) -> f64 {
    macro_rules! by_activation {
        ($($pat:pat => $act:expr),* $(,)?) => {
            match a {
                $($pat => match part {
                    Part::F => sum_with(xs, |x| $act.f(x)),
                    Part::Df => sum_with(xs, |x| $act.df(x)),
                }),*
            }
        };
    }
    by_activation!(
        Activation::Identity => Activation::Identity,
        Activation::Sigmoid => Activation::Sigmoid,
        Activation::Tanh => Activation::Tanh,
        Activation::Relu => Activation::Relu,
        Activation::LeakyRelu(al) => Activation::LeakyRelu(al),
        Activation::Softplus => Activation::Softplus,
        Activation::Elu(al) => Activation::Elu(al),
        Activation::Gelu => Activation::Gelu,
        Activation::Silu => Activation::Silu,
    )
}

/// Evaluates f or f′ of `a` on every x of `xs`, `passes` times, and
/// returns the sum of every result (the checksum). `black_box` on the
/// inputs of each pass keeps the compiler from computing one pass and
/// reusing it; on the sum, from dropping the work.
pub fn evaluate(a: Activation, part: Part, xs: &[f64], passes: u64) -> f64 {
    let mut total = 0.0;
    for _ in 0..passes {
        total += black_box(pass(black_box(a), part, black_box(xs)));
    }
    total
}

/// One timed run: clock time and evaluations, added up over its segments.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Run {
    /// Clock milliseconds spent evaluating (between the readings of each segment).
    pub elapsed_ms: f64,
    pub evals: u64,
    /// How many slices the run was cut into (each adds two clock readings).
    pub segments: u32,
}

impl Run {
    /// Nanoseconds per evaluation; `None` when the clock did not advance
    /// (or nothing was evaluated): unmeasurable, never a made-up small number.
    pub fn ns_per_eval(&self) -> Option<f64> {
        (self.elapsed_ms > 0.0 && self.evals > 0).then(|| self.elapsed_ms * 1e6 / self.evals as f64)
    }
}

/// Times `passes` passes over `xs` between two readings of `now_ms`, in one go.
/// Returns the run and the checksum of the work.
pub fn time_once(a: Activation, part: Part, xs: &[f64], passes: u64, now_ms: &mut dyn FnMut() -> f64) -> (Run, f64) {
    let start = now_ms();
    let checksum = evaluate(a, part, xs, passes);
    let elapsed_ms = now_ms() - start;
    (Run { elapsed_ms, evals: passes * xs.len() as u64, segments: 1 }, checksum)
}

/// What the clock probe found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClockVerdict {
    /// Still reading the clock.
    Probing,
    /// The clock advances in steps of this many milliseconds.
    Tick(f64),
    /// The clock advances, but only in steps this long (ms): more than
    /// [`MAX_TICK_MS`], too coarse to use. Nothing is timed.
    TooCoarse(f64),
    /// The clock did not advance in this many readings. Nothing is timed.
    Stopped(usize),
}

/// One bar of the chart: an activation's f or f′ and its timed runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub act: Activation,
    pub part: Part,
    /// The timed runs so far (the warm-up run is not among them).
    pub runs: Vec<Run>,
    /// Set when a run ended before reaching [`MIN_RUN_MS`] on the clock (or
    /// the clock was unusable): the bar is unmeasurable.
    pub failed: bool,
    /// The sum of every evaluation's result, warm-up included.
    pub checksum: f64,
    /// Every evaluation made, warm-up included.
    pub evals: u64,
}

impl Bar {
    fn new(act: Activation, part: Part) -> Bar {
        Bar { act, part, runs: Vec::new(), failed: false, checksum: 0.0, evals: 0 }
    }

    /// The run with the median time per evaluation (the upper middle one
    /// for an even count); `None` before the first run or when unmeasurable.
    pub fn median(&self) -> Option<Run> {
        if self.failed {
            return None;
        }
        let mut runs: Vec<(f64, Run)> = self.runs.iter().filter_map(|r| Some((r.ns_per_eval()?, *r))).collect();
        if runs.is_empty() || runs.len() < self.runs.len() {
            return None;
        }
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        Some(runs[runs.len() / 2].1)
    }

    /// Median nanoseconds per evaluation.
    pub fn ns(&self) -> Option<f64> {
        self.median()?.ns_per_eval()
    }

    /// The fastest and slowest runs, in ns per evaluation.
    pub fn spread(&self) -> Option<(f64, f64)> {
        self.median()?;
        let ns = self.runs.iter().filter_map(Run::ns_per_eval);
        Some(ns.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// The largest relative error the clock's tick allows on the median run:
    /// each segment's elapsed time can be off by up to one tick.
    pub fn error_bound(&self, tick_ms: f64) -> Option<f64> {
        let m = self.median()?;
        Some(m.segments as f64 * tick_ms / m.elapsed_ms)
    }
}

/// Where the benchmark is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    Probe,
    Time,
    Done,
}

/// The benchmark of every (activation, part), resumable: call
/// [`Bench::advance`] with a few milliseconds at a time until it is done.
pub struct Bench {
    xs: Vec<f64>,
    bars: Vec<Bar>,
    runs: usize,
    phase: Phase,
    verdict: ClockVerdict,
    // The probe.
    last_read: Option<f64>,
    reads: usize,
    steps: usize,
    min_step: f64,
    // The timing: round 0 is the warm-up, rounds 1..=runs are timed.
    round: usize,
    item: usize,
    current: Run,
}

impl Bench {
    /// A benchmark of f and f′ of each of `acts` (bars in that order, f
    /// before f′), `runs` timed runs each (at least 1), on the inputs of `seed`.
    pub fn new(acts: &[Activation], runs: usize, seed: u64) -> Bench {
        Bench {
            xs: inputs(seed),
            bars: acts.iter().flat_map(|&a| Part::BOTH.map(|p| Bar::new(a, p))).collect(),
            runs: runs.max(1),
            phase: Phase::Probe,
            verdict: ClockVerdict::Probing,
            last_read: None,
            reads: 0,
            steps: 0,
            min_step: f64::INFINITY,
            round: 0,
            item: 0,
            current: Run::default(),
        }
    }

    pub fn bars(&self) -> &[Bar] {
        &self.bars
    }

    /// The bar of `a`'s `part`, if it is timed.
    pub fn bar(&self, a: Activation, part: Part) -> Option<&Bar> {
        self.bars.iter().find(|b| b.act == a && b.part == part)
    }

    pub fn verdict(&self) -> ClockVerdict {
        self.verdict
    }

    /// The clock's tick in ms, once the probe found a usable one.
    pub fn tick_ms(&self) -> Option<f64> {
        match self.verdict {
            ClockVerdict::Tick(t) => Some(t),
            _ => None,
        }
    }

    /// Timed runs per bar.
    pub fn runs(&self) -> usize {
        self.runs
    }

    pub fn done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// Whether [`Bench::advance`] has been called at all.
    pub fn started(&self) -> bool {
        self.reads > 0
    }

    /// The current round: 0 while probing and warming up, then 1..=runs.
    pub fn round(&self) -> usize {
        self.round
    }

    /// Runs completed, warm-up included.
    pub fn runs_completed(&self) -> usize {
        match self.phase {
            Phase::Probe => 0,
            Phase::Time => self.round * self.bars.len() + self.item,
            Phase::Done => (self.runs + 1) * self.bars.len(),
        }
    }

    /// How far along, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.done() {
            return 1.0;
        }
        self.runs_completed() as f64 / ((self.runs + 1) * self.bars.len()).max(1) as f64
    }

    /// Whether any measured bar's error bound exceeds [`COARSE_BOUND`].
    pub fn coarse(&self) -> bool {
        self.tick_ms().is_some_and(|t| self.bars.iter().any(|b| b.error_bound(t).is_some_and(|e| e > COARSE_BOUND)))
    }

    /// Works for about `budget_ms` of `now_ms`'s time (always some progress,
    /// however small the budget); returns whether the benchmark is done.
    /// Mutates the bars: adds finished runs, checksums and evaluation counts.
    pub fn advance(&mut self, budget_ms: f64, now_ms: &mut dyn FnMut() -> f64) -> bool {
        let t0 = now_ms();
        let mut segments = 0;
        loop {
            match self.phase {
                Phase::Probe => self.probe(t0, budget_ms, now_ms),
                Phase::Time => {
                    let left = budget_ms - (now_ms() - t0);
                    if segments > 0 && left < MIN_SEGMENT_MS.max(4.0 * self.tick_ms().unwrap_or(0.0)) {
                        break;
                    }
                    let want = MIN_RUN_MS - self.current.elapsed_ms;
                    self.segment(left.max(MIN_SEGMENT_MS).min(want), now_ms);
                    segments += 1;
                    if self.current.elapsed_ms >= MIN_RUN_MS || self.current.segments >= MAX_SEGMENTS {
                        self.finish_run();
                    }
                }
                Phase::Done => break,
            }
            if self.phase == Phase::Done || now_ms() - t0 >= budget_ms || segments >= MAX_SEGMENTS_PER_SLICE {
                break;
            }
            if self.phase == Phase::Probe && self.reads.is_multiple_of(PROBE_READS_PER_SLICE) {
                break;
            }
        }
        self.done()
    }

    /// Reads the clock back to back until it has stepped [`PROBE_STEPS`]
    /// times, the slice is over, or the readings run out; then decides.
    fn probe(&mut self, t0: f64, budget_ms: f64, now_ms: &mut dyn FnMut() -> f64) {
        for _ in 0..PROBE_READS_PER_SLICE {
            let v = now_ms();
            self.reads += 1;
            if let Some(last) = self.last_read {
                if v > last {
                    self.min_step = self.min_step.min(v - last);
                    self.steps += 1;
                }
            }
            self.last_read = Some(v);
            if self.steps >= PROBE_STEPS || self.reads >= PROBE_READS || v - t0 >= budget_ms {
                break;
            }
        }
        let verdict = if self.steps >= PROBE_STEPS || (self.reads >= PROBE_READS && self.steps > 0) {
            if self.min_step > MAX_TICK_MS {
                ClockVerdict::TooCoarse(self.min_step)
            } else {
                ClockVerdict::Tick(self.min_step)
            }
        } else if self.reads >= PROBE_READS {
            ClockVerdict::Stopped(self.reads)
        } else {
            return;
        };
        self.verdict = verdict;
        if let ClockVerdict::Tick(_) = verdict {
            self.phase = Phase::Time;
        } else {
            self.bars.iter_mut().for_each(|b| b.failed = true);
            self.phase = Phase::Done;
        }
    }

    /// Evaluates the current bar for about `budget_ms`, reading the clock
    /// only between chunks of passes that double in size (so the readings
    /// cost next to nothing), and adds the segment to the current run.
    fn segment(&mut self, budget_ms: f64, now_ms: &mut dyn FnMut() -> f64) {
        let bar = &mut self.bars[self.item];
        let (mut passes, mut chunk, mut sum) = (0u64, 1u64, 0.0);
        let start = now_ms();
        let mut end;
        loop {
            sum += evaluate(bar.act, bar.part, &self.xs, chunk);
            passes += chunk;
            end = now_ms();
            let elapsed = end - start;
            if elapsed >= budget_ms || passes >= MAX_PASSES {
                break;
            }
            // Double, but plan no further than the budget at the rate seen so far.
            let planned = if elapsed > 0.0 {
                ((budget_ms - elapsed) * passes as f64 / elapsed).ceil().max(1.0) as u64
            } else {
                u64::MAX
            };
            chunk = (2 * chunk).min(planned).min(MAX_PASSES - passes);
        }
        let evals = passes * self.xs.len() as u64;
        bar.checksum += sum;
        bar.evals += evals;
        self.current.elapsed_ms += end - start;
        self.current.evals += evals;
        self.current.segments += 1;
    }

    /// Files the current run (timed rounds only) and moves to the next bar.
    fn finish_run(&mut self) {
        let run = std::mem::take(&mut self.current);
        let bar = &mut self.bars[self.item];
        if run.elapsed_ms < MIN_RUN_MS {
            bar.failed = true;
        }
        if self.round > 0 {
            bar.runs.push(run);
        }
        self.item += 1;
        if self.item == self.bars.len() {
            self.item = 0;
            self.round += 1;
            if self.round > self.runs {
                self.phase = Phase::Done;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::ALL;
    use std::time::Instant;

    /// The real clock coarsened to `tick_ms`, as a browser coarsens it.
    fn coarse_clock(tick_ms: f64) -> impl FnMut() -> f64 {
        let t0 = Instant::now();
        move || (t0.elapsed().as_secs_f64() * 1e3 / tick_ms).floor() * tick_ms
    }

    /// A clock that steps by `step_ms` every `reads` readings, whatever the work.
    fn stepping_clock(step_ms: f64, reads: usize) -> impl FnMut() -> f64 {
        let mut n = 0usize;
        move || {
            n += 1;
            (n / reads) as f64 * step_ms
        }
    }

    fn run_to_end(b: &mut Bench, budget_ms: f64, clock: &mut dyn FnMut() -> f64) -> usize {
        let mut slices = 0;
        while !b.advance(budget_ms, clock) {
            slices += 1;
            assert!(slices < 100_000, "the benchmark does not end");
        }
        slices + 1
    }

    #[test]
    fn a_pass_sums_every_input_once() {
        let xs = inputs(3);
        assert_eq!(xs.len(), INPUTS);
        assert!(
            xs.iter().all(|x| x.abs() <= INPUT_RANGE) && xs.iter().any(|&x| x < 0.0) && xs.iter().any(|&x| x > 0.0)
        );
        for a in ALL {
            for part in Part::BOTH {
                // In input order, one accumulator: a different rounding, the same sum.
                let direct: f64 = xs.iter().map(|&x| part.eval(a, x)).sum();
                let scale: f64 = xs.iter().map(|&x| part.eval(a, x).abs()).sum::<f64>();
                let got = evaluate(a, part, &xs, 3);
                assert!((got - 3.0 * direct).abs() <= 1e-12 * 3.0 * scale, "{a} {part:?}: {got} vs {}", 3.0 * direct);
            }
        }
        assert_eq!(evaluate(Activation::Relu, Part::F, &xs, 0), 0.0);
    }

    #[test]
    fn a_clock_that_does_not_advance_gives_no_number() {
        let xs = inputs(1);
        let (run, _) = time_once(Activation::Sigmoid, Part::F, &xs, 2, &mut || 5.0);
        assert_eq!(run.evals, 2 * INPUTS as u64);
        assert_eq!(run.ns_per_eval(), None, "unmeasurable, not a clamped tiny number");
        let mut t = 0.0;
        let (run, _) = time_once(Activation::Sigmoid, Part::F, &xs, 2, &mut || {
            t += 1.0;
            t
        });
        // One clock millisecond over 2048 evaluations.
        assert_eq!(run.ns_per_eval(), Some(1e6 / 2048.0));
    }

    #[test]
    fn every_bar_is_finite_positive_and_timed_for_long_enough() {
        let mut b = Bench::new(&ALL, 3, 1);
        // A browser's clock: 100 µs steps; slices of 8 ms, as the page gives.
        let slices = run_to_end(&mut b, 8.0, &mut coarse_clock(0.1));
        let tick = match b.verdict() {
            ClockVerdict::Tick(t) => t,
            v => panic!("a 100 µs clock is usable: {v:?}"),
        };
        assert!((tick - 0.1).abs() < 1e-9, "the probe finds the tick: {tick}");
        assert_eq!(b.bars().len(), 18);
        assert!(slices > 18 * 4, "cut into slices: {slices}");
        let xs = inputs(1);
        for bar in b.bars() {
            assert_eq!(bar.runs.len(), 3, "{bar:?}");
            for r in &bar.runs {
                assert!(r.elapsed_ms >= MIN_RUN_MS, "{:?} {:?}: a run of {} ms", bar.act, bar.part, r.elapsed_ms);
                assert!(r.segments >= 1 && r.evals > 0);
            }
            let ns = bar.ns().expect("measured");
            assert!(ns.is_finite() && ns > 0.0, "{:?} {:?}: {ns}", bar.act, bar.part);
            let (lo, hi) = bar.spread().unwrap();
            assert!(lo <= ns && ns <= hi);
            // Segments of up to 8 ms: each run has at most 3, so at most 3% error.
            assert!(bar.error_bound(tick).unwrap() <= 3.0 * 0.1 / MIN_RUN_MS + 1e-12);
            // The checksum proves every counted evaluation was made.
            let pass: f64 = xs.iter().map(|&x| bar.part.eval(bar.act, x)).sum();
            let passes = (bar.evals / INPUTS as u64) as f64;
            assert_eq!(bar.evals % INPUTS as u64, 0);
            let scale = passes * xs.iter().map(|&x| bar.part.eval(bar.act, x).abs()).sum::<f64>();
            assert!((bar.checksum - passes * pass).abs() <= 1e-9 * scale.max(1.0), "{:?} {:?}", bar.act, bar.part);
        }
        assert!(!b.coarse());
        assert_eq!(b.progress(), 1.0);
    }

    #[test]
    fn a_one_millisecond_clock_still_measures_but_is_called_coarse() {
        let mut b = Bench::new(&[Activation::Relu, Activation::Sigmoid], 1, 2);
        run_to_end(&mut b, 4.0, &mut coarse_clock(1.0));
        assert_eq!(b.tick_ms(), Some(1.0));
        for bar in b.bars() {
            assert!(bar.ns().is_some_and(|ns| ns.is_finite() && ns > 0.0));
            // At least one segment of a 1 ms clock over at most ~14 ms.
            assert!(bar.error_bound(1.0).unwrap() > COARSE_BOUND);
        }
        assert!(b.coarse());
    }

    #[test]
    fn a_stopped_clock_makes_every_bar_unmeasurable() {
        let mut b = Bench::new(&ALL, 5, 1);
        let slices = run_to_end(&mut b, 8.0, &mut || 42.0);
        assert!(slices >= PROBE_READS / PROBE_READS_PER_SLICE, "the probe is sliced too");
        assert_eq!(b.verdict(), ClockVerdict::Stopped(PROBE_READS));
        assert!(b.bars().iter().all(|bar| bar.failed && bar.ns().is_none() && bar.evals == 0));
        assert_eq!(b.tick_ms(), None);
        assert!(!b.coarse());
    }

    #[test]
    fn a_clock_coarser_than_the_limit_is_not_used() {
        let mut b = Bench::new(&ALL, 5, 1);
        run_to_end(&mut b, 8.0, &mut stepping_clock(50.0, 3));
        assert_eq!(b.verdict(), ClockVerdict::TooCoarse(50.0));
        assert!(b.bars().iter().all(|bar| bar.ns().is_none() && bar.evals == 0));
    }

    #[test]
    fn the_tick_is_the_smallest_step_seen() {
        // Steps of 0.005 ms at every reading: a fine clock (cross-origin isolated).
        let mut b = Bench::new(&[Activation::Identity], 1, 1);
        let mut c = stepping_clock(0.005, 1);
        b.advance(1.0, &mut c);
        assert!(matches!(b.verdict(), ClockVerdict::Tick(t) if (t - 0.005).abs() < 1e-12), "{:?}", b.verdict());
    }

    #[test]
    fn medians_and_unmeasurable_runs() {
        let run = |ms: f64, evals: u64| Run { elapsed_ms: ms, evals, segments: 2 };
        let mut bar = Bar::new(Activation::Tanh, Part::Df);
        assert_eq!(bar.ns(), None, "nothing timed yet");
        bar.runs = vec![run(12.0, 1_000_000), run(10.0, 1_000_000), run(30.0, 1_000_000)];
        assert_eq!(bar.ns(), Some(12.0), "12 ms over a million evaluations is 12 ns");
        assert_eq!(bar.spread(), Some((10.0, 30.0)));
        assert_eq!(bar.error_bound(0.1), Some(2.0 * 0.1 / 12.0));
        bar.runs.push(run(0.0, 1_000_000));
        assert_eq!(bar.ns(), None, "a run the clock could not see makes the bar unmeasurable");
        bar.runs.pop();
        bar.failed = true;
        assert_eq!(bar.ns(), None);
    }
}
