//! interop-runtime: the Rust-side runtime of cargo-interop.
