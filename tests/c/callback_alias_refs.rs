//! Named callback types whose parameters borrow (the conformance fixture's `callback_alias_refs`
//! feature, ADR 60): tests/c/callback_alias_refs.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "alias_refs",
    features: "callback_alias_refs",
    programs: &[("callback_alias_refs", 54)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn callback_alias_refs_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// callback_alias_refs.c calls every function of the feature's module, and the header gives each of its
/// types the size and alignment the library reports.
#[test]
fn callback_alias_refs_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
