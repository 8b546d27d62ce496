//! Enums whose variants carry data (ADR 13): one frozen dataclass per variant and a `Union` alias.

/// The dataclass of the variant `variant` of the data enum `class` (`ShapeCircle`).
pub fn variant_class(class: &str, variant: &str) -> String {
    format!("{class}{variant}")
}
