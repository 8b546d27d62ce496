//! The notes under the tables: how to read the numbers and, for every missed budget, what stands in
//! the way. A note about a miss appears only while that budget is missed; the causes were found by
//! profiling (objdump, perf, `-Z time-passes`, `-Zunpretty=expanded`, side experiments on Mono) and are
//! described with the code they point at, so a fix makes its note disappear.

use crate::calls::CallTable;
use crate::report::{Report, budgets};
use crate::stats::{fmt_ms, fmt_ns};

/// Notes in a fixed order.
pub fn notes(rep: &Report) -> Vec<String> {
    let mut out = vec![
        "Per-call numbers include the benchmark loop itself (under a ns in C, tens of ns in Python); it \
         is the same on both sides of a ratio. On this shared 2-core machine a ratio within a few percent \
         of 1.00 is noise, and absolute numbers move between runs (see the load average above): compare \
         ratios within one run."
            .to_string(),
    ];
    let b = budgets(rep);
    let missed = |prefix: &str| {
        b.iter()
            .any(|x| x.name.starts_with(prefix) && x.pass == Some(false))
    };
    let tables: &[CallTable] = rep.call_tables.as_deref().unwrap_or(&[]);
    let table = |title: &str| tables.iter().find(|t| t.title == title);

    if missed("C:")
        && let Some(t) = table("C")
    {
        let mut causes = Vec::new();
        if t.ratio("struct_value", "shim").is_some_and(|r| r > 1.05) {
            causes.push(
                "**struct by value**: the shim returns `MaybeUninit<Vec3>` (interop-core/macros/src/func.rs). \
                 For a 12-byte struct returned in registers, rustc builds the union through the stack with \
                 overlapping 8- and 4-byte stores and reloads (store-forwarding stalls): `objdump -d` shows \
                 14 instructions in `vec_double` against 3 in `raw_vec_double`. The `shim only` column shows \
                 the cost is the shim's, not the panic check's. Returning `R` itself on the happy path \
                 (zeroing only on the panic path, for types whose all-zero value is valid) would remove it."
                    .to_string(),
            );
        }
        if t.ratio("struct_ref", "shim").is_some_and(|r| r > 1.05) {
            causes.push(
                "**struct by reference**: the shim takes `Option<&Vec3>` and rejects NULL: one compare and \
                 branch per call."
                    .to_string(),
            );
        }
        let check_only = ["noop", "add", "struct_ref", "handle"].iter().any(|c| {
            t.ratio(c, "generated").is_some_and(|r| r > 1.05)
                && t.ratio(c, "shim").is_some_and(|r| r <= 1.05)
        });
        if check_only {
            causes.push(
                "where `generated` misses but `shim only` passes, the difference is the caller's panic \
                 check (one load and one branch after each call)."
                    .to_string(),
            );
        }
        if causes.is_empty() {
            causes.push(
                "no cause beyond noise was found: rerun on a quiet machine before acting on it."
                    .to_string(),
            );
        }
        out.push(format!("C budget missed: {}", causes.join(" ")));
    }

    if missed("C#:") {
        let detail = |title: &str| {
            table(title).map(|t| {
                let parts: Vec<String> = ["noop", "add"]
                    .iter()
                    .filter_map(|c| {
                        Some(format!(
                            "`{c}` +{} ns on {} ns",
                            fmt_ns(t.ns(c, "generated")? - t.ns(c, "raw")?),
                            fmt_ns(t.ns(c, "raw")?)
                        ))
                    })
                    .collect();
                parts.join(", ")
            })
        };
        out.push(format!(
            "C# budget missed. Added per call: default suspend {}; preemptive {}. Each generated method \
             calls the same blittable `[DllImport]` as a hand-written binding, then loads through \
             `PanicPending` and compares. Under the default hybrid suspend a call costs about 60 ns, mostly \
             Mono's GC-safe transition, and the primitives' ratios scatter between about 0.95× and 1.20× \
             from run to run on this machine: the budget is decided by noise there. Under preemptive \
             suspend (about 15 ns per call) 5 % is 0.8 ns; measured separately on this machine (add, \
             medians of 9), the panic check costs about 1.5 ns and the wrapper method itself, which Mono's \
             JIT does not inline, 0.5 to 1.5 ns. `[MethodImpl(MethodImplOptions.AggressiveInlining)]` on \
             the generated methods reduces the latter (by 0.2 to 1.6 ns here); the check itself leaves the \
             budget at the edge of what a check after every call allows. (`vec_double`, not budgeted, is \
             slower for the same reason as in C: the Rust shim's `MaybeUninit` return, about 12 ns in both; \
             AggressiveInlining does not change it.)",
            detail("C# on Mono (default suspend)").unwrap_or_default(),
            detail("C# on Mono (MONO_THREADS_SUSPEND=preemptive)").unwrap_or_default(),
        ));
    }

    if missed("Python:")
        && let Some(t) = table("Python")
    {
        let diffs: Vec<String> = crate::calls::CONSTRUCTS
            .iter()
            .filter_map(|(c, _)| {
                Some(format!(
                    "`{c}` {:+.0} ns (ctypes layer {:+.0} ns)",
                    t.ns(c, "generated")? - t.ns(c, "raw")?,
                    t.ns(c, "ctypes_layer")? - t.ns(c, "raw")?
                ))
            })
            .collect();
        out.push(format!(
            "Python budget missed. Generated minus hand-written, per call: {}. The generated ctypes layer \
             and the hand-written binding make the same kind of call into identical native code (`noop` and \
             `raw_noop` both compile to a single `ret`), so where `generated` equals the ctypes layer (the \
             public name is the ctypes function object itself) a difference is noise: on this loaded \
             machine the two scatter by up to ±20 % (timeit of the two calls in alternating order swaps \
             which one is faster). Where `generated` is slower than its ctypes layer, a Python `def` sits on \
             top (methods such as `counter.increment`, or every function with `release-gil = true`, which \
             also checks `_pending.value`): on this machine (timeit) a `def` call costs 30 to 37 ns and \
             reading `_pending.value` about 30 ns, against 130 to 650 ns per ctypes call, so any \
             Python-level wrapper over ctypes misses 1.05×; only a compiled layer (a C extension exposing \
             the same names as `_raw`) avoids it.",
            diffs.join(", ")
        ));
    }

    let cg = rep.codegen.as_ref().ok();
    if let Some(c) = cg {
        let phase = |name: &str| {
            c.phases
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0.0, |(_, v)| *v)
        };
        if missed("Codegen of") {
            out.push(format!(
                "Codegen budget missed ({} ms). `generate C` alone takes {} ms against {} ms for C# and {} ms \
                 for Python: `HeaderBuilder::local` (interop-backends/src/c/mod.rs) clones the whole \
                 `reserved_locals` set (every type, macro and function name of the header) for every \
                 parameter and field, so the work grows with parameters × names; perf shows the time in \
                 `BTreeMap` clone, `String` clone, malloc and free. Checking membership in both sets without \
                 cloning makes it linear. `inventory load` ({} ms) runs the library's own registration code \
                 and serde_json, built in the dev profile like the rest of the synthetic crate.",
                fmt_ms(c.codegen_ms()),
                fmt_ms(phase("generate C")),
                fmt_ms(phase("generate C#")),
                fmt_ms(phase("generate Python")),
                fmt_ms(phase("inventory load"))
            ));
        }
        if missed("Peak RSS") {
            out.push(format!(
                "RSS budget missed ({:.1} MB). The dev-profile library is {:.1} MB. Every backend reads it \
                 whole into an `OutputFile` (C: the copy in `lib/`; C#: the copy next to the source and again \
                 inside the .nupkg; Python: the copy in the package and again inside the wheel), and \
                 cargo-interop holds every planned output in memory until it writes them all: three copies \
                 of the library plus two compressed ones. An `OutputFile` that names a file to copy (or one \
                 shared buffer) would keep the peak near the size of the generated text.",
                c.peak_rss_mb, c.library_mb
            ));
        }
        if missed("No-op") {
            out.push(format!(
                "No-op budget missed. A no-op `cargo interop build` redoes everything after cargo's no-op \
                 check: `package C#` {} ms (the NuGet package's DLL is compiled with mcs from the generated \
                 source, and the library is compressed into the .nupkg), `package Python` {} ms (the library \
                 deflated into the wheel), `generate C` {} ms (see above), `inventory load` {} ms. Skipping \
                 generation and packaging when the library's hash and Interop.toml are unchanged since the \
                 last run (as cargo does with fingerprints) would bring it to cargo's no-op plus one hash.",
                fmt_ms(phase("package C#")),
                fmt_ms(phase("package Python")),
                fmt_ms(phase("generate C")),
                fmt_ms(phase("inventory load"))
            ));
        }
        if missed("Rebuild") {
            out.push(
                "Compile-time budget missed. On the 2000-function crate, `cargo rustc -- -Zunpretty=expanded` \
                 (RUSTC_BOOTSTRAP=1) gives 200,949 lines (10.6 MB) of expanded code for the `#[ffi]` crate \
                 against 24,301 lines (0.57 MB) hand-written: each item becomes a shim with a `catch_unwind` \
                 closure plus a descriptor constructor that builds `String`s and `Vec`s, all monomorphic code \
                 that rustc type-checks, borrow-checks and code-generates (`-Z time-passes`: macro expansion \
                 2.7 s, type checking 3.6 s, borrow checking 4.3 s, codegen 7.8 s). Emitting descriptors as \
                 static data (`&'static str` tables and one generic describe helper per signature shape) and \
                 keeping the shim body minimal would shrink it."
                    .to_string(),
            );
        }
    }
    out
}
