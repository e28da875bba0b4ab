//! What the `cost` widget says about a benchmark, computed from its bars: the chart's rows, the key ratio in words, the clock's verdict, the progress, the browser's short name, and a JSON report for tests.

use super::chart::{BarValue, CostRow};
use crate::activation::{Activation, ALL};
use crate::cost::{Bar, Bench, ClockVerdict, Part, COARSE_BOUND, MIN_RUN_MS};
use crate::i18n::{fmt_num, t, tf, Lang};

/// Below this ratio sigmoid is "not clearly slower" than ReLU.
const CLEARLY_SLOWER: f64 = 1.1;

/// `x` with `n` significant digits (at least), trailing zeros dropped.
pub fn sig(x: f64, n: usize) -> String {
    if !x.is_finite() || x == 0.0 {
        return fmt_num(x, 0);
    }
    let decimals = (n as i32 - 1 - x.abs().log10().floor() as i32).max(0) as usize;
    fmt_num(x, decimals)
}

/// A clock step for the reader: "100 µs", "1 ms", "33 ns".
pub fn fmt_tick(ms: f64) -> String {
    if ms >= 1.0 {
        format!("{} ms", sig(ms, 2))
    } else if ms >= 1e-3 {
        format!("{} µs", sig(ms * 1e3, 2))
    } else {
        format!("{} ns", sig(ms * 1e6, 2))
    }
}

/// The short name of an activation on the chart.
pub fn short_label(lang: Lang, a: Activation) -> &'static str {
    t(lang, &format!("cost.short.{}", a.name()))
}

/// What a bar shows.
pub fn value(bar: Option<&Bar>, tick_ms: Option<f64>) -> BarValue {
    let Some(bar) = bar else { return BarValue::Pending };
    if bar.failed {
        return BarValue::Unmeasurable;
    }
    match (bar.ns(), tick_ms.and_then(|t| bar.error_bound(t))) {
        (Some(ns), Some(bound)) => BarValue::Measured { ns, bound },
        _ => BarValue::Pending,
    }
}

/// One chart row per activation of the benchmark, in the page's order.
pub fn rows(bench: &Bench, lang: Lang) -> Vec<CostRow> {
    let tick = bench.tick_ms();
    ALL.into_iter()
        .filter(|a| bench.bar(*a, Part::F).is_some())
        .map(|a| CostRow {
            act: a,
            label: short_label(lang, a).to_string(),
            f: value(bench.bar(a, Part::F), tick),
            df: value(bench.bar(a, Part::Df), tick),
        })
        .collect()
}

/// Median ns of `slow`'s f over `fast`'s f, when both are timed.
pub fn ratio(bench: &Bench, slow: Activation, fast: Activation) -> Option<f64> {
    let ns = |a| bench.bar(a, Part::F).and_then(Bar::ns);
    Some(ns(slow)? / ns(fast)?)
}

/// The key number and its sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The ratio in large type ("7.4×"), when there is one.
    pub big: Option<String>,
    pub sentence: String,
}

/// How much longer sigmoid takes than ReLU, in words, and the dearest f once done.
pub fn key(bench: &Bench, lang: Lang) -> Key {
    let ns = |a| bench.bar(a, Part::F).and_then(Bar::ns);
    let unusable = matches!(bench.verdict(), ClockVerdict::TooCoarse(_) | ClockVerdict::Stopped(_));
    let failed = |a| bench.bar(a, Part::F).is_some_and(|b| b.failed);
    let (big, mut sentence) = match (ns(Activation::Sigmoid), ns(Activation::Relu)) {
        (Some(s), Some(r)) => {
            let ratio = s / r;
            let args = [("ratio", sig(ratio, 2)), ("sigmoid", sig(s, 3)), ("relu", sig(r, 3))];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if ratio >= CLEARLY_SLOWER {
                (Some(format!("{}×", sig(ratio, 2))), tf(lang, "cost.key.slower", &args))
            } else {
                (None, tf(lang, "cost.key.close", &args))
            }
        }
        _ if unusable || failed(Activation::Sigmoid) || failed(Activation::Relu) => {
            (None, t(lang, "cost.key.none").to_string())
        }
        _ => (None, t(lang, "cost.key.pending").to_string()),
    };
    if bench.done() {
        let dearest = bench
            .bars()
            .iter()
            .filter(|b| b.part == Part::F)
            .filter_map(|b| Some((b.act, b.ns()?)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((a, v)) = dearest {
            sentence.push(' ');
            sentence += &tf(lang, "cost.key.dearest", &[("act", short_label(lang, a)), ("ns", &sig(v, 3))]);
        }
    }
    Key { big, sentence }
}

/// Where the measurement is, for the status line.
pub fn status(bench: &Bench, lang: Lang) -> String {
    if bench.done() {
        return match bench.verdict() {
            ClockVerdict::Tick(_) => tf(
                lang,
                "cost.state.done",
                &[("runs", &bench.runs().to_string()), ("ms", &fmt_num(MIN_RUN_MS, 0))],
            ),
            _ => t(lang, "cost.state.failed").to_string(),
        };
    }
    match (bench.verdict(), bench.round()) {
        (ClockVerdict::Probing, _) if !bench.started() => t(lang, "cost.state.waiting").to_string(),
        (ClockVerdict::Probing, _) => t(lang, "cost.state.clock").to_string(),
        (_, 0) => t(lang, "cost.state.warmup").to_string(),
        (_, r) => tf(lang, "cost.state.round", &[("round", &r.to_string()), ("runs", &bench.runs().to_string())]),
    }
}

/// The largest error bound over the measured bars.
pub fn worst_bound(bench: &Bench) -> Option<f64> {
    let tick = bench.tick_ms()?;
    bench.bars().iter().filter_map(|b| b.error_bound(tick)).reduce(f64::max)
}

/// The sentence about the clock, and whether it is a warning.
pub fn clock_note(bench: &Bench, lang: Lang) -> Option<(String, bool)> {
    let ms = fmt_num(MIN_RUN_MS, 0);
    match bench.verdict() {
        ClockVerdict::Probing => None,
        ClockVerdict::Tick(tick) => {
            let tick = fmt_tick(tick);
            Some(match worst_bound(bench) {
                None => (tf(lang, "cost.clock.tick_only", &[("tick", &tick)]), false),
                Some(b) => {
                    let pct = sig((b * 100.0).max(0.1), 2);
                    let args = [("tick", tick.as_str()), ("ms", ms.as_str()), ("pct", pct.as_str())];
                    if b > COARSE_BOUND {
                        (tf(lang, "cost.clock.coarse", &args), true)
                    } else {
                        (tf(lang, "cost.clock.tick", &args), false)
                    }
                }
            })
        }
        ClockVerdict::TooCoarse(tick) => Some((tf(lang, "cost.clock.too_coarse", &[("tick", &fmt_tick(tick))]), true)),
        ClockVerdict::Stopped(reads) => Some((tf(lang, "cost.clock.stopped", &[("reads", &reads.to_string())]), true)),
    }
}

/// The browser's name, major version and system, short ("Firefox 128 · Linux"),
/// from a `navigator.userAgent` string; `None` when it names no browser we know.
pub fn browser(ua: &str) -> Option<String> {
    let major = |token: &str| -> Option<String> {
        let rest = ua.split(token).nth(1)?;
        let v: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        (!v.is_empty()).then_some(v)
    };
    // Order matters: Edge and Opera also say "Chrome/", Chrome also says "Safari/".
    const NAMES: [(&str, &str); 9] = [
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("HeadlessChrome/", "Headless Chrome"),
        ("CriOS/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
    ];
    let name = NAMES
        .iter()
        .find_map(|(token, name)| Some(format!("{name} {}", major(token)?)))
        .or_else(|| (ua.contains("Safari/")).then(|| major("Version/").map(|v| format!("Safari {v}")))?)?;
    const SYSTEMS: [(&str, &str); 8] = [
        ("Windows", "Windows"),
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Macintosh", "macOS"),
        ("Linux", "Linux"),
    ];
    Some(match SYSTEMS.iter().find(|(token, _)| ua.contains(token)) {
        Some((_, system)) => format!("{name} · {system}"),
        None => name,
    })
}

/// A JSON number, or `null` when there is none.
fn json_num(x: Option<f64>) -> String {
    x.filter(|x| x.is_finite()).map_or("null".into(), |x| format!("{x}"))
}

/// The benchmark as JSON (the page's `data-cost`, read by the end-to-end
/// tests): the clock's tick, then per bar its median ns, runs, shortest
/// run, error bound, evaluations and checksum.
pub fn report_json(bench: &Bench) -> String {
    let tick = bench.tick_ms();
    let bars: Vec<String> = bench
        .bars()
        .iter()
        .map(|b| {
            let shortest = b.runs.iter().map(|r| r.elapsed_ms).reduce(f64::min);
            format!(
                "{{\"act\":\"{}\",\"part\":\"{}\",\"ns\":{},\"runs\":{},\"shortest_run_ms\":{},\"bound\":{},\"evals\":{},\"checksum\":{}}}",
                b.act.name(),
                if b.part == Part::F { "f" } else { "df" },
                json_num(b.ns()),
                b.runs.len(),
                json_num(shortest),
                json_num(tick.and_then(|t| b.error_bound(t))),
                b.evals,
                json_num(Some(b.checksum)),
            )
        })
        .collect();
    format!(
        "{{\"tick_ms\":{},\"min_run_ms\":{},\"done\":{},\"coarse\":{},\"bars\":[{}]}}",
        json_num(tick),
        MIN_RUN_MS,
        bench.done(),
        bench.coarse(),
        bars.join(",")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn coarse_clock(tick_ms: f64) -> impl FnMut() -> f64 {
        let t0 = Instant::now();
        move || (t0.elapsed().as_secs_f64() * 1e3 / tick_ms).floor() * tick_ms
    }

    #[test]
    fn numbers_read_as_a_person_writes_them() {
        assert_eq!(sig(27.63, 2), "28");
        assert_eq!(sig(7.424, 2), "7.4");
        assert_eq!(sig(0.2534, 3), "0.253");
        assert_eq!(fmt_tick(0.1), "100 µs");
        assert_eq!(fmt_tick(0.005), "5 µs");
        assert_eq!(fmt_tick(1.0), "1 ms");
        assert_eq!(fmt_tick(3.3e-5), "33 ns");
    }

    #[test]
    fn browsers_are_named_briefly() {
        let cases = [
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36", "Headless Chrome 140 · Linux"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87", "Edge 126 · Windows"),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128 · Linux"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17 · macOS"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17 · iOS"),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36", "Chrome 126 · Android"),
        ];
        for (ua, want) in cases {
            assert_eq!(browser(ua).as_deref(), Some(want), "{ua}");
        }
        assert_eq!(browser("curl/8.0"), None);
        assert_eq!(browser(""), None);
    }

    #[test]
    fn before_measuring_everything_is_pending_and_said_so() {
        let b = Bench::new(&ALL, 5, 1);
        let rows = rows(&b, Lang::En);
        assert_eq!(rows.len(), 9);
        assert!(rows.iter().all(|r| r.f == BarValue::Pending && r.df == BarValue::Pending));
        assert_eq!(key(&b, Lang::En), Key { big: None, sentence: t(Lang::En, "cost.key.pending").into() });
        assert_eq!(status(&b, Lang::ZhTw), t(Lang::ZhTw, "cost.state.waiting"));
        assert_eq!(clock_note(&b, Lang::En), None);
    }

    #[test]
    fn a_stopped_clock_is_reported_in_every_sentence() {
        let mut b = Bench::new(&ALL, 3, 1);
        while !b.advance(8.0, &mut || 1.0) {}
        assert!(rows(&b, Lang::En).iter().all(|r| r.f == BarValue::Unmeasurable && r.df == BarValue::Unmeasurable));
        assert_eq!(key(&b, Lang::En).sentence, t(Lang::En, "cost.key.none"));
        assert_eq!(status(&b, Lang::En), t(Lang::En, "cost.state.failed"));
        let (note, warn) = clock_note(&b, Lang::En).unwrap();
        assert!(warn && note.contains("200000"), "{note}");
        let json: serde_json::Value = serde_json::from_str(&report_json(&b)).unwrap();
        assert!(json["tick_ms"].is_null());
        assert!(json["bars"].as_array().unwrap().iter().all(|b| b["ns"].is_null()));
    }

    #[test]
    fn the_key_ratio_is_computed_from_the_measured_bars() {
        let mut b = Bench::new(&[Activation::Sigmoid, Activation::Relu], 1, 1);
        while !b.advance(8.0, &mut coarse_clock(0.1)) {}
        let (s, r) = (b.bar(Activation::Sigmoid, Part::F).unwrap().ns().unwrap(), b.bar(Activation::Relu, Part::F).unwrap().ns().unwrap());
        assert_eq!(ratio(&b, Activation::Sigmoid, Activation::Relu), Some(s / r));
        for lang in [Lang::En, Lang::ZhTw] {
            let k = key(&b, lang);
            // Whichever way this machine's numbers fall, the sentence states them.
            assert!(k.sentence.contains(&sig(s, 3)) && k.sentence.contains(&sig(r, 3)), "{}", k.sentence);
            assert_eq!(k.big.is_some(), s / r >= CLEARLY_SLOWER);
            if let Some(big) = k.big {
                assert_eq!(big, format!("{}×", sig(s / r, 2)));
            }
        }
        let rows = rows(&b, Lang::En);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| matches!(r.f, BarValue::Measured { ns, bound } if ns > 0.0 && bound > 0.0)));
        let json: serde_json::Value = serde_json::from_str(&report_json(&b)).unwrap();
        let bars = json["bars"].as_array().unwrap();
        assert_eq!(bars.len(), 4);
        for bar in bars {
            assert!(bar["ns"].as_f64().is_some_and(|v| v > 0.0));
            assert!(bar["shortest_run_ms"].as_f64().is_some_and(|v| v >= MIN_RUN_MS));
        }
        assert_eq!(json["done"], true);
        assert!(clock_note(&b, Lang::ZhTw).is_some_and(|(n, _)| n.contains("100 µs")));
    }
}
