//! Constructs × positions, and what each backend supports.
//!
//! A backend declares a [`Capabilities`] table: for every [`Construct`] in every [`Position`] where it
//! can appear, [`Support::Yes`], [`Support::Partial`] (with what is missing) or [`Support::No`] (with
//! why, and what to write instead). [`occurrences`] classifies every use of a type in an inventory into
//! these, so one pass ([`super::diagnostics`]) checks an inventory against every configured backend,
//! and the docs' support matrix ([`super::feature_table`]) is rendered from the same tables.
//!
//! The parts: [`construct`] (what a Rust author writes, with its names for the feature table),
//! [`support`] (the positions a construct occupies, and a backend's declared support) and
//! [`classify`] (the pass that finds every construct used in an inventory).

pub mod classify;
pub mod construct;
pub mod support;

pub use classify::{Occurrence, construct_of, occurrences};
pub use construct::Construct;
pub use support::{Capabilities, Position, Support};
