//! Closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]` (the conformance fixture's
//! `callback_optional_refs` feature, ADR 66): tests/c/callback_optional_refs.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "optional_refs",
    features: "callback_optional_refs",
    programs: &[("callback_optional_refs", 37)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_optional_refs_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_optional_refs.c calls every function of the feature's module, and the header gives
/// each of its types the size and alignment the library reports.
#[test]
fn callback_optional_refs_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
