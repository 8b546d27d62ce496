//! `core::cmp::Ordering` (the conformance fixture's `ordering` feature, ADR 57): tests/c/ordering.c
//! through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "ordering",
    features: "ordering",
    programs: &[("ordering", 45)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn ordering_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// ordering.c calls every function of the feature's module, and the header gives each of its
/// types the size and alignment the library reports.
#[test]
fn ordering_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
