//! README.md's support matrix is generated from the capability tables of the built-in backends (the
//! registry's, in its order). This test fails when the committed table and the code disagree;
//! `INTEROP_BLESS=1` rewrites the README's table.

use interop_backends::common::feature_table;
use interop_backends::registry;

#[test]
fn readme_feature_table_matches_the_capability_tables() {
    let readme_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("read README.md");
    let table = feature_table::render(&registry::builtin().capabilities());
    let updated = feature_table::splice(&readme, &table).unwrap_or_else(|| {
        panic!(
            "README.md has no feature-table markers:\n{}\n…\n{}",
            feature_table::BEGIN_MARKER,
            feature_table::END_MARKER
        )
    });
    if updated == readme {
        return;
    }
    if std::env::var("INTEROP_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&readme_path, updated).expect("write README.md");
        return;
    }
    panic!(
        "README.md's feature table is out of date with the capability tables; rerun with \
         INTEROP_BLESS=1 to rewrite it. Expected:\n{table}"
    );
}
