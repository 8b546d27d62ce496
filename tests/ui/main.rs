//! ui tests (to be written).
