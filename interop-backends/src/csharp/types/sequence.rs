//! Slices and vectors: `&[T]`, `&mut [T]`, `Vec<T>`, `Box<[T]>`.
//!
//! A slice (or vector argument) of C-compatible elements is a `ReadOnlySpan<T>` (`Span<T>` for
//! `&mut [T]`), with a `T[]` overload: pinned for the call, zero-copy (the library copies a vector).
//! Other elements (`string`, structs that own data, vectors) are an `IReadOnlyList<T>`, converted into
//! unmanaged memory freed after the call. A returned vector is a `T[]` (one copy, `memcpy` for
//! C-compatible elements), then the library's buffer is freed, also when converting throws.
//!
//! `Option<&mut [T]>` (ADR 53) is the same `Span<T>` / `T[]` pair: a `null` array is `None` (a NULL
//! `ptr`), any array or span is `Some`, an empty one `Some` of an empty slice (passed with a
//! non-NULL pointer, `sizeof(T)`, which is aligned for `T` and never read).

use std::collections::BTreeMap;

use interop_core::model::TypeRef;

use super::text::{buffer, view};
use super::{Conversion, Cx, DataCodec, Fam, Family, ParamSpec, ReturnSpec};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;

pub struct Sequence<'a> {
    pub element: Fam<'a>,
    pub element_ty: &'a TypeRef,
    /// `Vec<T>` / `Box<[T]>`.
    pub owned: bool,
    /// `&mut [T]`.
    pub mutable: bool,
    /// `Option<&mut [T]>`: a `null` array is `None`.
    pub nullable: bool,
}

/// `new T[n]` for an element type that may itself be an array (`new byte[n][]`).
fn new_array(element: &str, count: &str) -> String {
    match element.find('[') {
        Some(i) => format!("new {}[{count}]{}", &element[..i], &element[i..]),
        None => format!("new {element}[{count}]"),
    }
}

impl Sequence<'_> {
    /// The tag of the vector of this element (`VecString`): its helpers lower every sequence of it.
    fn vec_tag(&self, cx: &Cx) -> String {
        format!("Vec{}", self.element.tag(cx))
    }

    fn element_data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        self.element.data(cx)
    }

    /// The helpers of the vector of this element: lower, lift, free, take.
    fn helpers(&self, cx: &Cx) -> Result<String, Problem> {
        let tag = self.vec_tag(cx);
        let e = self.element_data(cx)?;
        let span = self.element.span_element(cx)?;
        let layout = cx
            .inv
            .layout_of(self.element_ty)
            .map_err(|err| Problem::new(err.to_string()))?;
        let (public, abi) = (&e.public, &e.abi);
        let bytes = format!("(long)count * sizeof({abi})");
        let list = format!("global::System.Collections.Generic.IReadOnlyList<{public}>");
        let mut out = String::new();
        // Lower: into the arena.
        out.push_str(&format!(
            "        internal static __Buffer __Lower_{tag}({list} value, __Arena arena, string name)\n        {{\n            if (value == null)\n            {{\n                throw new global::System.ArgumentNullException(name);\n            }}\n            int count = value.Count;\n            {abi}* items = ({abi}*)arena.Alloc({bytes});\n"
        ));
        if let Some(t) = &span {
            out.push_str(&format!(
                "            {t}[] array = value as {t}[];\n            if (array != null)\n            {{\n                fixed ({t}* source = array)\n                {{\n                    global::System.Buffer.MemoryCopy(source, items, {bytes}, {bytes});\n                }}\n                return new __Buffer(items, count);\n            }}\n"
            ));
        }
        out.push_str(&format!(
            "            int i = 0;\n            try\n            {{\n                for (; i < count; i++)\n                {{\n                    items[i] = {};\n                }}\n            }}\n            catch (global::System.ArgumentException e)\n            {{\n                throw __Inside(e, \"[\" + i + \"]\", name);\n            }}\n            return new __Buffer(items, count);\n        }}\n\n",
            e.lower("value[i]", "arena", "name")
        ));
        // Lift: a copy.
        out.push_str(&format!(
            "        internal static {public}[] __Lift_{tag}(void* ptr, global::System.UIntPtr len)\n        {{\n            int count = checked((int)(ulong)len);\n            {public}[] result = {};\n            {abi}* items = ({abi}*)ptr;\n",
            new_array(public, "count")
        ));
        match &span {
            Some(t) => out.push_str(&format!(
                "            if (count > 0)\n            {{\n                fixed ({t}* target = result)\n                {{\n                    global::System.Buffer.MemoryCopy(items, target, {bytes}, {bytes});\n                }}\n            }}\n            return result;\n        }}\n\n"
            )),
            None => out.push_str(&format!(
                "            for (int i = 0; i < count; i++)\n            {{\n                result[i] = {};\n            }}\n            return result;\n        }}\n\n",
                e.lift("(items + i)")
            )),
        }
        // Free: the elements' own data, then the buffer, which is emptied.
        out.push_str(&format!(
            "        internal static void __Free_{tag}(__Buffer* buffer)\n        {{\n"
        ));
        let release = format!(
            "interop_buffer_free(buffer->Ptr, buffer->Cap, (global::System.UIntPtr){}u, (global::System.UIntPtr){}u);\n                buffer->Ptr = null;\n                buffer->Len = global::System.UIntPtr.Zero;\n                buffer->Cap = global::System.UIntPtr.Zero;",
            layout.size, layout.align
        );
        match e.free("(items + i)") {
            Some(free) => out.push_str(&format!(
                "            {abi}* items = ({abi}*)buffer->Ptr;\n            int count = checked((int)(ulong)buffer->Len);\n            try\n            {{\n                for (int i = 0; i < count; i++)\n                {{\n                    {free}\n                }}\n            }}\n            finally\n            {{\n                {release}\n            }}\n        }}\n\n"
            )),
            None => out.push_str(&format!(
                "            {{\n                {release}\n            }}\n        }}\n\n"
            )),
        }
        // Take: a returned vector, copied then freed (also when copying throws).
        out.push_str(&format!(
            "        internal static {public}[] __Take_{tag}(__Buffer buffer)\n        {{\n            try\n            {{\n                return __Lift_{tag}(buffer.Ptr, buffer.Len);\n            }}\n            finally\n            {{\n                __Free_{tag}(&buffer);\n            }}\n        }}"
        ));
        Ok(out)
    }
}

impl Family for Sequence<'_> {
    fn reference_type(&self) -> bool {
        true
    }

    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(if self.owned { buffer(cx) } else { view(cx) })
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!("{}[]", self.element_data(cx)?.public))
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let n = &cx.s.native_class;
        if let Some(t) = self.element.span_element(cx)? {
            let ptr = locals.fresh(name);
            // `Some` of an empty slice needs a pointer other than NULL: `sizeof(T)`, aligned.
            let some = format!("({ptr} != null ? {ptr} : ({t}*)sizeof({t}))");
            let (decl, fixed, len) = if cx.arrays {
                (
                    format!("{t}[] {name}"),
                    format!("{t}* {ptr} = {name}"),
                    format!("{name} == null ? 0 : {name}.Length"),
                )
            } else {
                let span = if self.mutable { "Span" } else { "ReadOnlySpan" };
                (
                    format!("global::System.{span}<{t}> {name}"),
                    format!(
                        "{t}* {ptr} = &global::System.Runtime.InteropServices.MemoryMarshal.GetReference({name})"
                    ),
                    format!("{name}.Length"),
                )
            };
            let pointer = match (self.nullable, cx.arrays) {
                (false, _) => ptr.clone(),
                (true, true) => format!("({name} == null ? null : {some})"),
                (true, false) => some,
            };
            return Ok(ParamSpec {
                raw: view(cx),
                conv: Conversion {
                    decls: vec![decl],
                    fixed: vec![fixed],
                    args: vec![format!("new {}({pointer}, {len})", view(cx))],
                    ..Conversion::default()
                },
            });
        }
        if self.mutable {
            return Err(Problem::new(
                "`&mut [T]` needs elements of a C-compatible type (numbers, bool, C-like enums, \
                 #[ffi] structs of those)",
            ));
        }
        let public = self.element_data(cx)?.public;
        let arena = locals.fresh(&format!("{name}Arena"));
        let local = locals.fresh(name);
        Ok(ParamSpec {
            raw: view(cx),
            conv: Conversion {
                decls: vec![format!(
                    "global::System.Collections.Generic.IReadOnlyList<{public}> {name}"
                )],
                setup: vec![format!("{n}.__Arena {arena} = new {n}.__Arena();")],
                pinned: vec![format!(
                    "{} {local} = {n}.__ViewOf({n}.__Lower_{}({name}, {arena}, nameof({name})));",
                    view(cx),
                    self.vec_tag(cx)
                )],
                args: vec![local],
                cleanup: vec![format!("{arena}.Dispose();")],
                ..Conversion::default()
            },
        })
    }

    /// A returned vector: `T[]`.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(ReturnSpec::direct(
            self.public(cx)?,
            buffer(cx),
            format!("{}.__Take_{}(__ret)", cx.s.native_class, self.vec_tag(cx)),
        ))
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let n = &cx.s.native_class;
        let tag = self.vec_tag(cx);
        let public = self.public(cx)?;
        Ok(if self.owned {
            DataCodec {
                public,
                abi: buffer(cx),
                lower: format!("{n}.__Lower_{tag}({{v}}, {{a}}, {{n}})"),
                lift: format!("{n}.__Lift_{tag}({{p}}->Ptr, {{p}}->Len)"),
                free: Some(format!("{n}.__Free_{tag}({{p}});")),
            }
        } else {
            DataCodec {
                public,
                abi: view(cx),
                lower: format!("{n}.__ViewOf({n}.__Lower_{tag}({{v}}, {{a}}, {{n}}))"),
                lift: format!("{n}.__Lift_{tag}({{p}}->Ptr, {{p}}->Len)"),
                free: None,
            }
        })
    }

    fn tag(&self, cx: &Cx) -> String {
        if self.owned {
            self.vec_tag(cx)
        } else {
            format!(
                "Slice{}{}",
                if self.mutable { "Mut" } else { "" },
                self.element.tag(cx)
            )
        }
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        self.element.collect_codecs(cx, out)?;
        let key = format!("__{}", self.vec_tag(cx));
        if let std::collections::btree_map::Entry::Vacant(entry) = out.entry(key) {
            entry.insert(self.helpers(cx)?);
        }
        Ok(())
    }
}
