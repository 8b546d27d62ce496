//! One test per construct of the conformance fixture, in C#: tests/csharp/constructs/
//! <Construct>Tests.cs (one class per construct, a static `Run()`), compiled with Runner.cs and
//! Checks.cs and the generated bindings into one exe (one `mcs`, one build of the fixture with its
//! default features and [`FEATURES`]), run once on Mono and once on .NET 8. The runner prints
//! "<construct>: N passed, M failed" per construct; each construct's test checks its own line on
//! each runtime (naming the construct, the runtime and its FAIL lines), with the count below.
//!
//! Adding a construct: a module and feature in tests/fixtures/conformance (an opt-in feature also
//! goes into [`FEATURES`]), tests/csharp/constructs/<Construct>Tests.cs (the class name is the
//! feature in PascalCase), and one line in [`constructs!`] with its check count. A construct that
//! needs a build of its own gets its own file, as [`super::strings`] does.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use super::{CONFIG, counts, mcs, mcs_library_with_docs, tools};
use interop_tests as harness;
use interop_tests::csharp::{Runtime, run_on_each_runtime};

/// The conformance fixture's optional constructs (cargo features) the program covers, besides the
/// default ones.
pub(crate) const FEATURES: &str = "returned_references accessors packed_by_value doc_controls arrays validation handles c_strings services services_results services_callbacks";

/// One `#[test]` per construct, named after it, and [`CONSTRUCTS`].
macro_rules! constructs {
    ($($construct:ident: $checks:expr,)*) => {
        /// Every construct with a class in tests/csharp/constructs, and how many checks it makes (a
        /// lower count means checks were silently skipped).
        const CONSTRUCTS: &[(&str, u32)] = &[$((stringify!($construct), $checks)),*];

        $(
            #[test]
            fn $construct() {
                construct_passes(stringify!($construct), $checks);
            }
        )*
    };
}

constructs! {
    constants: 10,
    records: 51,
    enums: 21,
    opaque_handles: 10,
    primitives: 17,
    references: 17,
    pointers: 8,
    dependencies: 5,
    names: 7,
    docs: 1,
    panics: 10,
    returned_references: 14,
    accessors: 5,
    packed_by_value: 6,
    doc_controls: 1,
    arrays: 20,
    validation: 20,
    handles: 105,
    c_strings: 12,
    services: 76,
    services_results: 29,
    services_callbacks: 53,
    service_close: 25,
    service_dispose: 21,
}

/// The generated output and the runs of the conformance program on each runtime.
struct Shared {
    /// Where `cargo interop build` wrote `out/`.
    dir: PathBuf,
    runs: Vec<(Runtime, Output)>,
}

/// Build and run once per test process. `None` when a tool is missing (skipped outside CI); a
/// failure is kept as its message, so that each test reports it instead of building again.
fn shared() -> Option<&'static Shared> {
    static SHARED: OnceLock<Result<Option<Shared>, String>> = OnceLock::new();
    let result = SHARED.get_or_init(|| {
        std::panic::catch_unwind(build_and_run).map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        })
    });
    match result {
        Ok(shared) => shared.as_ref(),
        Err(message) => panic!("building or running the C# conformance program failed:\n{message}"),
    }
}

fn build_and_run() -> Option<Shared> {
    let t = tools(&["mcs"])?;
    let dir = harness::generate_shared(
        "csharp-conformance",
        "conformance",
        CONFIG,
        &["--features", FEATURES],
    );
    let out = dir.join("out");
    let bindings = out.join("Conformance.cs");
    let mut sources: Vec<PathBuf> =
        std::fs::read_dir(harness::tests_dir().join("csharp/constructs"))
            .expect("read tests/csharp/constructs")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "cs"))
            .collect();
    sources.sort();
    sources.push(bindings);
    let exe = out.join("Conformance.exe");
    let sources: Vec<&std::path::Path> = sources.iter().map(PathBuf::as_path).collect();
    mcs(&t[0], &exe, "exe", &sources, &[]);
    // The exe sits next to libconformance.so: Mono and .NET find it there, no LD_LIBRARY_PATH needed.
    let runs = run_on_each_runtime(&exe, |cmd: &mut Command| {
        cmd.current_dir(&dir)
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("RUST_BACKTRACE");
    });
    assert!(!runs.is_empty(), "no C# runtime to run {}", exe.display());
    Some(Shared { dir, runs })
}

/// The construct a line of the runner sums up (`records: 48 passed, 0 failed` → `records`).
fn summary_of(line: &str) -> Option<&str> {
    let (name, rest) = line.split_once(": ")?;
    (rest.ends_with(" failed") && !name.starts_with("FAIL")).then_some(name)
}

/// The lines the runner printed for `construct`: its FAIL lines and its summary line.
fn construct_lines<'a>(stdout: &'a str, construct: &str) -> Option<Vec<&'a str>> {
    let mut block = Vec::new();
    for line in stdout.lines() {
        block.push(line);
        match summary_of(line) {
            Some(name) if name == construct => return Some(block),
            Some(_) => block.clear(),
            None => {}
        }
    }
    None
}

fn construct_passes(construct: &str, expected: u32) {
    let Some(shared) = shared() else { return };
    for (runtime, out) in &shared.runs {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let lines = construct_lines(&stdout, construct).unwrap_or_else(|| {
            panic!(
                "on {runtime} the runner printed no line for `{construct}` (is there a class \
                 {construct} in PascalCase + Tests in tests/csharp/constructs?):\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let summary = lines.last().expect("the summary line");
        assert_eq!(
            counts(summary),
            Some((expected, 0)),
            "{construct} on {runtime}: expected `{expected} passed, 0 failed`:\n{}",
            lines.join("\n")
        );
    }
}

/// The program passes as a whole on each runtime (exit status 0, the same output everywhere), and
/// runs exactly the constructs listed here; the bindings compile alone as a library with XML docs
/// and match their golden file.
#[test]
fn every_construct_runs_on_mono_and_dotnet8_and_bindings_match_golden() {
    let Some(shared) = shared() else { return };
    let t = tools(&["mcs"]).expect("mcs, found before");
    let bindings = shared.dir.join("out/Conformance.cs");
    assert!(
        shared.dir.join("out/libconformance.so").is_file(),
        "the native library is copied next to the bindings"
    );
    mcs_library_with_docs(&t[0], &bindings, &shared.dir);

    let mut first: Option<(Runtime, String)> = None;
    for (runtime, out) in &shared.runs {
        harness::assert_success(out, &format!("Conformance.exe on {runtime}"));
        let stdout = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
        let ran: Vec<&str> = stdout.lines().filter_map(summary_of).collect();
        let mut listed: Vec<&str> = CONSTRUCTS.iter().map(|(name, _)| *name).collect();
        listed.sort_unstable();
        assert_eq!(
            ran, listed,
            "the constructs that ran on {runtime}, and those listed here"
        );
        let total: u32 = CONSTRUCTS.iter().map(|(_, n)| n).sum();
        assert_eq!(counts(&stdout), Some((total, 0)), "on {runtime}:\n{stdout}");
        match &first {
            None => first = Some((*runtime, stdout)),
            Some((r0, s0)) => assert!(
                *s0 == stdout,
                "different output on {r0} and {runtime}:\n--- {r0}\n{s0}\n--- {runtime}\n{stdout}"
            ),
        }
    }
    // Golden file in addition (review diffs; INTEROP_BLESS=1 rewrites it).
    harness::assert_golden(
        "csharp/Conformance.cs",
        &std::fs::read(&bindings).expect("Conformance.cs generated"),
    );
}
