//! c tests (to be written).
