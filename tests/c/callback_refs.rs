//! Closures taking `&T` of records owning data (the conformance fixture's `callback_refs` feature,
//! ADR 58): tests/c/callback_refs.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "refs",
    features: "callback_refs",
    programs: &[("callback_refs", 35)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_refs_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_refs.c calls every function of the feature's module, and the header gives each of its
/// types the size and alignment the library reports.
#[test]
fn callback_refs_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
