//! Finding the package: a crate without a cdylib, a workspace with several, a missing manifest.

use interop_tests::run_cargo_interop;

use super::{CDYLIB, assert_error, temp_dir, write_crate};

#[test]
fn crate_without_cdylib_shows_the_crate_type_to_add() {
    let dir = temp_dir("nocdylib");
    write_crate(dir.path(), "plainlib", "[lib]\ncrate-type = [\"rlib\"]", "");
    std::fs::write(dir.path().join("Interop.toml"), "[c]\n").expect("write Interop.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(
        &out,
        &[
            "package `plainlib` does not build a C dynamic library",
            "[lib]",
            "crate-type = [\"cdylib\"]",
        ],
    );
}

#[test]
fn workspace_with_several_cdylibs_needs_a_package() {
    let dir = temp_dir("multi");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"alpha\", \"beta\"]\n",
    )
    .expect("write workspace");
    for name in ["alpha", "beta"] {
        let member = dir.path().join(name);
        std::fs::create_dir_all(member.join("src")).expect("mkdir");
        std::fs::write(
            member.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n{CDYLIB}\n"
            ),
        )
        .expect("write member");
        std::fs::write(member.join("src/lib.rs"), "").expect("write lib.rs");
    }
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(&out, &["several cdylib packages: alpha, beta", "-p NAME"]);

    // Naming a package that does not exist lists the members.
    let out = run_cargo_interop(dir.path(), &["build", "-p", "gamma"]);
    assert_error(&out, &["package `gamma` is not a member", "alpha, beta"]);

    // With -p the package is selected (and the next problem, its missing Interop.toml, is reported).
    let out = run_cargo_interop(dir.path(), &["build", "-p", "beta"]);
    assert_error(&out, &["no Interop.toml at", "beta"]);
}

#[test]
fn manifest_path_that_does_not_exist() {
    let dir = temp_dir("nomanifest");
    let out = run_cargo_interop(
        dir.path(),
        &["inspect", "--manifest-path", "does/not/exist/Cargo.toml"],
    );
    assert_error(&out, &["does/not/exist/Cargo.toml", "does not exist"]);
}
