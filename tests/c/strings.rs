//! Strings, slices, vectors and records that own them (the conformance fixture's `strings` feature):
//! tests/c/strings.c (text and slices) and tests/c/strings_owned.c (vectors and records owning data)
//! through [`Feature`]; besides the feature's records, the layouts of a view and a
//! buffer of each kind are checked.

use super::Generated;
use super::feature::Feature;

const FEATURE: Feature = Feature {
    name: "strings",
    features: "strings c_strings",
    programs: &[("strings", 85), ("strings_owned", 62)],
    extra_layouts: |inventory| {
        let target = &inventory["target"];
        let view = &target["shapes"]["view"];
        let buffer = &target["shapes"]["owned_buffer"];
        vec![
            ("Str".to_string(), view.clone()),
            ("SliceU8".to_string(), view.clone()),
            ("String".to_string(), buffer.clone()),
            ("VecPerson".to_string(), buffer.clone()),
        ]
    },
};

/// The fixture with the `strings` feature (the version guard test refuses this library).
pub(crate) fn generated() -> Generated {
    FEATURE.generated()
}

#[test]
fn strings_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    FEATURE.passes_as_c_and_cpp_and_is_valgrind_clean();
}

/// strings.c calls every function of the feature's modules, and the header gives each view, buffer
/// and record the size, alignment and field offsets the library reports.
#[test]
fn strings_program_covers_the_feature_and_layouts_match() {
    FEATURE.covers_the_feature_and_layouts_match();
}
