//! examples/hello_world, built with its own Interop.toml (outputs in a temp dir), and each output used
//! the way the README tells a user to: C through pkg-config, C# from source and from the installed
//! NuGet package on Mono and .NET 8, Python from the wheel installed into a fresh venv.

use std::path::{Path, PathBuf};
use std::process::Command;

use interop_tests::csharp::run_csharp;
use interop_tests::{self as harness, assert_success, run};

mod kvstore;

/// What every program prints: my_game_function(NULL) and my_game_function(&(1, 1, 1)).
const EXPECTED: &str = "2 4 6 / 2 3 4\n";

/// Build the example with a copy of its Interop.toml in a temp dir, so relative out-dirs land there.
fn build_example() -> tempfile::TempDir {
    let root = harness::workspace_root().join("examples/hello_world");
    let config = std::fs::read_to_string(root.join("Interop.toml")).expect("example Interop.toml");
    let dir = tempfile::Builder::new()
        .prefix("interop-hello-")
        .tempdir()
        .expect("temp dir");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, config).expect("write Interop.toml");
    let manifest = root.join("Cargo.toml");
    let out = harness::run_cargo_interop(
        dir.path(),
        &[
            "build",
            "--strict",
            "--manifest-path",
            manifest.to_str().expect("utf-8"),
            "--config",
            cfg.to_str().expect("utf-8"),
        ],
    );
    assert_success(&out, "cargo interop build (examples/hello_world)");
    dir
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

fn example_file(name: &str) -> PathBuf {
    harness::tests_dir().join("examples").join(name)
}

fn find(dir: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("read out dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == ext))
        .unwrap_or_else(|| panic!("no .{ext} in {}", dir.display()))
}

#[test]
fn c_program_compiles_pedantic_through_pkg_config_and_runs() {
    let (Some(gcc), Some(pkg_config)) = (
        harness::require_tool("gcc"),
        harness::require_tool("pkg-config"),
    ) else {
        return;
    };
    let dir = build_example();
    let c = dir.path().join("bindings/c");
    let flags = run(Command::new(pkg_config)
        .args(["--cflags", "--libs", "hello_world"])
        .env("PKG_CONFIG_PATH", c.join("lib/pkgconfig")));
    assert_success(&flags, "pkg-config");
    let exe = dir.path().join("hello");
    let compile = run(Command::new(gcc)
        .args(["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"])
        .arg(example_file("hello.c"))
        .args(stdout(&flags).split_whitespace())
        .arg(format!("-Wl,-rpath,{}", c.join("lib").display()))
        .arg("-o")
        .arg(&exe));
    assert_success(&compile, "gcc hello.c");
    let out = run(Command::new(&exe).env_remove("LD_LIBRARY_PATH"));
    assert_success(&out, "hello");
    assert_eq!(stdout(&out), EXPECTED);
}

#[test]
fn csharp_from_source_and_from_the_installed_nuget_package() {
    let (Some(mcs), Some(nuget)) = (harness::require_tool("mcs"), harness::require_tool("nuget"))
    else {
        return;
    };
    let dir = build_example();
    let cs = dir.path().join("bindings/csharp");

    // From source: the generated .cs compiled into the program, the .so next to it.
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).expect("mkdir app");
    std::fs::copy(cs.join("libhello_world.so"), app.join("libhello_world.so")).expect("copy .so");
    let compile = run(Command::new(&mcs)
        .args(["-langversion:7.2", "-unsafe", "-warnaserror"])
        .arg(format!("-out:{}", app.join("hello.exe").display()))
        .arg(example_file("Hello.cs"))
        .arg(cs.join("InteropClass.cs")));
    assert_success(&compile, "mcs Hello.cs InteropClass.cs");
    let out = run_csharp(&app.join("hello.exe"), |cmd| {
        cmd.env_remove("LD_LIBRARY_PATH");
    });
    assert_eq!(out, EXPECTED);

    // From the package, as the README shows: nuget install from the output folder.
    let packages = dir.path().join("packages");
    let install = run(Command::new(&nuget)
        .args(["install", "My.Company.HelloWorld", "-Source"])
        .arg(&cs)
        .arg("-OutputDirectory")
        .arg(&packages)
        .args(["-NonInteractive", "-NoCache"])
        .stdin(std::process::Stdio::null()));
    assert_success(&install, "nuget install My.Company.HelloWorld");
    let installed = packages.join("My.Company.HelloWorld.0.1.0");
    let dll = installed.join("lib/netstandard2.0/My.Company.HelloWorld.dll");
    let native = installed.join("runtimes/linux-x64/native/libhello_world.so");
    let consumer = dir.path().join("consumer");
    std::fs::create_dir_all(&consumer).expect("mkdir consumer");
    std::fs::copy(&dll, consumer.join("My.Company.HelloWorld.dll")).expect("copy dll");
    std::fs::copy(&native, consumer.join("libhello_world.so")).expect("copy native");
    let compile = run(Command::new(&mcs)
        .args(["-langversion:7.2", "-warnaserror"])
        .arg(format!("-out:{}", consumer.join("hello.exe").display()))
        .arg(format!("-r:{}", dll.display()))
        .arg(example_file("Hello.cs")));
    assert_success(&compile, "mcs Hello.cs -r:My.Company.HelloWorld.dll");
    let out = run_csharp(&consumer.join("hello.exe"), |cmd| {
        cmd.env_remove("LD_LIBRARY_PATH");
    });
    assert_eq!(out, EXPECTED);
}

#[test]
fn python_wheel_installs_into_a_fresh_venv_and_runs() {
    let Some(python) = harness::python() else {
        return;
    };
    let dir = build_example();
    let wheel = find(&dir.path().join("bindings/python"), "whl");
    let name = wheel.file_name().expect("file name").to_string_lossy();
    assert!(
        name.starts_with("hello_world-0.1.0-py3-none-manylinux_2_")
            || name.starts_with("hello_world-0.1.0-py3-none-linux_"),
        "{name}"
    );
    // A fresh venv without pip (fast, offline); the test venv's pip installs the wheel into it.
    let venv = dir.path().join("venv");
    let made = run(Command::new(&python)
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv));
    assert_success(&made, "python -m venv");
    let venv_py = venv.join("bin/python");
    let install = run(Command::new(&python)
        .args(["-m", "pip", "--disable-pip-version-check", "--python"])
        .arg(&venv_py)
        .args(["install", "--no-index", "--quiet"])
        .arg(&wheel));
    assert_success(&install, "pip install --no-index <wheel>");
    let out = run(Command::new(&venv_py)
        .arg(example_file("hello.py"))
        .current_dir(dir.path()));
    assert_success(&out, "python hello.py");
    assert_eq!(
        stdout(&out),
        format!("{EXPECTED}Vec2f32(x=2.0, y=3.0, z=4.0)\n")
    );
}
