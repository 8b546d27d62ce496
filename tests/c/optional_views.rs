//! Optional borrowed views as parameters (the conformance fixture's `optional_views` feature,
//! ADR 46): tests/c/optional_views.c through [`Feature`].

use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "optional_views",
    features: "optional_views",
    programs: &[("optional_views", 111)],
    extra_layouts: |_| Vec::new(),
};

#[test]
fn optional_views_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// optional_views.c calls every function of the feature's module, and the header gives each of
/// its types the size and alignment the library reports.
#[test]
fn optional_views_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
