//! The shims of the dev library called through the C ABI: results, panics and the error channel.

use std::ffi::{CStr, c_char};

use libloading::Symbol;

use crate::loaded::libs;

/// The shims, called through the C ABI of the loaded dev library.
#[test]
fn shims_through_the_c_abi() {
    let lib = &libs("dev")["conformance"].lib;
    // SAFETY: each symbol is looked up with the signature the inventory reports for it.
    unsafe {
        let pending: Symbol<extern "C" fn() -> *const u32> =
            lib.get(b"interop_panic_pending\0").unwrap();
        let take: Symbol<extern "C" fn() -> *mut c_char> =
            lib.get(b"interop_take_panic\0").unwrap();
        let free: Symbol<unsafe extern "C" fn(*mut c_char)> =
            lib.get(b"interop_string_free\0").unwrap();
        let counter = pending();
        let take_message = || -> Option<String> {
            let p = take();
            if p.is_null() {
                return None;
            }
            let s = CStr::from_ptr(p).to_str().unwrap().to_string();
            free(p);
            Some(s)
        };

        // Happy path: nothing pending.
        let panic_if: Symbol<extern "C" fn(bool) -> u32> = lib.get(b"panic_if\0").unwrap();
        assert_eq!(panic_if(false), 7);
        assert_eq!(*counter, 0);
        assert_eq!(take_message(), None);

        // A panic returns zero and is pending until taken, once.
        assert_eq!(panic_if(true), 0);
        assert_eq!(*counter, 1);
        assert_eq!(
            take_message().as_deref(),
            Some("panic in `panic_if`: boom: requested panic")
        );
        assert_eq!(*counter, 0);
        assert_eq!(take_message(), None);

        // A formatted panic from a function returning a struct: each field's panic value (0.0).
        #[repr(C)]
        #[derive(Debug, PartialEq, Clone, Copy)]
        struct Vec2f32 {
            x: f32,
            y: f32,
            z: f32,
        }
        let panic_struct: Symbol<extern "C" fn(i32) -> Vec2f32> =
            lib.get(b"panic_struct\0").unwrap();
        assert_eq!(
            panic_struct(3),
            Vec2f32 {
                x: 0.0,
                y: 0.0,
                z: 0.0
            }
        );
        assert_eq!(
            take_message().as_deref(),
            Some("panic in `panic_struct`: struct panic 3")
        );

        // A panic from a function returning an enum: the variant whose discriminant is 0
        // (`Signed::Zero`, a `#[repr(i16)]` enum).
        let panic_enum: Symbol<extern "C" fn(i32) -> i16> = lib.get(b"panic_enum\0").unwrap();
        assert_eq!(panic_enum(5), 0);
        assert_eq!(*counter, 1);
        assert_eq!(
            take_message().as_deref(),
            Some("panic in `panic_enum`: enum panic 5")
        );
        assert_eq!(*counter, 0);

        // NULL for a non-nullable reference: an error, not undefined behaviour.
        let vec_x: Symbol<extern "C" fn(*const Vec2f32) -> f32> = lib.get(b"vec_x\0").unwrap();
        let v = Vec2f32 {
            x: 1.5,
            y: 2.0,
            z: 3.0,
        };
        assert_eq!(vec_x(&v), 1.5);
        assert_eq!(*counter, 0);
        assert_eq!(vec_x(std::ptr::null()), 0.0);
        assert_eq!(*counter, 1);
        assert_eq!(
            take_message().as_deref(),
            Some("argument `v` of `vec_x` must not be null")
        );
        assert_eq!(*counter, 0);

        // Nullable references, by-value structs, mutable references.
        let my_game_function: Symbol<extern "C" fn(*const Vec2f32) -> Vec2f32> =
            lib.get(b"my_game_function\0").unwrap();
        assert_eq!(
            my_game_function(std::ptr::null()),
            Vec2f32 {
                x: 2.0,
                y: 4.0,
                z: 6.0
            }
        );
        assert_eq!(
            my_game_function(&v),
            Vec2f32 {
                x: 3.0,
                y: 4.0,
                z: 6.0
            }
        );
        let double: Symbol<extern "C" fn(*mut Vec2f32)> =
            lib.get(b"vec_double_in_place\0").unwrap();
        let mut w = v;
        double(&mut w);
        assert_eq!(
            w,
            Vec2f32 {
                x: 3.0,
                y: 4.0,
                z: 6.0
            }
        );
        double(std::ptr::null_mut());
        assert_eq!(
            take_message().as_deref(),
            Some("argument `v` of `vec_double_in_place` must not be null")
        );

        // Methods: an opaque type behind a pointer, and a NULL receiver.
        let new: Symbol<extern "C" fn(u64) -> *mut u8> = lib.get(b"counter_new\0").unwrap();
        let increment: Symbol<extern "C" fn(*mut u8, u64) -> u64> =
            lib.get(b"counter_increment\0").unwrap();
        let get: Symbol<extern "C" fn(*const u8) -> u64> = lib.get(b"counter_get\0").unwrap();
        let destroy: Symbol<extern "C" fn(*mut u8)> = lib.get(b"counter_destroy\0").unwrap();
        let c = new(10);
        assert_eq!(increment(c, 5), 15);
        assert_eq!(get(c), 15);
        destroy(c);
        assert_eq!(get(std::ptr::null()), 0);
        assert_eq!(
            take_message().as_deref(),
            Some("argument `self` of `counter_get` must not be null")
        );
        let sum: Symbol<extern "C" fn(Vec2f32) -> f32> = lib.get(b"vec2f32_sum\0").unwrap();
        assert_eq!(sum(v), 6.5);

        // Explicit symbol, renamed function, 64-bit extremes.
        let explicit: Symbol<extern "C" fn() -> u32> = lib.get(b"cf_explicit_symbol\0").unwrap();
        assert_eq!(explicit(), 5);
        assert!(
            lib.get::<extern "C" fn() -> u32>(b"explicit_symbol\0")
                .is_err()
        );
        let max_u64: Symbol<extern "C" fn() -> u64> = lib.get(b"max_u64\0").unwrap();
        assert_eq!(max_u64(), u64::MAX);
        let hidden: Symbol<extern "C" fn() -> u32> = lib.get(b"hidden_answer\0").unwrap();
        assert_eq!(hidden(), 42);
        let extra: Symbol<extern "C" fn() -> u32> = lib.get(b"extra_answer\0").unwrap();
        assert_eq!(extra(), 99);
        assert_eq!(*counter, 0);

        // The message belongs to the panicking thread; the counter is process-wide.
        let (to_main, from_worker) = std::sync::mpsc::channel::<()>();
        let (to_worker, from_main) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|s| {
            let (panic_if, take_message) = (&panic_if, &take_message);
            let worker = s.spawn(move || {
                assert_eq!(panic_if(true), 0);
                to_main.send(()).unwrap();
                from_main.recv().unwrap();
                take_message()
            });
            from_worker.recv().unwrap();
            assert_eq!(*counter, 1, "pending is visible to every thread");
            assert_eq!(
                take_message(),
                None,
                "but only the panicking thread can take it"
            );
            to_worker.send(()).unwrap();
            assert_eq!(
                worker.join().unwrap().as_deref(),
                Some("panic in `panic_if`: boom: requested panic")
            );
        });
        assert_eq!(*counter, 0);
    }
}
