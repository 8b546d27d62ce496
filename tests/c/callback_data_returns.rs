//! Closures returning data enums and tuples, and `Result`s whose error is a data enum (the
//! conformance fixture's `callback_data_returns` feature, ADR 63): tests/c/callback_data_returns.c
//! through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "data_returns",
    features: "callback_data_returns",
    programs: &[("callback_data_returns", 52)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_data_returns_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_data_returns.c calls every function of the feature's module, and the header gives each
/// of its types the size and alignment the library reports.
#[test]
fn callback_data_returns_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
