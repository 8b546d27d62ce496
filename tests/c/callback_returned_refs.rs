//! Rust closures the library returns taking `&T` of records owning data (the conformance
//! fixture's `callback_returned_refs` feature, ADR 61): tests/c/callback_returned_refs.c through
//! [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "returned_refs",
    features: "callback_returned_refs",
    programs: &[("callback_returned_refs", 30)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_returned_refs_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_returned_refs.c calls every function of the feature's module, and the header gives
/// each of its types the size and alignment the library reports.
#[test]
fn callback_returned_refs_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
