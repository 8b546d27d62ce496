//! Generic records at concrete types and tuples (the conformance fixture's `generics` feature):
//! tests/c/generics.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "generics",
    features: "generics,generic_enums",
    programs: &[("generics", 60)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn generics_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// generics.c calls every function of the feature's module, and the header gives each
/// instantiation and tuple the size and alignment the library reports.
#[test]
fn generics_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
