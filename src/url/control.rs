//! One table row per control: its address name, label, kind and range, and how to get and set it in the widget's typed params.
//!
//! The same row gives the control's element in the page (min, max, step
//! generated from it, not repeated by hand), the address parse with its
//! clamping and notice, the address write, and the `hide`/`lock` name.

use super::{Notice, Problem, Query, Scope};

/// What kind of value a control holds, and its bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A slider over `min..=max` in steps of `step` (counted from `min`).
    Num { min: f64, max: f64, step: f64 },
    /// A slider over log10 of the value: exponents `min..=max` in steps of
    /// `step`; the address holds the value itself (`lr=0.03`).
    Log10 { min: f64, max: f64, step: f64 },
    /// A whole number typed in a box (random seeds): 0 to `max`.
    Seed { max: u32 },
    /// One name of `names` (a menu); option labels are the text keys
    /// `<labels>.<name>`.
    Choice { names: &'static [&'static str], labels: &'static str },
    /// Any subset of `names` (checkboxes), a comma list in the address.
    Set { names: &'static [&'static str], labels: &'static str },
    /// On or off (a checkbox): `1` or `0` in the address.
    Bool,
}

/// A control's value, already valid for its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Num(f64),
    /// An index into the control's names.
    Choice(usize),
    /// One flag per name.
    Set(Vec<bool>),
    Bool(bool),
}

impl Value {
    /// The number of a `Num`, `Log10` or `Seed` control (0 otherwise).
    pub fn num(&self) -> f64 {
        match self {
            Value::Num(v) => *v,
            _ => 0.0,
        }
    }

    /// The index of a `Choice` control (0 otherwise).
    pub fn index(&self) -> usize {
        match self {
            Value::Choice(i) => *i,
            _ => 0,
        }
    }

    /// The flag of a `Bool` control (false otherwise).
    pub fn on(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

/// One control of a widget.
pub struct Control<P> {
    /// The bare address name, also the `hide`/`lock` name and the element's
    /// `data-control`: short and stable forever (`act`, `depth`, `lr`).
    pub name: &'static str,
    /// The text key of its visible label.
    pub label: &'static str,
    pub kind: Kind,
    /// Structural (the model is rebuilt) or hot (takes effect on the next step).
    pub rebuild: bool,
    /// Folded under "more settings" rather than in sight.
    pub more: bool,
    pub get: fn(&P) -> Value,
    /// Receives a value already valid for `kind`.
    pub set: fn(&mut P, Value),
}

/// A widget's typed parameters: the single source of truth of its state.
pub trait Params: Default + Clone + PartialEq + 'static {
    /// The widget id: its root `data-widget`, address prefix and text-key prefix.
    const ID: &'static str;
    const CONTROLS: &'static [Control<Self>];
}

/// Rounds to 3 significant digits: what a log slider's position becomes,
/// so that the address reads `0.0316`, not `0.03162277660168379`.
fn round_sig3(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = x.abs().log10().floor() as i32 - 2;
    let s = 10f64.powi(-e);
    (x * s).round() / s
}

impl Kind {
    /// Reads an address value; `default` is the widget's default for this
    /// control. A bad value gives the value used instead and the problem.
    pub fn parse(&self, raw: &str, default: &Value) -> (Value, Option<Problem>) {
        let raw = raw.trim();
        match *self {
            Kind::Num { min, max, step } => {
                let Some(v) = raw.parse::<f64>().ok().filter(|v| v.is_finite()) else {
                    return (default.clone(), Some(Problem::Number { min, max, used: default.num() }));
                };
                if !(min..=max).contains(&v) {
                    let used = snap(v.clamp(min, max), min, max, step);
                    return (Value::Num(used), Some(Problem::Number { min, max, used }));
                }
                let used = snap(v, min, max, step);
                let problem = (used != v).then_some(Problem::Step { step, used });
                (Value::Num(used), problem)
            }
            Kind::Log10 { min, max, .. } => {
                let (lo, hi) = (10f64.powf(min), 10f64.powf(max));
                match raw.parse::<f64>().ok().filter(|v| v.is_finite()) {
                    Some(v) if (lo..=hi).contains(&v) => (Value::Num(v), None),
                    Some(v) if v > 0.0 => {
                        let used = v.clamp(lo, hi);
                        (Value::Num(used), Some(Problem::Number { min: lo, max: hi, used }))
                    }
                    _ => (default.clone(), Some(Problem::Number { min: lo, max: hi, used: default.num() })),
                }
            }
            Kind::Seed { max } => {
                let max = max as f64;
                match raw.parse::<f64>().ok().filter(|v| v.is_finite()) {
                    Some(v) if (0.0..=max).contains(&v) && v.fract() == 0.0 => (Value::Num(v), None),
                    Some(v) => {
                        let used = v.round().clamp(0.0, max);
                        (Value::Num(used), Some(Problem::Number { min: 0.0, max, used }))
                    }
                    None => (default.clone(), Some(Problem::Number { min: 0.0, max, used: default.num() })),
                }
            }
            Kind::Choice { names, .. } => match names.iter().position(|n| n.eq_ignore_ascii_case(raw)) {
                Some(i) => (Value::Choice(i), None),
                None => (default.clone(), Some(Problem::Name)),
            },
            Kind::Set { names, .. } => {
                let mut on = vec![false; names.len()];
                let mut unknown = false;
                for part in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match names.iter().position(|n| n.eq_ignore_ascii_case(part)) {
                        Some(i) => on[i] = true,
                        None => unknown = true,
                    }
                }
                // A link whose every name is unknown shows the defaults, not nothing.
                if unknown && !on.contains(&true) {
                    return (default.clone(), Some(Problem::Name));
                }
                (Value::Set(on), unknown.then_some(Problem::Name))
            }
            Kind::Bool => match raw.to_ascii_lowercase().as_str() {
                "" | "1" | "true" | "on" | "yes" => (Value::Bool(true), None),
                "0" | "false" | "off" | "no" => (Value::Bool(false), None),
                _ => (default.clone(), Some(Problem::Flag)),
            },
        }
    }

    /// Reads the value of the control's element in the page: a slider's
    /// position (for `Log10`, the exponent), a menu's name, a comma list of
    /// ticked names, `true`/`false`. `None` when the element holds nothing usable.
    pub fn from_input(&self, raw: &str) -> Option<Value> {
        match *self {
            Kind::Log10 { min, max, .. } => {
                let e = raw.trim().parse::<f64>().ok().filter(|v| v.is_finite())?.clamp(min, max);
                Some(Value::Num(round_sig3(10f64.powf(e))))
            }
            Kind::Bool => Some(Value::Bool(raw == "true")),
            _ => match self.parse(raw, &Value::Num(f64::NAN)) {
                (v, None) => Some(v),
                (Value::Num(v), Some(_)) if v.is_finite() => Some(Value::Num(v)),
                (Value::Set(s), Some(_)) => Some(Value::Set(s)),
                _ => None,
            },
        }
    }

    /// The value as the address writes it.
    pub fn format(&self, v: &Value) -> String {
        match (self, v) {
            (Kind::Choice { names, .. }, Value::Choice(i)) => names.get(*i).copied().unwrap_or("").to_string(),
            (Kind::Set { names, .. }, Value::Set(on)) => {
                names.iter().zip(on).filter(|(_, &on)| on).map(|(n, _)| *n).collect::<Vec<_>>().join(",")
            }
            (_, Value::Bool(b)) => if *b { "1" } else { "0" }.to_string(),
            (_, Value::Num(x)) => format!("{x}"),
            _ => String::new(),
        }
    }

    /// The value as the control's element holds it (a log slider's exponent).
    pub fn input_value(&self, v: &Value) -> String {
        match (self, v) {
            (Kind::Log10 { step, .. }, Value::Num(x)) => {
                let e = x.log10();
                format!("{}", tidy((e / step).round() * step))
            }
            (_, Value::Bool(b)) => b.to_string(),
            _ => self.format(v),
        }
    }
}

/// `x` rounded to 12 significant digits, so that grid points computed as
/// `k * 0.1` print as `-0.3`, not `-0.30000000000000004`.
fn tidy(x: f64) -> f64 {
    format!("{x:.12e}").parse().unwrap_or(x)
}

/// `v` rounded onto the grid `min + k * step`, kept inside `min..=max`.
fn snap(v: f64, min: f64, max: f64, step: f64) -> f64 {
    if step <= 0.0 {
        return v;
    }
    let k = ((v - min) / step).round();
    // Rounded to 12 significant digits, so 0.1-steps print as 0.3, not 0.30000000000000004.
    tidy(min + k * step).clamp(min, max)
}

/// Reads every control of `P` from the address in `scope` into `p`,
/// pushing a notice (for widget `P::ID`) for each value it could not use.
pub fn read<P: Params>(p: &mut P, q: &Query, scope: Scope, notices: &mut Vec<Notice>) {
    let defaults = P::default();
    for c in P::CONTROLS {
        // The full name wins over a legacy bare one; the one not used raises no notice.
        let Some((key, raw)) = scope.keys(P::ID, c.name).into_iter().rev().find_map(|k| q.get(&k).map(|v| (k, v)))
        else {
            continue;
        };
        let (value, problem) = c.kind.parse(raw, &(c.get)(&defaults));
        if let Some(problem) = problem {
            notices.push(Notice { widget: Some(P::ID), key, value: raw.to_string(), problem });
        }
        (c.set)(p, value);
    }
}

/// Appends the address pairs of every control of `p` that differs from its
/// default, in table order (defaults are left out: short links).
pub fn write<P: Params>(p: &P, scope: Scope, out: &mut Vec<(String, String)>) {
    let defaults = P::default();
    for c in P::CONTROLS {
        let v = (c.get)(p);
        if v != (c.get)(&defaults) {
            out.push((scope.key(P::ID, c.name), c.kind.format(&v)));
        }
    }
}

/// Sets control `name` of `p` from its element's value; returns whether
/// the change is structural (`Some(true)`), hot (`Some(false)`) or not a
/// change at all (`None`: unknown control, unusable or unchanged value).
pub fn apply<P: Params>(p: &mut P, name: &str, raw: &str) -> Option<bool> {
    let c = P::CONTROLS.iter().find(|c| c.name == name)?;
    let v = c.kind.from_input(raw)?;
    if v == (c.get)(p) {
        return None;
    }
    (c.set)(p, v);
    Some(c.rebuild)
}

/// One control row without its widget's type: what the page and the
/// registry tests need to know of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub rebuild: bool,
    pub more: bool,
}

/// A widget's params behind a pointer, for code that loops over widgets.
pub trait ParamsDyn {
    fn id(&self) -> &'static str;
    fn rows(&self) -> Vec<Row>;
    fn get(&self, name: &str) -> Option<Value>;
    /// Sets a value already valid for the control's kind.
    fn set(&mut self, name: &str, v: Value);
    fn read(&mut self, q: &Query, scope: Scope, notices: &mut Vec<Notice>);
    fn write(&self, scope: Scope, out: &mut Vec<(String, String)>);
}

impl<P: Params> ParamsDyn for P {
    fn id(&self) -> &'static str {
        P::ID
    }
    fn rows(&self) -> Vec<Row> {
        P::CONTROLS
            .iter()
            .map(|c| Row { name: c.name, label: c.label, kind: c.kind, rebuild: c.rebuild, more: c.more })
            .collect()
    }
    fn get(&self, name: &str) -> Option<Value> {
        P::CONTROLS.iter().find(|c| c.name == name).map(|c| (c.get)(self))
    }
    fn set(&mut self, name: &str, v: Value) {
        if let Some(c) = P::CONTROLS.iter().find(|c| c.name == name) {
            (c.set)(self, v);
        }
    }
    fn read(&mut self, q: &Query, scope: Scope, notices: &mut Vec<Notice>) {
        read(self, q, scope, notices)
    }
    fn write(&self, scope: Scope, out: &mut Vec<(String, String)>) {
        write(self, scope, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUM: Kind = Kind::Num { min: 1.0, max: 50.0, step: 1.0 };
    const LOG: Kind = Kind::Log10 { min: -4.0, max: 1.0, step: 0.1 };

    #[test]
    fn numbers_clamp_round_onto_the_step_and_fall_back() {
        let d = Value::Num(6.0);
        assert_eq!(NUM.parse("12", &d), (Value::Num(12.0), None));
        assert_eq!(NUM.parse("1e9", &d), (Value::Num(50.0), Some(Problem::Number { min: 1.0, max: 50.0, used: 50.0 })));
        assert_eq!(NUM.parse("2.5", &d).0, Value::Num(3.0));
        assert!(
            matches!(NUM.parse("2.4", &d), (Value::Num(v), Some(Problem::Step { used, .. })) if v == 2.0 && used == 2.0)
        );
        for bad in ["NaN", "inf", "-", "", "wide"] {
            assert_eq!(NUM.parse(bad, &d).0, d, "{bad}");
            assert!(NUM.parse(bad, &d).1.is_some(), "{bad}");
        }
        let tenth = Kind::Num { min: 0.0, max: 1.0, step: 0.1 };
        assert_eq!(tenth.parse("0.3", &d), (Value::Num(0.3), None), "0.3 is on a 0.1 grid");
    }

    #[test]
    fn log_sliders_hold_values_and_move_in_exponents() {
        let d = Value::Num(0.1);
        assert_eq!(LOG.parse("0.03", &d), (Value::Num(0.03), None));
        assert_eq!(LOG.parse("100", &d).0, Value::Num(10.0));
        assert_eq!(LOG.parse("1e-9", &d).0, Value::Num(1e-4));
        assert_eq!(LOG.parse("0", &d).0, d);
        assert_eq!(LOG.parse("-1", &d).0, d);
        assert_eq!(LOG.from_input("-1.5"), Some(Value::Num(0.0316)));
        assert_eq!(LOG.input_value(&Value::Num(0.0316)), "-1.5");
        assert_eq!(LOG.from_input("7"), Some(Value::Num(10.0)), "clamped to the slider's end");
        assert_eq!(LOG.input_value(&Value::Num(0.5)), "-0.3", "no float noise in the slider's value");
    }

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Two {
        act: Vec<bool>,
    }

    impl Params for Two {
        const ID: &'static str = "curves";
        const CONTROLS: &'static [Control<Self>] = &[Control {
            name: "act",
            label: "curves.show",
            kind: Kind::Set { names: &["a", "b"], labels: "x" },
            rebuild: true,
            more: false,
            get: |p| Value::Set(if p.act.is_empty() { vec![false, false] } else { p.act.clone() }),
            set: |p, v| {
                if let Value::Set(s) = v {
                    p.act = s;
                }
            },
        }];
    }

    #[test]
    fn the_full_name_wins_over_the_legacy_one_without_a_notice() {
        let mut p = Two::default();
        let mut notices = Vec::new();
        read(&mut p, &Query::parse("act=zzz&curves.act=b"), Scope::Page, &mut notices);
        assert_eq!(p.act, [false, true]);
        assert_eq!(notices, []);
        read(&mut p, &Query::parse("act=a"), Scope::Page, &mut notices);
        assert_eq!(p.act, [true, false], "the legacy name alone still works");
    }

    #[test]
    fn names_and_sets_and_flags() {
        const C: Kind = Kind::Choice { names: &["a", "bb"], labels: "x" };
        const S: Kind = Kind::Set { names: &["a", "bb", "c"], labels: "x" };
        assert_eq!(C.parse(" BB ", &Value::Choice(0)), (Value::Choice(1), None));
        assert_eq!(C.parse("zz", &Value::Choice(0)), (Value::Choice(0), Some(Problem::Name)));
        let d = Value::Set(vec![true, false, false]);
        assert_eq!(S.parse("c,bb", &d), (Value::Set(vec![false, true, true]), None));
        assert_eq!(S.parse("c,zz", &d), (Value::Set(vec![false, false, true]), Some(Problem::Name)));
        assert_eq!(S.parse("zz", &d), (d.clone(), Some(Problem::Name)));
        assert_eq!(S.parse("", &d), (Value::Set(vec![false; 3]), None), "an empty list shows nothing");
        assert_eq!(S.format(&Value::Set(vec![true, false, true])), "a,c");
        assert_eq!(Kind::Bool.parse("", &Value::Bool(false)).0, Value::Bool(true), "?train alone means on");
        assert_eq!(Kind::Bool.parse("maybe", &Value::Bool(false)), (Value::Bool(false), Some(Problem::Flag)));
        let seed = Kind::Seed { max: 999 };
        assert_eq!(seed.parse("12", &Value::Num(1.0)), (Value::Num(12.0), None));
        assert_eq!(seed.parse("12.6", &Value::Num(1.0)).0, Value::Num(13.0));
        assert_eq!(seed.parse("-5", &Value::Num(1.0)).0, Value::Num(0.0));
    }
}
