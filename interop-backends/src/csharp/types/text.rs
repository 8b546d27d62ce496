//! Text: `&str` and `String` are `string` (UTF-8 encoded for the call into a stack buffer, or a
//! pooled one for long strings; a returned `String` decoded once and freed); `&CStr` is `string` in
//! (NUL-terminated, an interior NUL refused) and out.

use std::collections::BTreeMap;

use super::{Conversion, Cx, DataCodec, Family, ParamSpec, ReturnSpec};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;

/// Strings up to this many UTF-16 code units are encoded into a stack buffer (3 bytes each).
const STACK_CHARS: usize = 256;

/// `&str` (`owned: false`) or `String` (`owned: true`).
pub struct Text {
    pub owned: bool,
}

/// `{native}.__View`.
pub fn view(cx: &Cx) -> String {
    format!("{}.__View", cx.s.native_class)
}

/// `{native}.__Buffer`.
pub fn buffer(cx: &Cx) -> String {
    format!("{}.__Buffer", cx.s.native_class)
}

impl Family for Text {
    fn reference_type(&self) -> bool {
        true
    }

    /// Inside data: a view (`&str`) or an owned buffer (`String`).
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(if self.owned { buffer(cx) } else { view(cx) })
    }

    fn public(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok("string".into())
    }

    /// An argument is a view of UTF-8 (the library copies a `String`): encoded into a stack buffer,
    /// or a buffer rented from `ArrayPool<byte>.Shared` for a long string, pinned for the call. A lone
    /// surrogate throws `ArgumentException` (naming the parameter) before the call.
    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let n = &cx.s.native_class;
        let pool = locals.fresh(&format!("{name}Pool"));
        let stack = locals.fresh(&format!("{name}Stack"));
        let chars = locals.fresh(&format!("{name}Chars"));
        let heap = locals.fresh(&format!("{name}Heap"));
        let bytes = locals.fresh(&format!("{name}Bytes"));
        let len = locals.fresh(&format!("{name}Length"));
        let rent = "global::System.Buffers.ArrayPool<byte>.Shared";
        Ok(ParamSpec {
            raw: view(cx),
            conv: Conversion {
                decls: vec![format!("string {name}")],
                setup: vec![
                    format!(
                        "if ({name} == null) throw new global::System.ArgumentNullException(nameof({name}));"
                    ),
                    format!(
                        "byte[] {pool} = {name}.Length > {STACK_CHARS} ? {rent}.Rent(checked({name}.Length * 3)) : null;"
                    ),
                    format!(
                        "byte* {stack} = stackalloc byte[{pool} == null ? {name}.Length * 3 : 0];"
                    ),
                ],
                fixed: vec![
                    format!("char* {chars} = {name}"),
                    format!("byte* {heap} = {pool}"),
                ],
                // The encoder is called here, not through a helper with a `catch` (which no JIT
                // inlines): the happy path costs what a hand-written binding costs.
                pinned: vec![
                    format!("byte* {bytes} = {pool} == null ? {stack} : {heap};"),
                    format!("int {len} = 0;"),
                    format!(
                        "try {{ if ({name}.Length != 0) {len} = {n}.StrictUtf8.GetBytes({chars}, {name}.Length, {bytes}, {pool} == null ? {name}.Length * 3 : {pool}.Length); }}"
                    ),
                    format!(
                        "catch (global::System.Text.EncoderFallbackException __e) {{ throw {n}.__Surrogate(__e, nameof({name})); }}"
                    ),
                ],
                args: vec![format!("new {}({bytes}, {len})", view(cx))],
                cleanup: vec![format!("if ({pool} != null) {rent}.Return({pool});")],
                ..Conversion::default()
            },
        })
    }

    /// A returned `String`: decoded (one copy), then its buffer freed.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(ReturnSpec::direct(
            "string".into(),
            buffer(cx),
            format!("{}.__TakeString(__ret)", cx.s.native_class),
        ))
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let n = &cx.s.native_class;
        Ok(if self.owned {
            DataCodec {
                public: "string".into(),
                abi: buffer(cx),
                lower: format!("{n}.__LowerString({{v}}, {{a}}, {{n}})"),
                lift: format!("{n}.__LiftString({{p}})"),
                free: Some(format!("{n}.__FreeString({{p}});")),
            }
        } else {
            DataCodec {
                public: "string".into(),
                abi: view(cx),
                lower: format!("{n}.__LowerStr({{v}}, {{a}}, {{n}})"),
                lift: format!("{n}.__LiftStr({{p}})"),
                free: None,
            }
        })
    }

    fn tag(&self, _cx: &Cx) -> String {
        if self.owned { "String" } else { "Str" }.into()
    }

    fn collect_codecs(&self, _cx: &Cx, _out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        Ok(())
    }
}

/// `&CStr`: a NUL-terminated `const char *` (`byte*`).
pub struct CStr {
    /// `Option<&CStr>` (a parameter only): `null` is a NULL pointer (`None`).
    pub nullable: bool,
}

impl Family for CStr {
    fn reference_type(&self) -> bool {
        true
    }

    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok("byte*".into())
    }

    fn public(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok("string".into())
    }

    /// Encoded with a NUL into unmanaged memory freed after the call; a NUL inside the string throws
    /// `ArgumentException` naming the parameter. `null` throws `ArgumentNullException`, or is NULL
    /// (`None`) when nullable.
    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let n = &cx.s.native_class;
        let arena = locals.fresh(&format!("{name}Arena"));
        let bytes = locals.fresh(&format!("{name}Bytes"));
        Ok(ParamSpec {
            raw: "byte*".into(),
            conv: Conversion {
                decls: vec![format!("string {name}")],
                setup: vec![format!("{n}.__Arena {arena} = new {n}.__Arena();")],
                pinned: vec![if self.nullable {
                    format!(
                        "byte* {bytes} = {name} == null ? (byte*)null : {n}.__LowerCStr({name}, {arena}, nameof({name}));"
                    )
                } else {
                    format!("byte* {bytes} = {n}.__LowerCStr({name}, {arena}, nameof({name}));")
                }],
                args: vec![bytes],
                cleanup: vec![format!("{arena}.Dispose();")],
                ..Conversion::default()
            },
        })
    }

    /// A returned `&'static CStr`: read up to its NUL, never freed.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(ReturnSpec::direct(
            "string".into(),
            "byte*".into(),
            format!("{}.__ReadCString(__ret)", cx.s.native_class),
        ))
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let n = &cx.s.native_class;
        Ok(DataCodec {
            public: "string".into(),
            abi: "byte*".into(),
            lower: format!("{n}.__LowerCStr({{v}}, {{a}}, {{n}})"),
            lift: format!("{n}.__ReadCString(*{{p}})"),
            free: None,
        })
    }

    fn tag(&self, _cx: &Cx) -> String {
        "CStr".into()
    }
}
