//! The notes under the tables: how to read the numbers and, for every missed budget, what stands in
//! the way. A note about a miss appears only while that budget is missed; the causes were found by
//! profiling (objdump, perf, `-Z time-passes`, `-Zunpretty=expanded`, side experiments on Mono) and are
//! described with the code they point at, so a fix makes its note disappear.

use crate::calls::CallTable;
use crate::report::{Report, budgets};
use crate::stats::{fmt_ms, fmt_ns};

/// A difference in ns with its sign (`+1.50`, `-2.49`).
fn signed_ns(ns: f64) -> String {
    if ns < 0.0 {
        format!("-{}", fmt_ns(-ns))
    } else {
        format!("+{}", fmt_ns(ns))
    }
}

/// Notes in a fixed order.
pub fn notes(rep: &Report) -> Vec<String> {
    let mut out = vec![
        "Per-call numbers include the benchmark loop itself (under a ns in C, tens of ns in Python); it \
         is the same on both sides of a ratio. Absolute numbers move with the load of this shared \
         2-core machine (see the load average above); a ratio is the median of per-round ratios of \
         samples taken back to back, and its interquartile range says how far the rounds agree: a \
         budget whose limit lies inside that range is not decided by this run."
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
                "**struct by value**: the shim returns `R` itself through `interop_core::__private::call`; in \
                 the release fixture `objdump -d` shows `vec_double` with the same three instructions as \
                 `raw_vec_double` (the linker folds the two), so a ratio above 1.05 here is measurement noise \
                 on this shared machine or a regression in that helper: compare the two with objdump."
                    .to_string(),
            );
        }
        if t.ratio("struct_ref", "shim").is_some_and(|r| r > 1.05) {
            causes.push(
                "**struct by reference**: the shim takes `Option<&Vec3>` and rejects NULL: one test and \
                 branch per call (the NULL path itself is out of line)."
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
                            "`{c}` {} ns on {} ns",
                            signed_ns(t.ns(c, "generated")? - t.ns(c, "raw")?),
                            fmt_ns(t.ns(c, "raw")?)
                        ))
                    })
                    .collect();
                parts.join(", ")
            })
        };
        out.push(format!(
            "C# on Mono budget missed. Added per call: default suspend {}; preemptive {}. Each generated \
             method calls the same blittable `[DllImport]` as a hand-written binding, then loads through \
             `PanicPending` and compares. Under the default hybrid suspend a call costs about 60 ns, mostly \
             Mono's GC-safe transition, and a few ns either way are within the rounds' interquartile \
             range on this machine. Under preemptive \
             suspend (about 15 ns per call) 5 % is 0.8 ns, and the panic check (a load and a compare) \
             costs about 1 to 1.5 ns. The generated methods carry \
             `[MethodImpl(MethodImplOptions.AggressiveInlining)]` and Mono 6.8 inlines them \
             (`MONO_VERBOSE_METHOD` shows `INLINE START … BenchFixtureLib:Add`), so no call is added.",
            detail("C# on Mono (default suspend)").unwrap_or_default(),
            detail("C# on Mono (MONO_THREADS_SUSPEND=preemptive)").unwrap_or_default(),
        ));
    }

    let struct_ref_slow = tables.iter().any(|t| {
        t.title.starts_with("C#")
            && t.ratio("struct_ref", "generated")
                .is_some_and(|r| r > t.budget)
    });
    if struct_ref_slow {
        let per_table: Vec<String> = tables
            .iter()
            .filter(|t| t.title.starts_with("C#"))
            .filter_map(|t| {
                Some(format!(
                    "{} {} vs {} ns",
                    t.title.trim_start_matches("C# on "),
                    fmt_ns(t.ns("struct_ref", "generated")?),
                    fmt_ns(t.ns("struct_ref", "raw")?)
                ))
            })
            .collect();
        out.push(format!(
            "C# struct by reference ({}): the generated method takes the struct by value \
             (`VecLengthSq(Vec3 v)`, the C# spelling of `&Vec3` today) and passes the address of its \
             parameter; the hand-written binding passes `ref v`. Both runtimes inline the generated method \
             (Mono: `MONO_VERBOSE_METHOD`; .NET 8: `DOTNET_JitDisasm` shows the same inlined P/Invoke \
             sequence for a by-value and a `ref` wrapper), so what remains is the copy made on every call: \
             three 4-byte stores, which the native function reads back with an 8-byte load \
             (`movsd 0x4(%rdi)` in `objdump -d` of `vec_length_sq`) that the CPU cannot forward from two \
             pending stores, a store-forwarding stall on every call. A wrapper taking `ref Vec3` (pinned \
             with `fixed`, then the same `Vec3*` import) runs at the hand-written speed on both runtimes \
             in a side experiment; `in Vec3` would be the idiomatic spelling, but mcs rejects `fixed` on \
             an `in` parameter (CS0213) and taking its address without `fixed` is not GC-safe on .NET. So \
             the fix is a `ref` overload next to the by-value method (see docs/csharp.md).",
            per_table.join(", ")
        ));
    }

    if missed("C# on .NET 8")
        && let Some(t) = table("C# on .NET 8")
    {
        let rows: Vec<String> = crate::calls::CONSTRUCTS
            .iter()
            .filter_map(|(c, _)| {
                let r = t.ratio(c, "generated")?;
                let iqr = t.ratio_spread(c, "generated")?;
                (r > t.budget).then(|| {
                    format!(
                        "`{c}` {} ({})",
                        crate::stats::fmt_ratio(r),
                        crate::stats::fmt_iqr(iqr)
                    )
                })
            })
            .collect();
        out.push(format!(
            ".NET 8 budget missed: {}. A P/Invoke with blittable arguments costs a few ns on CoreCLR, so \
             the panic check after each call (a load through `PanicPending` and a compare) shows as a few \
             tenths of a ns at most in the `noop` and `add` rows; a miss on the primitives or the handle within the interquartile range \
             is the machine's noise, a miss on the struct by reference is the copy described above.",
            rows.join(", ")
        ));
    }

    if missed("Python:")
        && let Some(t) = table("Python")
    {
        let rows: Vec<String> = t
            .constructs
            .iter()
            .filter_map(|(c, _)| {
                let r = t.ratio(c, "generated")?;
                let iqr = t.ratio_spread(c, "generated")?;
                (r > t.budget).then(|| {
                    format!(
                        "`{c}` {} ({})",
                        crate::stats::fmt_ratio(r),
                        crate::stats::fmt_iqr(iqr)
                    )
                })
            })
            .collect();
        out.push(format!(
            "Python budget missed: {}. The compiled path and PyO3 are both built-in callables with \
             CPython's vectorcall convention doing the same conversions, and alternate within one \
             process, round by round; where the interquartile range of the per-round ratios reaches below \
             the budget, the miss is within this machine's noise. docs/python.md lists what each call does.",
            rows.join(", ")
        ));
    }

    out.extend(crate::api_rows::notes(rep));

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
                "Codegen budget missed ({} ms, counting the inventory load). Generation proper takes {} ms \
                 (C {} ms, C# {} ms, Python {} ms); `inventory load` takes {} ms: it dlopens the {:.1} MB \
                 dev-profile library and runs the library's own code, which converts its static descriptors \
                 into the model and serializes it with serde_json, all compiled without optimization like \
                 the rest of the synthetic crate (`cargo interop build` builds in the dev profile by \
                 default). A release build of the library, or caching the inventory with the fingerprint, \
                 would remove most of it.",
                fmt_ms(c.codegen_ms()),
                fmt_ms(phase("generate C") + phase("generate C#") + phase("generate Python")),
                fmt_ms(phase("generate C")),
                fmt_ms(phase("generate C#")),
                fmt_ms(phase("generate Python")),
                fmt_ms(phase("inventory load")),
                c.library_mb
            ));
        }
        if missed("Peak RSS") {
            out.push(format!(
                "RSS budget missed ({:.1} MB; the dev-profile library is {:.1} MB). Backends name the \
                 native library instead of reading it (`OutputFile::copy_of`) and stream it into the .nupkg \
                 and the wheel, so the peak should stay near the size of the generated text plus the loaded \
                 library: look for a backend that reads a large file whole.",
                c.peak_rss_mb, c.library_mb
            ));
        }
        if missed("No-op") {
            out.push(format!(
                "No-op budget missed. A no-op `cargo interop build` should stop at the fingerprint check \
                 (`cargo-interop/src/fingerprint.rs`) right after cargo's own no-op and print `Fresh`; when \
                 it does not, it redoes `package C#` {} ms and `package Python` {} ms, among others. Check \
                 that the fingerprint under `<target-dir>/interop/` is written and matches.",
                fmt_ms(phase("package C#")),
                fmt_ms(phase("package Python"))
            ));
        }
        if missed("Rebuild") {
            out.push(format!(
                "Compile-time budget missed ({:.1}×: {} ms against {} ms). `#[ffi]` now parses only a \
                 function's head (never its body, which it hands back as received) and emits one short \
                 invocation of a `macro_rules!` template in interop-core, registers each descriptor \
                 through linkme's element macro (no proc macro and no check function per item), and its \
                 panic guard is one non-generic function (`call0`…`call16` are instances, not bodies, in \
                 the user's crate): from 14.1× before. Measured on this crate (`-Z time-passes` through \
                 `RUSTC_BOOTSTRAP`, perf, rebuilds of variants; CPU seconds on a quiet machine: `#[ffi]` \
                 crate about 5.0 s, hand-written 0.6 s), what remains is: (1) the attribute itself, which \
                 cargo builds unoptimized in the dev profile: about 1.2 s for 2,400 invocations (0.9 s for \
                 functions: parsing their heads with syn and creating about 150 tokens each through the \
                 proc-macro bridge; with `[profile.dev.build-override] opt-level = 3` in the user's \
                 Cargo.toml the rebuild takes about 1.3 s less); (2) the expanded code, which name \
                 resolution, HIR lowering, the incremental dep graph (1.1 M nodes against 0.27 M) and the \
                 linker process again on every rebuild even though type checking and codegen are reused: \
                 per function a descriptor static and a shim with one match per argument, per type eight \
                 to ten small trait items (500 types alone cost about 1.5 s); a hand-written crate with \
                 the same shims and descriptors and no macro at all already rebuilds 4.3× slower than the \
                 bare functions. Going further needs fewer items per type (blanket `Lift`/`Lower` impls \
                 for records are blocked by coherence with the impls for `&T`, a `#[fundamental]` type) \
                 and a cheaper attribute (no syn for plain signatures).",
                c.rebuild_ffi_ms / c.rebuild_raw_ms,
                fmt_ms(c.rebuild_ffi_ms),
                fmt_ms(c.rebuild_raw_ms)
            ));
        }
    }
    out
}
