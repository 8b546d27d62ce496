//! One fixture feature's C programs (tests/c/<feature>.c, and more when one would be too long):
//! compiled as C99 and C++17 against the generated header, run, and run under valgrind (0 errors,
//! every block freed); together they must call every function of the feature's modules, the header
//! must match its golden file (tests/golden/c/conformance-<feature>.h) and give each of the
//! feature's types (and the fixed views and buffers a feature names) the size and alignment the
//! library reports.

use std::process::Command;

use super::{Generated, assert_passed, build_program, run_program, tools};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// A fixture feature with its own C program.
pub struct Feature {
    /// The module (`::<name>::` in Rust paths), the golden header.
    pub name: &'static str,
    /// The cargo features the fixture is built with.
    pub features: &'static str,
    /// The programs (`c/<program>.c`, each its own executable) and how many CHECKs each runs;
    /// together they call every function of the feature.
    pub programs: &'static [(&'static str, usize)],
    /// Layout checks besides the feature's own types: `(C type, JSON {size, align})` from the
    /// inventory (views and buffers, whose layout is a target fact).
    pub extra_layouts: fn(&serde_json::Value) -> Vec<(String, serde_json::Value)>,
}

impl Feature {
    /// The fixture with the feature (built in `target/fixtures` with the
    /// other fixture builds, one at a time: `interop_tests::fixture_build`).
    pub(crate) fn generated(&self) -> Generated {
        Generated::with_args(&["--features", self.features])
    }

    fn program(program: &str) -> std::path::PathBuf {
        harness::tests_dir().join(format!("c/{program}.c"))
    }

    pub fn passes_as_c_and_cpp_and_is_valgrind_clean(&self) {
        let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
            return;
        };
        let name = self.name;
        let g = self.generated();
        harness::assert_golden(&format!("c/conformance-{name}.h"), &g.header());
        harness::c_headers::compile_with_standard_headers(&g.include(), "conformance.h", g.root());
        for &(program, expected) in self.programs {
            Self::passes(&g, &tools, program, expected);
        }
    }

    /// One program: built as C99 and C++17, both run, the C99 one under valgrind.
    fn passes(g: &Generated, tools: &[std::path::PathBuf], program: &str, expected: usize) {
        for (compiler, flags, std) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")]
        {
            let exe = g.scratch(&format!("{program}-{std}"));
            build_program(g, compiler, flags, &Self::program(program), &exe);
            // cargo test's LD_LIBRARY_PATH holds the fixture built without the feature: it would
            // win over the rpath.
            let stdout = run_program(
                Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
                &format!("{program} ({std})"),
            );
            assert_passed(&stdout, std, expected);
        }
        let mut cmd = Command::new(&tools[2]);
        cmd.args([
            "--error-exitcode=1",
            "--leak-check=full",
            "--show-leak-kinds=all",
            "--errors-for-leak-kinds=all",
        ])
        .arg(g.scratch(&format!("{program}-c99")))
        .env("LD_LIBRARY_PATH", g.lib())
        .env_remove("RUST_BACKTRACE");
        let out = harness::run(&mut cmd);
        let stderr = String::from_utf8_lossy(&out.stderr);
        harness::assert_success(&out, &format!("valgrind {program}"));
        assert_passed(&String::from_utf8_lossy(&out.stdout), "valgrind", expected);
        assert!(
            stderr.contains("ERROR SUMMARY: 0 errors from 0 contexts"),
            "{stderr}"
        );
        assert!(
            stderr.contains("All heap blocks were freed -- no leaks are possible"),
            "{stderr}"
        );
    }

    pub fn covers_the_feature_and_layouts_match(&self) {
        let Some(tools) = tools(&["gcc"]) else {
            return;
        };
        let name = self.name;
        let marker = format!("::{name}::");
        let g = self.generated();
        let inventory = g.inventory();
        let program: String = self
            .programs
            .iter()
            .map(|(p, _)| std::fs::read_to_string(Self::program(p)).expect("read the C program"))
            .collect();
        let mut missing = Vec::new();
        for f in inventory["functions"].as_array().expect("functions") {
            let path = f["rust_path"].as_str().expect("rust_path");
            let symbol = f["symbol"].as_str().expect("symbol");
            if path.contains(&marker) && !program.contains(&format!("{symbol}(")) {
                missing.push(symbol.to_string());
            }
        }
        assert!(
            missing.is_empty(),
            "the {name} programs do not call {missing:?}"
        );

        let mut checks = (self.extra_layouts)(&inventory);
        for t in inventory["types"].as_array().expect("types") {
            // Services and opaque types are incomplete in C: they have no layout to compare.
            let kind = t["kind"].as_str().or_else(|| t["kind"]["kind"].as_str());
            let incomplete = matches!(kind, Some("service" | "opaque"));
            if t["id"].as_str().expect("id").contains(&marker) && !incomplete {
                checks.push((
                    t["name"].as_str().expect("name").to_string(),
                    serde_json::json!({"size": t["size"], "align": t["align"]}),
                ));
            }
        }
        let mut src = String::from("#include \"conformance.h\"\n#include <stdio.h>\n\n");
        let mut body = String::new();
        for (ty, _) in &checks {
            src.push_str(&format!("struct align_{ty} {{ char c; {ty} t; }};\n"));
            body.push_str(&format!(
                "    printf(\"{ty} %lu %lu\\n\", (unsigned long)sizeof({ty}), \
                 (unsigned long)offsetof(struct align_{ty}, t));\n"
            ));
        }
        src.push_str(&format!("\nint main(void) {{\n{body}    return 0;\n}}\n"));
        let source = g.scratch(&format!("{name}-layout.c"));
        std::fs::write(&source, src).expect("write the layout program");
        let exe = g.scratch(&format!("{name}-layout"));
        build_program(&g, &tools[0], C_FLAGS, &source, &exe);
        let stdout = run_program(
            Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
            &format!("{name} layout"),
        );
        let expected: String = checks
            .iter()
            .map(|(ty, l)| format!("{ty} {} {}\n", l["size"], l["align"]))
            .collect();
        assert_eq!(stdout, expected);
    }
}
