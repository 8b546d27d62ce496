//! Loads real plugins written in C (compiled with gcc by the test) through `plugin!`.

use std::path::{Path, PathBuf};
use std::process::Command;

interop_runtime::plugin! {
    /// A math plugin implemented in C.
    pub struct MathPlugin {
        fn add(a: u64, b: u64) -> u64;
        fn scale(x: f64, k: f64) -> f64;
        fn counter_bump() -> u32;
    }
}

fn gcc() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("gcc"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and gcc is missing"
        );
        eprintln!("SKIPPED: gcc not found");
    }
    found
}

fn build_plugin(dir: &Path, name: &str, source: &str) -> PathBuf {
    let src = dir.join(format!("{name}.c"));
    let lib = dir.join(format!("lib{name}.so"));
    std::fs::write(&src, source).unwrap();
    let out = Command::new("gcc")
        .args(["-shared", "-fPIC", "-Wall", "-Werror", "-o"])
        .arg(&lib)
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lib
}

const FULL: &str = r#"
#include <stdint.h>
static uint32_t counter;
uint64_t add(uint64_t a, uint64_t b) { return a + b; }
double scale(double x, double k) { return x * k; }
uint32_t counter_bump(void) { return ++counter; }
"#;

const PARTIAL: &str = r#"
#include <stdint.h>
uint64_t add(uint64_t a, uint64_t b) { return a + b; }
"#;

#[test]
fn loads_a_c_plugin_and_calls_it() {
    if gcc().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lib = build_plugin(dir.path(), "math_full", FULL);
    // SAFETY: the plugin above implements the interface with these signatures.
    let plugin = unsafe { MathPlugin::load(&lib) }.unwrap();
    assert_eq!(plugin.add(2, 40), 42);
    assert_eq!(plugin.add(u64::MAX, 1), 0);
    assert_eq!(plugin.scale(1.5, 4.0), 6.0);
    assert_eq!(plugin.counter_bump(), 1);
    assert_eq!(plugin.counter_bump(), 2);
}

#[test]
fn a_plugin_missing_functions_is_rejected_with_their_names() {
    if gcc().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lib = build_plugin(dir.path(), "math_partial", PARTIAL);
    // SAFETY: loading is expected to fail before any call.
    let err = unsafe { MathPlugin::load(&lib) }
        .err()
        .expect("load must fail");
    let msg = err.to_string();
    assert!(msg.contains("missing scale, counter_bump"), "{msg}");
    assert!(msg.contains("libmath_partial.so"), "{msg}");
}

#[test]
fn a_missing_file_gives_the_loader_message() {
    // SAFETY: nothing is loaded.
    let err = unsafe { MathPlugin::load("/nonexistent/libnothing.so") }
        .err()
        .expect("load must fail");
    let msg = err.to_string();
    assert!(
        msg.contains("cannot load plugin /nonexistent/libnothing.so"),
        "{msg}"
    );
    assert!(msg.contains("No such file"), "{msg}");
}
