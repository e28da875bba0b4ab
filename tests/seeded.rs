//! One seed gives the same weights and data forever (links with `seed=` must
//! keep drawing the same picture), and the same bits natively and in the
//! browser (tests/web.rs compares against the same file).
//! `UPDATE_SEEDED=1 cargo test --test seeded` rewrites the file after an
//! intended change of the generator; say so in the commit.

mod common;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeded-weights.txt");

#[test]
fn seeded_weights_and_data_are_stable() {
    let got = common::seeded::lines();
    if std::env::var_os("UPDATE_SEEDED").is_some() {
        std::fs::write(FILE, got.join("\n") + "\n").unwrap();
    }
    let want: Vec<String> =
        std::fs::read_to_string(FILE).expect("tests/fixtures/seeded-weights.txt").lines().map(String::from).collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "the seeded stream changed");
    }
}
