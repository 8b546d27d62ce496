//! Rust closures the library returns whose results own data (the conformance fixture's
//! `callback_returned_owned` feature, ADR 56): tests/c/callback_returned_owned.c through
//! [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "returned_owned",
    features: "callback_returned_owned",
    programs: &[("callback_returned_owned", 59)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_returned_owned_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_returned_owned.c calls every function of the feature's module, and the header gives
/// each of its types the size and alignment the library reports.
#[test]
fn callback_returned_owned_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
