//! python tests (to be written).
