//! The unlinked dependency, and release / LTO builds reporting the dev inventory.

use std::ffi::{CStr, c_char};

use libloading::Symbol;

use crate::loaded::libs;
use crate::lookup::has_symbol;

/// A dependency nobody names is not linked by rustc, so its `#[ffi]` items are missing. This is
/// rustc's behaviour, documented in docs/ffi/linking.md (`use that_crate as _;`).
#[test]
fn unlinked_dependency_is_missing_dev() {
    let inv = &libs("dev")["unlinked"].inv;
    assert!(has_symbol(inv, "unlinked_own"));
    assert!(!has_symbol(inv, "extra_answer"));
    assert_eq!(inv.functions.len(), 1);
}

/// Release and LTO+strip builds report exactly the dev inventory (nothing dropped by the linker),
/// and the unlinked library still lacks `extra_answer`.
#[test]
fn release_profiles_keep_everything() {
    let dev = &libs("dev")["conformance"].inv;
    for profile in ["release", "release-lto"] {
        let libs = libs(profile);
        assert_eq!(
            &libs["conformance"].inv, dev,
            "{profile} inventory differs from dev"
        );
        assert!(
            !has_symbol(&libs["unlinked"].inv, "extra_answer"),
            "{profile}: unlinked must not contain extra_answer"
        );
        assert!(has_symbol(&libs["unlinked"].inv, "unlinked_own"));
        // The shims work the same when optimised.
        // SAFETY: documented signatures.
        unsafe {
            let lib = &libs["conformance"].lib;
            let pending: Symbol<extern "C" fn() -> *const u32> =
                lib.get(b"interop_panic_pending\0").unwrap();
            let take: Symbol<extern "C" fn() -> *mut c_char> =
                lib.get(b"interop_take_panic\0").unwrap();
            let free: Symbol<unsafe extern "C" fn(*mut c_char)> =
                lib.get(b"interop_string_free\0").unwrap();
            let panic_if: Symbol<extern "C" fn(bool) -> u32> = lib.get(b"panic_if\0").unwrap();
            let add: Symbol<extern "C" fn(u64, u64) -> u64> = lib.get(b"add_u64\0").unwrap();
            assert_eq!(add(u64::MAX, 2), 1);
            assert_eq!(panic_if(true), 0);
            assert_eq!(*pending(), 1);
            let msg = take();
            assert_eq!(
                CStr::from_ptr(msg).to_str().unwrap(),
                "panic in `panic_if`: boom: requested panic"
            );
            free(msg);
            assert_eq!(*pending(), 0);
        }
    }
}
