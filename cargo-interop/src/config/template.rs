//! The commented Interop.toml `cargo interop init` writes.

/// The commented Interop.toml written by `cargo interop init`. With `nuget_left_off` (why this
/// machine cannot build a NuGet package), the `[csharp.nuget]` table is written commented out with
/// that reason, so that the file builds here.
pub fn init_template(
    package: &str,
    lib_name: &str,
    version: &str,
    nuget_left_off: Option<&str>,
) -> String {
    let pascal = heck::AsUpperCamelCase(lib_name).to_string();
    let nuget = match nuget_left_off {
        None => format!(
            r#"# The NuGet package (delete this table to generate only the C# source). Every key defaults to the
# crate's metadata from Cargo.toml. Building the assembly needs a C# compiler (the .NET SDK, csc or mcs).
[csharp.nuget]
# id = "{pascal}"
# version = "{version}"
# Native libraries built elsewhere, by .NET runtime identifier:
# runtimes = {{ "win-x64" = "prebuilt/{lib_name}.dll" }}"#
        ),
        Some(reason) => format!(
            r#"# The NuGet package is left off: `cargo interop init` found that this machine cannot build it
# ({reason}).
# To build it, install the .NET SDK (https://dot.net) or Mono's C# compiler (Debian/Ubuntu:
# `apt-get install mono-devel`), then uncomment the table. Every key defaults to the crate's metadata.
# [csharp.nuget]
# id = "{pascal}"
# version = "{version}"
# runtimes = {{ "win-x64" = "prebuilt/{lib_name}.dll" }}"#
        ),
    };
    format!(
        r#"# Interop.toml: what `cargo interop build` generates for `{package}`.
#
# Each section enables one language; delete a section to skip that language.
# Relative paths are relative to the directory of this file.
# Reference: https://github.com/cargo-interop/cargo-interop/blob/main/docs/cli.md

# C: a header and a pkg-config file, with the native library next to them:
#   <out-dir>/include/<header>, <out-dir>/lib/lib{lib_name}.so, <out-dir>/lib/pkgconfig/{lib_name}.pc
[c]
# Output directory.
out-dir = "bindings/c"
# Header file name (default: "{lib_name}.h").
# header = "{lib_name}.h"
# Prefix for type, enum-variant and constant names in the header (default: none).
# prefix = ""

# C#: a source file with the bindings and a NuGet package:
#   <out-dir>/<Class>.cs, the native library, <out-dir>/<Id>.<Version>.nupkg
[csharp]
# Output directory.
out-dir = "bindings/csharp"
# Namespace of the generated types (default: the library name in PascalCase).
# namespace = "{pascal}"
# Static class with the free functions and constants, also the .cs file name (default: namespace + "Lib").
# class = "{pascal}Lib"
# Library name given to [DllImport] (default: "{lib_name}").
# native-library = "{lib_name}"
# Accessibility of the generated API: "public" or "internal".
# access = "public"
# Names: "idiomatic" (PascalCase members, camelCase parameters) or "rust" (unchanged).
# naming = "idiomatic"
# Exception thrown when a Rust function panics.
# exception = "RustPanicException"

{nuget}

# Python: a package with the native library inside, and a wheel:
#   <out-dir>/<package>/..., <out-dir>/<dist>-<version>-py3-none-<platform>.whl
[python]
# Output directory.
out-dir = "bindings/python"
# Import name of the package (default: "{lib_name}").
# package = "{lib_name}"
# Release the GIL during calls so that other Python threads run while Rust computes (true), or keep
# it (false, the default: the fastest path, a panic is raised by the ctypes call itself).
# release-gil = false

# The wheel. Every key defaults to the crate's metadata from Cargo.toml.
[python.wheel]
# Build the wheel (false: only the package directory is written).
# build = true
# Distribution name on PyPI (default: "{package}").
# name = "{package}"
# version = "{version}"
# requires-python = ">=3.8"
# project-urls = {{ "Source" = "https://example.com/repo" }}
"#
    )
}
