//! What every backend needs and no language owns: usable by third-party backends too.
//!
//! - [`closures`]: which records hold closures (passed by value only, ADR 30);
//! - [`capability`]: the constructs and positions a backend declares support for (yes / partial / no),
//!   and the classification of every type occurrence in an inventory into them;
//! - [`diagnostics`]: one pass that checks an inventory against every configured backend before
//!   anything is generated, and reports every problem at once;
//! - [`feature_table`]: the support matrix of the docs, rendered from the capability tables;
//! - [`plan`]: what goes where (functions by owner and by module, constants by module), in a
//!   deterministic order;
//! - [`names`]: a table of the names a scope defines, with the collision message every backend gives;
//! - [`archive`]: deterministic zip files (NuGet packages, wheels) with SHA-256 digests;
//! - [`sysv`]: where the x86-64 System V convention puts each argument (for marshallers that get packed
//!   structs wrong).
//!
//! Layout facts (sizes, alignments, misaligned fields, transparent records) and the ABI shape of every
//! model type live in interop-core ([`interop_core::abi`]): the library measures them.

pub mod archive;
pub mod capability;
pub mod closures;
pub mod diagnostics;
pub mod feature_table;
pub mod names;
pub mod plan;
pub mod service_close;
pub mod sysv;
