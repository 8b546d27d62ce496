//! Enums whose variants carry data (the conformance fixture's `data_enums` feature):
//! tests/c/data_enums.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "data_enums",
    features: "data_enums",
    programs: &[("data_enums", 72)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn data_enums_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// data_enums.c calls every function of the feature's modules, and the header gives each data enum
/// and record the size and alignment the library reports.
#[test]
fn data_enums_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
