//! Closures returning owned data (the conformance fixture's `callback_returns` feature, ADR 54):
//! tests/c/callback_returns.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "returns",
    features: "callback_returns",
    programs: &[("callback_returns", 49)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_returns_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_returns.c calls every function of the feature's module, and the header gives each of
/// its types the size and alignment the library reports.
#[test]
fn callback_returns_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
