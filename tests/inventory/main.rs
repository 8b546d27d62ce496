//! The inventory a real cdylib reports about itself, and its shims called through the C ABI.
//!
//! Builds the conformance fixture (and the `unlinked` fixture) with cargo in three profiles — dev,
//! release, and `release-lto` (lto, strip, one codegen unit) — loads each library with libloading, reads
//! `interop_inventory`, and checks what `#[ffi]` registered: items in private modules, items of linked
//! dependency crates, layouts, enum values, constants, names, symbols and docs.

use std::collections::BTreeMap;
use std::ffi::{CStr, c_char};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use interop_core::model::{
    ConstValue, Inventory, PointerKind, Primitive, Receiver, StructLayout, TypeDef, TypeKind,
    TypeRef,
};
use interop_tests::cargo_build_artifacts;

mod identity;
use libloading::{Library, Symbol};

/// `cargo build -p conformance -p unlinked` in `profile`: package name → path of its cdylib.
fn build(profile: &str) -> BTreeMap<String, PathBuf> {
    let libs: BTreeMap<String, PathBuf> = cargo_build_artifacts(
        &["-p", "conformance", "-p", "unlinked", "--profile", profile],
        "cdylib",
    )
    .into_iter()
    .collect();
    assert!(
        libs.contains_key("conformance"),
        "no conformance cdylib in {libs:?}"
    );
    assert!(
        libs.contains_key("unlinked"),
        "no unlinked cdylib in {libs:?}"
    );
    libs
}

/// A loaded library and its inventory.
struct Loaded {
    lib: Library,
    inv: Inventory,
}

fn load(path: &PathBuf) -> Loaded {
    // SAFETY: loading a library of this workspace; its initialisers are Rust's and linkme's.
    let lib = unsafe { Library::new(path) }.unwrap_or_else(|e| panic!("load {path:?}: {e}"));
    let inv = {
        // SAFETY: the documented signature of the inventory symbol.
        let f: Symbol<unsafe extern "C" fn(*mut usize) -> *const u8> =
            unsafe { lib.get(b"interop_inventory\0") }.expect("interop_inventory symbol");
        let mut len = 0usize;
        let ptr = unsafe { f(&mut len) };
        assert!(!ptr.is_null(), "interop_inventory returned NULL");
        // SAFETY: the library owns `len` bytes at `ptr` until it is unloaded.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        serde_json::from_slice::<Inventory>(bytes).expect("inventory JSON parses")
    };
    inv.validate().expect("inventory is valid");
    Loaded { lib, inv }
}

/// Each profile is built once per test process; the libraries stay loaded.
fn libs(profile: &'static str) -> &'static BTreeMap<String, Loaded> {
    static CACHE: OnceLock<Mutex<BTreeMap<&'static str, &'static BTreeMap<String, Loaded>>>> =
        OnceLock::new();
    // One cargo build at a time: they share the target directory lock anyway.
    static BUILD: Mutex<()> = Mutex::new(());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(l) = cache.lock().unwrap().get(profile) {
        return l;
    }
    let _guard = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(l) = cache.lock().unwrap().get(profile) {
        return l;
    }
    let built: BTreeMap<String, Loaded> = build(profile)
        .into_iter()
        .map(|(name, path)| (name, load(&path)))
        .collect();
    let leaked: &'static BTreeMap<String, Loaded> = Box::leak(Box::new(built));
    cache.lock().unwrap().insert(profile, leaked);
    leaked
}

fn function<'a>(inv: &'a Inventory, symbol: &str) -> &'a interop_core::model::Function {
    inv.functions
        .iter()
        .find(|f| f.symbol == symbol)
        .unwrap_or_else(|| panic!("function with symbol `{symbol}` missing"))
}

fn type_named<'a>(inv: &'a Inventory, rust_name: &str) -> &'a TypeDef {
    inv.types
        .iter()
        .find(|t| t.rust_name == rust_name)
        .unwrap_or_else(|| panic!("type `{rust_name}` missing"))
}

fn constant(inv: &Inventory, name: &str) -> ConstValue {
    inv.constants
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("constant `{name}` missing"))
        .value
}

fn variants(t: &TypeDef) -> (Primitive, Vec<(String, i128)>) {
    match &t.kind {
        TypeKind::Enum(e) => (
            e.storage,
            e.variants
                .iter()
                .map(|v| (v.name.clone(), v.value))
                .collect(),
        ),
        other => panic!("`{}` is not an enum: {other:?}", t.name),
    }
}

fn fields(t: &TypeDef) -> (StructLayout, bool, Vec<(String, u64)>) {
    match &t.kind {
        TypeKind::Struct(s) => (
            s.layout,
            s.tuple,
            s.fields
                .iter()
                .map(|f| (f.name.clone(), f.offset))
                .collect(),
        ),
        other => panic!("`{}` is not a struct: {other:?}", t.name),
    }
}

fn v(pairs: &[(&str, i128)]) -> Vec<(String, i128)> {
    pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect()
}

fn f(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect()
}

fn has_symbol(inv: &Inventory, symbol: &str) -> bool {
    inv.functions.iter().any(|f| f.symbol == symbol)
}

/// Everything the dev build of the conformance fixture must report.
#[test]
#[allow(clippy::approx_constant)] // the fixture's PI_ISH is 3.14159 on purpose
fn conformance_inventory_dev() {
    let inv = &libs("dev")["conformance"].inv;

    assert_eq!(inv.schema_version, interop_core::model::SCHEMA_VERSION);
    // Reachability: a private module, a dependency named in code, a dependency only `use … as _`.
    assert!(
        has_symbol(inv, "hidden_answer"),
        "item of the private `hidden` module"
    );
    assert!(has_symbol(inv, "dep_double"), "item of conformance-dep");
    assert!(has_symbol(inv, "extra_answer"), "item of conformance-extra");
    let meters = type_named(inv, "Meters");
    assert_eq!(meters.id, "conformance_dep::Meters");
    assert_eq!(
        fields(meters),
        (StructLayout::Transparent, true, f(&[("_0", 0)]))
    );
    assert_eq!((meters.size, meters.align), (8, 8));

    // Sorted, every function exactly once (validate() checks symbol uniqueness).
    let keys: Vec<_> = inv
        .functions
        .iter()
        .map(|f| (&f.module, &f.name, &f.symbol))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "functions sorted by (module, name)");

    // Enums: storage and values (implicit after explicit, u64::MAX, negatives).
    let (storage, values) = variants(type_named(inv, "Sequence"));
    assert_eq!(storage, Primitive::I32);
    assert_eq!(values, v(&[("A", 5), ("B", 6), ("C", 10), ("D", 11)]));
    let (storage, values) = variants(type_named(inv, "Wide"));
    assert_eq!(storage, Primitive::U64);
    assert_eq!(values, v(&[("Small", 1), ("Huge", u64::MAX as i128)]));
    let (storage, values) = variants(type_named(inv, "Signed"));
    assert_eq!(storage, Primitive::I16);
    assert_eq!(
        values,
        v(&[
            ("Min", -32768),
            ("MinusOne", -1),
            ("Zero", 0),
            ("Big", 1000)
        ])
    );
    let color = type_named(inv, "Color");
    assert_eq!(
        variants(color),
        (Primitive::I32, v(&[("Red", 0), ("Green", 1), ("Blue", 2)]))
    );
    assert_eq!(
        (color.size, color.align),
        (4, 4),
        "no repr → repr(C), a C int"
    );
    let (storage, values) = variants(type_named(inv, "Small"));
    assert_eq!(
        (storage, values),
        (Primitive::U8, v(&[("A", 1), ("B", 2), ("C", 255)]))
    );
    assert_eq!(type_named(inv, "Small").size, 1);

    // Structs: sizes, offsets, layouts.
    let packed = type_named(inv, "Packed");
    assert_eq!((packed.size, packed.align), (5, 1));
    assert_eq!(
        fields(packed),
        (StructLayout::Packed, false, f(&[("tag", 0), ("value", 1)]))
    );
    let vec2 = type_named(inv, "Vec2f32");
    assert_eq!(vec2.id, "conformance::records::Vec2f32");
    assert_eq!((vec2.size, vec2.align), (12, 4));
    assert_eq!(
        fields(vec2),
        (StructLayout::C, false, f(&[("x", 0), ("y", 4), ("z", 8)]))
    );
    let pair = type_named(inv, "Pair");
    assert_eq!((pair.size, pair.align), (16, 8));
    assert_eq!(
        fields(pair),
        (StructLayout::C, true, f(&[("_0", 0), ("_1", 8)]))
    );
    let prims = type_named(inv, "Primitives");
    assert_eq!(prims.size, 64);
    assert_eq!(fields(prims).2[0], ("flag".to_string(), 0));
    assert_eq!(fields(prims).2[2], ("u_16".to_string(), 2));
    let matrix = type_named(inv, "Matrix");
    assert_eq!(matrix.size, 36);
    let TypeKind::Struct(m) = &matrix.kind else {
        unreachable!()
    };
    assert_eq!(
        m.fields[0].ty,
        TypeRef::array(TypeRef::array(TypeRef::primitive(Primitive::F32), 3), 3)
    );
    let node = type_named(inv, "Node");
    let TypeKind::Struct(n) = &node.kind else {
        unreachable!()
    };
    assert_eq!(
        n.fields[1].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::pointers::Node"),
            false,
            PointerKind::Raw
        ),
        "a struct pointing to itself"
    );
    let counter = type_named(inv, "Counter");
    assert_eq!(
        (counter.size, counter.align, &counter.kind),
        (0, 1, &TypeKind::Opaque)
    );

    // Constants, computed in the library.
    assert_eq!(constant(inv, "COMPUTED"), ConstValue::Int(1 << 40));
    assert_eq!(constant(inv, "MIN_I64"), ConstValue::Int(i64::MIN as i128));
    assert_eq!(constant(inv, "BIG"), ConstValue::Int(u64::MAX as i128));
    assert_eq!(constant(inv, "NEGATIVE"), ConstValue::Int(-42));
    assert_eq!(constant(inv, "HALF"), ConstValue::F32Bits(0.5f32.to_bits()));
    assert_eq!(
        constant(inv, "PI_ISH"),
        ConstValue::F64Bits(3.14159f64.to_bits())
    );
    assert_eq!(constant(inv, "ENABLED"), ConstValue::Bool(true));
    assert_eq!(constant(inv, "MAX_PLAYERS"), ConstValue::Int(16));

    // Renames, modules, explicit symbols.
    let renamed_const = inv
        .constants
        .iter()
        .find(|c| c.name == "RENAMED_CONST")
        .unwrap();
    assert_eq!(renamed_const.rust_name, "ORIGINAL_CONST");
    assert_eq!(renamed_const.value, ConstValue::Int(7));
    let renamed_ty = type_named(inv, "Original");
    assert_eq!(renamed_ty.name, "Renamed");
    let renamed_fn = function(inv, "renamed_function");
    assert_eq!(
        (renamed_fn.name.as_str(), renamed_fn.rust_name.as_str()),
        ("renamed_function", "original_name")
    );
    assert!(!has_symbol(inv, "original_name"));
    let explicit = function(inv, "cf_explicit_symbol");
    assert_eq!(explicit.name, "explicit_symbol");
    assert!(!has_symbol(inv, "explicit_symbol"));
    // A module function's symbol carries its module (C has one namespace); its name does not.
    let clamp = function(inv, "math_clamp");
    assert_eq!(clamp.module.as_deref(), Some("math"));
    assert_eq!(clamp.name, "clamp");
    assert!(!has_symbol(inv, "clamp"));
    let tau = inv.constants.iter().find(|c| c.name == "TAU").unwrap();
    assert_eq!(tau.module.as_deref(), Some("math"));
    assert_eq!(function(inv, "noop").module, None);

    // Signatures: references, nullable references, raw pointers, receivers.
    let vec_x = function(inv, "vec_x");
    assert_eq!(vec_x.params.len(), 1);
    assert_eq!(vec_x.params[0].name, "v");
    assert_eq!(
        vec_x.params[0].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::records::Vec2f32"),
            false,
            PointerKind::Reference
        )
    );
    assert_eq!(vec_x.returns, TypeRef::primitive(Primitive::F32));
    assert_eq!(
        function(inv, "vec_reset").params[0].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::records::Vec2f32"),
            true,
            PointerKind::NullableReference
        )
    );
    assert_eq!(
        function(inv, "is_null").params[0].ty,
        TypeRef::pointer(
            TypeRef::primitive(Primitive::CVoid),
            false,
            PointerKind::Raw
        )
    );
    assert!(function(inv, "noop").returns.is_unit());
    let kw = function(inv, "keywords_sum");
    let names: Vec<_> = kw.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "lambda", "class", "from", "params", "object", "string", "event", "int", "new"
        ]
    );

    let increment = function(inv, "counter_increment");
    assert_eq!(increment.name, "increment");
    assert_eq!(increment.rust_name, "increment");
    assert_eq!(
        increment.owner.as_deref(),
        Some("conformance::opaque_handles::Counter")
    );
    assert_eq!(increment.receiver, Some(Receiver::RefMut));
    assert_eq!(increment.params[0].name, "self");
    assert_eq!(
        increment.params[0].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::opaque_handles::Counter"),
            true,
            PointerKind::Reference
        )
    );
    assert_eq!(increment.params[1].name, "by");
    let get = function(inv, "counter_get");
    assert_eq!(get.receiver, Some(Receiver::Ref));
    let new = function(inv, "counter_new");
    assert_eq!(
        (new.receiver, new.owner.as_deref()),
        (None, Some("conformance::opaque_handles::Counter"))
    );
    assert_eq!(
        new.returns,
        TypeRef::pointer(
            TypeRef::named("conformance::opaque_handles::Counter"),
            true,
            PointerKind::Raw
        )
    );
    let sum = function(inv, "vec2f32_sum");
    assert_eq!(sum.receiver, Some(Receiver::Value));
    assert_eq!(
        sum.params[0].ty,
        TypeRef::named("conformance::records::Vec2f32")
    );
    assert!(has_symbol(inv, "vec2f32_zero"));
    assert!(has_symbol(inv, "vec2f32_length"));
    assert!(has_symbol(inv, "counter_destroy"));

    // Docs: one leading space removed per line, multi-line comments kept line by line.
    assert_eq!(vec2.docs, ["A vector (the seed's hello-world type)."]);
    assert_eq!(function(inv, "noop").docs, ["Does nothing."]);
    assert_eq!(
        function(inv, "doc_edge_cases").docs,
        [
            "Docs with characters every language must escape: a < b && b > c, \"quotes\", 'single',",
            "a C comment end */ here, a Python docstring end \"\"\" here, and a backslash \\ too.",
        ]
    );
    let TypeKind::Struct(vs) = &vec2.kind else {
        unreachable!()
    };
    assert_eq!(vs.fields[0].docs, ["The x coordinate."]);
    let TypeKind::Enum(ce) = &color.kind else {
        unreachable!()
    };
    assert_eq!(ce.variants[2].docs, ["Blue."]);
    assert_eq!(
        function(inv, "add_u8").docs,
        ["Wrapping addition."],
        "docs inside macro_rules"
    );
    assert!(function(inv, "pair_scale").docs[0].starts_with("Tuple struct by value"));
    assert_eq!(tau.docs, ["Tau, in the `math` module."]);
}

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
            Some("panic in `vec_x`: argument `v` of `vec_x` must not be null")
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
            Some(
                "panic in `vec_double_in_place`: argument `v` of `vec_double_in_place` must not be null"
            )
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
            Some("panic in `counter_get`: argument `self` of `counter_get` must not be null")
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

/// A dependency nobody names is not linked by rustc, so its `#[ffi]` items are missing. This is
/// rustc's behaviour, documented in docs/ffi.md (`use that_crate as _;`).
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
