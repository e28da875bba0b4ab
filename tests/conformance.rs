//! Reference conformance: every case of every `*.json` in `tests/fixtures/`
//! and, when `ACTIVATION_REFERENCE_DIR` is set, in that folder too, checked
//! as shared/reference/FORMAT.md says. The cases come from JAX autodiff in
//! float64 (tests/gen_reference.py), never from this crate's formulas.

use std::path::{Path, PathBuf};

use activation_lab::activation::Activation;
use serde_json::Value;

mod reference;
use reference::{close, num, num_vec};

/// Checks one "activation" case; `Err` names the first mismatching value.
fn check_activation(case: &Value) -> Result<usize, String> {
    let name = case["name"].as_str().ok_or("missing \"name\"")?;
    let alpha = match &case["alpha"] {
        Value::Null => None,
        v => Some(num(v, "alpha")?),
    };
    let act = Activation::from_name(name, alpha).map_err(|e| e.to_string())?;
    let (x, y, dy) = (num_vec(&case["x"], "x")?, num_vec(&case["y"], "y")?, num_vec(&case["dy"], "dy")?);
    if x.len() != y.len() || x.len() != dy.len() || x.is_empty() {
        return Err(format!("x, y, dy lengths {} {} {}", x.len(), y.len(), dy.len()));
    }
    for i in 0..x.len() {
        close(act.f(x[i]), y[i], 1e-12, 1e-9).map_err(|m| format!("y[{i}] at x = {:e}: {m}", x[i]))?;
        close(act.df(x[i]), dy[i], 1e-12, 1e-9).map_err(|m| format!("dy[{i}] at x = {:e}: {m}", x[i]))?;
    }
    Ok(x.len() * 2)
}

fn check_case(case: &Value) -> Result<usize, String> {
    match case["kind"].as_str() {
        Some("activation") => check_activation(case),
        Some("backprop") => reference::check_backprop(case),
        Some(other) => Err(format!("unknown kind {other:?}")),
        None => Err("missing \"kind\"".into()),
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read reference folder {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Checks every case of every file; returns (files, cases, values, failures).
fn run(dirs: &[PathBuf]) -> (usize, usize, usize, Vec<String>) {
    let (mut files, mut cases, mut values, mut failures) = (0, 0, 0, Vec::new());
    for dir in dirs {
        for path in json_files(dir) {
            files += 1;
            let doc: Value = match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
            {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{}: cannot parse: {e}", path.display()));
                    continue;
                }
            };
            if doc["format"].as_i64() != Some(1) {
                failures.push(format!("{}: \"format\" is not 1", path.display()));
                continue;
            }
            let Some(list) = doc["cases"].as_array() else {
                failures.push(format!("{}: no \"cases\" array", path.display()));
                continue;
            };
            for (i, case) in list.iter().enumerate() {
                cases += 1;
                let id = case["id"].as_str().map(String::from).unwrap_or_else(|| format!("#{i} (no id)"));
                match check_case(case) {
                    Ok(n) => values += n,
                    Err(e) => failures.push(format!("{}: case {id}: {e}", path.display())),
                }
            }
        }
    }
    (files, cases, values, failures)
}

#[test]
fn reference_cases_conform() {
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    if let Some(extra) = std::env::var_os("ACTIVATION_REFERENCE_DIR") {
        dirs.push(PathBuf::from(extra));
    }
    let (files, cases, values, failures) = run(&dirs);
    println!("checked {values} values in {cases} cases from {files} files");
    assert!(cases > 0, "no reference cases found in {dirs:?}");
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}

/// The checker itself must catch a wrong value, a wrong kind and bad JSON.
#[test]
fn the_checker_rejects_wrong_cases() {
    let dir = std::env::temp_dir().join(format!("activation-lab-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = r#"{"id":"ok","kind":"activation","name":"sigmoid","alpha":null,"x":[0.0],"y":[0.5],"dy":[0.25]}"#;
    let wrong = r#"{"id":"off-by-a-little","kind":"activation","name":"sigmoid","alpha":null,"x":[0.0],"y":[0.5000001],"dy":[0.25]}"#;
    let kind = r#"{"id":"mystery","kind":"convolution"}"#;
    let name = r#"{"id":"bad-name","kind":"activation","name":"swishy","alpha":null,"x":[0.0],"y":[0.0],"dy":[0.0]}"#;
    std::fs::write(
        dir.join("a.json"),
        format!(r#"{{"format":1,"generator":"t","cases":[{good},{wrong},{kind},{name}]}}"#),
    )
    .unwrap();
    std::fs::write(dir.join("b.json"), "{ not json").unwrap();
    let (files, cases, _, failures) = run(std::slice::from_ref(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!((files, cases), (2, 4));
    assert_eq!(failures.len(), 4, "{failures:#?}");
    assert!(failures[0].contains("off-by-a-little") && failures[0].contains("y[0]"), "{}", failures[0]);
    assert!(failures[1].contains("mystery"));
    assert!(failures[2].contains("bad-name"));
    assert!(failures[3].contains("b.json"));
}

/// A backprop case whose per-layer lists have a layer too few or too many
/// fails, naming the list, instead of comparing the common layers and passing.
#[test]
fn a_layer_count_mismatch_fails() {
    let doc: Value = serde_json::from_str(include_str!("fixtures/backprop.json")).unwrap();
    let good = &doc["cases"][0];
    assert!(reference::check_backprop(good).is_ok(), "the unchanged case passes");
    for key in ["grad_weights", "grad_biases", "weights_after", "biases_after"] {
        let mut fewer = good.clone();
        fewer[key].as_array_mut().unwrap().pop();
        let e = reference::check_backprop(&fewer).expect_err(key);
        assert!(e.contains(key) && e.contains("layers"), "{key}: {e}");
        let mut more = good.clone();
        let last = more[key].as_array().unwrap().last().unwrap().clone();
        more[key].as_array_mut().unwrap().push(last);
        let e = reference::check_backprop(&more).expect_err(key);
        assert!(e.contains(key) && e.contains("layers"), "{key}: {e}");
    }
}
