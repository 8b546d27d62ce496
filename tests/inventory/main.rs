//! inventory tests (to be written).
