//! Named callback types sharing a signature (the conformance fixture's `callback_twins` feature,
//! ADR 42): tests/c/callback_twins.c through [`Feature`]. The program passes each closure as the
//! struct its Rust source spelled (`OnProgress`/`OnResize`, `OnEvent`/`OnChange`, the unnamed
//! `CallbackU64U64`), so it compiles only if each item got its own.

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "twins",
    features: "callback_twins",
    programs: &[("callback_twins", 29)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_twins_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_twins.c calls every function of the feature's module, and the header gives each of
/// its types the size and alignment the library reports.
#[test]
fn callback_twins_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
