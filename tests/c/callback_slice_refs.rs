//! Closures taking `&[T]` of data owning types (the conformance fixture's `callback_slice_refs` feature,
//! ADR 62): tests/c/callback_slice_refs.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "slice_refs",
    features: "callback_slice_refs",
    programs: &[("callback_slice_refs", 36)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_slice_refs_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_slice_refs.c calls every function of the feature's module, and the header gives each of its
/// types the size and alignment the library reports.
#[test]
fn callback_slice_refs_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
