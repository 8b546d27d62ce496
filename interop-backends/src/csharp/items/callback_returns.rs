//! Closures returning owned data (ADR 54): the trampoline writes what the delegate returned into the
//! zeroed slot Rust passes, in the owned C form (`String`, `VecT`, the record's mirror, the option
//! struct). Every buffer comes from `interop_buffer_alloc` with `cap` = its length, so the library
//! takes it as its own (no second copy). The "give" helpers of the raw layer write one value each;
//! one that throws half way frees what it had allocated and leaves its slot zeroed, so the slot is
//! always either complete or empty when the exception reaches the trampoline's `catch`.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use interop_core::abi::AbiShape;
use interop_core::model::{TypeKind, TypeRef};

use super::callbacks::{Ret, ret};
use crate::csharp::problems::Problem;
use crate::csharp::types::owned_record::{mirror_fields, properties};
use crate::csharp::types::{Cx, family};

/// The name a returned value has in exceptions (`ArgumentNullException: return`, `return.tags[0]`).
pub const RETURN_NAME: &str = "\"return\"";

/// True when a closure returning `ty` writes it to a slot (owned data) instead of returning it.
pub fn owned(cx: &Cx, ty: &TypeRef) -> bool {
    !ty.is_unit() && !crate::common::closures::returns_by_value(cx.inv, ty)
}

/// A closure's value written to a slot: its public C# type and the owned C form the slot holds.
pub struct Slot<'a> {
    pub public: String,
    pub abi: String,
    pub ty: &'a TypeRef,
    /// A `String` written straight to the slot Rust passed: lent from this thread's scratch buffer
    /// (`cap == 0`, copied by Rust as soon as `call` returns) instead of allocated.
    lend: bool,
}

impl<'a> Slot<'a> {
    pub fn new(cx: &Cx<'a>, ty: &'a TypeRef) -> Result<Self, Problem> {
        // Checked here so that a shape the helpers cannot write is refused with the signature.
        give(cx, ty, "value", "slot", RETURN_NAME)?;
        let fam = family(cx, ty)?;
        Ok(Slot {
            public: fam.public(cx)?,
            abi: fam.storage(cx)?,
            ty,
            lend: lends(cx, ty),
        })
    }

    /// The statement writing public `value` to the slot `slot` (a `T*` expression).
    pub fn give(&self, cx: &Cx, value: &str, slot: &str) -> Result<String, Problem> {
        if self.lend {
            let n = &cx.s.native_class;
            return Ok(format!("{n}.__LendString({value}, {slot}, {RETURN_NAME});"));
        }
        give(cx, self.ty, value, slot, RETURN_NAME)
    }
}

fn refuse(cx: &Cx, ty: &TypeRef) -> Problem {
    Problem::new(format!(
        "`{}` cannot be returned from a closure in C# (ADR 54, ADR 63: strings, vectors, \
         options, records, data enums and tuples of those, and C-compatible values)",
        cx.inv.rust_spelling(ty)
    ))
}

/// How a foreign closure's value comes back: returned (C-compatible) or written to the slot Rust
/// passes (owned data, ADR 54).
pub(super) enum Back<'a> {
    Direct(Ret),
    Slot(Slot<'a>),
}

impl Back<'_> {
    pub fn public(&self) -> String {
        match self {
            Back::Direct(r) => r.public.clone(),
            Back::Slot(s) => s.public.clone(),
        }
    }

    /// The raw type of what `call` returns or of the slot it writes.
    pub fn raw(&self) -> String {
        match self {
            Back::Direct(r) => r.raw.clone(),
            Back::Slot(s) => s.abi.clone(),
        }
    }

    /// The statement writing the public value `value` (an expression read once) to `*slot`.
    pub fn write(&self, cx: &Cx, value: &str, slot: &str) -> Result<String, Problem> {
        match self {
            Back::Direct(r) => Ok(format!("*{slot} = {};", (r.store)(value))),
            Back::Slot(s) => s.give(cx, value, slot),
        }
    }

    /// The statement storing the delegate's value `call` to `*slot`.
    pub fn store(&self, cx: &Cx, call: &str, slot: &str) -> Result<String, Problem> {
        Ok(match self {
            Back::Direct(r) => format!("*{slot} = {};", (r.store)(call)),
            Back::Slot(s) => format!(
                "{} __value = {call};\n{}",
                s.public,
                s.give(cx, "__value", slot)?
            ),
        })
    }
}

pub(super) fn back<'a>(cx: &Cx<'a>, returns: &'a TypeRef) -> Result<Option<Back<'a>>, Problem> {
    if owned(cx, returns) {
        return Ok(Some(Back::Slot(Slot::new(cx, returns)?)));
    }
    Ok(ret(cx, returns)?.map(Back::Direct))
}

/// Adds the helpers of a closure returning `returns` (the ok value of a `Result` too).
pub fn collect_returns(
    cx: &Cx,
    returns: &TypeRef,
    out: &mut BTreeMap<String, String>,
) -> Result<(), Problem> {
    let value = match returns {
        TypeRef::Result(r) => {
            // `E`: its writer (a data enum or a value owning data, ADR 63), and the exception of
            // each variant a returned closure's `Invoke` throws.
            collect(cx, &r.err, out)?;
            if lends(cx, &r.err)
                && let Entry::Vacant(e) = out.entry("__LendString".to_string())
            {
                e.insert(LEND_STRING.to_string());
            }
            crate::csharp::types::error::ErrorType::new(cx, &r.err)?.collect_exception(cx, out)?;
            &r.ok
        }
        _ if returns.is_unit() => return Ok(()),
        _ => returns,
    };
    collect(cx, value, out)?;
    if lends(cx, value)
        && let Entry::Vacant(e) = out.entry("__LendString".to_string())
    {
        e.insert(LEND_STRING.to_string());
    }
    Ok(())
}

/// True when a closure's value `ty` is a `String` the trampoline writes to Rust's slot itself (the
/// `Ok` of a `Result` too): nothing runs on the thread between that write and Rust's copy, so the
/// bytes may be lent from the thread's scratch buffer. Inside a vector, option or record, several
/// strings are written before Rust takes any: those are allocated.
fn lends(cx: &Cx, ty: &TypeRef) -> bool {
    matches!(cx.inv.shape_of(ty), Ok(AbiShape::Str { owned: true }))
}

/// A statement writing the public value `value` of type `ty` to `*slot` in owned form (`name`: the
/// C# expression naming it in exceptions).
pub fn give(cx: &Cx, ty: &TypeRef, value: &str, slot: &str, name: &str) -> Result<String, Problem> {
    let n = &cx.s.native_class;
    if crate::common::closures::returns_by_value(cx.inv, ty) || lowered_whole(cx, ty) {
        let d = family(cx, ty)?.data(cx)?;
        if d.lower.contains("{a}") && !composite(cx, ty) {
            return Err(refuse(cx, ty));
        }
        // `(&x)` is written as `x`. A data enum or tuple that owns nothing needs no arena.
        let target = slot
            .strip_prefix("(&")
            .and_then(|t| t.strip_suffix(')'))
            .map_or_else(|| format!("*{slot}"), str::to_string);
        return Ok(format!("{target} = {};", d.lower(value, "null", name)));
    }
    let fam = family(cx, ty)?;
    let helper = match cx.inv.shape_of(ty) {
        Ok(AbiShape::Record { def }) if def.is_tuple() && writable(cx, ty) => {
            format!("__Give_{}", fam.tag(cx))
        }
        Ok(AbiShape::DataEnum { .. }) if writable(cx, ty) => format!("__Give_{}", fam.tag(cx)),
        Ok(AbiShape::Str { owned: true }) => "__GiveString".to_string(),
        Ok(AbiShape::Vec { .. }) | Ok(AbiShape::Option { .. }) => format!("__Give_{}", fam.tag(cx)),
        Ok(AbiShape::Record { def })
            if !def.is_tuple()
                && cx.inv.owns_data(ty).unwrap_or(false)
                && !cx.inv.holds_views(ty).unwrap_or(true)
                && !crate::common::closures::holds_closure(cx.inv, ty) =>
        {
            format!("__Give_{}", fam.tag(cx))
        }
        _ => return Err(refuse(cx, ty)),
    };
    Ok(format!("{n}.{helper}({value}, {slot}, {name});"))
}

/// True for a data enum or a tuple (ADR 63).
fn composite(cx: &Cx, ty: &TypeRef) -> bool {
    match cx.inv.shape_of(ty) {
        Ok(AbiShape::Record { def }) => def.is_tuple(),
        Ok(AbiShape::DataEnum { .. }) => true,
        _ => false,
    }
}

/// True for a data enum or tuple that owns nothing, written to a slot by its lowering (a tuple of
/// numbers: tuples never come back by value).
fn lowered_whole(cx: &Cx, ty: &TypeRef) -> bool {
    composite(cx, ty)
        && !cx.inv.owns_data(ty).unwrap_or(true)
        && !cx.inv.holds_views(ty).unwrap_or(true)
}

/// True for a data enum or tuple owning data that a give helper writes (no views, no closures).
fn writable(cx: &Cx, ty: &TypeRef) -> bool {
    cx.inv.owns_data(ty).unwrap_or(false)
        && !cx.inv.holds_views(ty).unwrap_or(true)
        && !crate::common::closures::holds_closure(cx.inv, ty)
}

/// Adds the raw-layer helpers writing a `ty` to a slot (and those of the values inside it), with
/// the conversions of `ty` itself (its `__Free_*`, used when a helper fails half way).
pub fn collect(cx: &Cx, ty: &TypeRef, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
    if crate::common::closures::returns_by_value(cx.inv, ty) {
        if composite(cx, ty) {
            // A C-compatible data enum: its lowering (`__Lower_<T>`) is the writer.
            family(cx, ty)?.collect_codecs(cx, out)?;
        }
        return Ok(());
    }
    let fam = family(cx, ty)?;
    fam.collect_codecs(cx, out)?;
    if lowered_whole(cx, ty) {
        return Ok(());
    }
    if let Entry::Vacant(e) = out.entry("__GiveRuntime".to_string()) {
        e.insert(runtime());
    }
    let key = format!("__Give_{}", fam.tag(cx));
    if out.contains_key(&key) {
        return Ok(());
    }
    // Reserved first: a recursive type ends here.
    out.insert(key.clone(), String::new());
    let text = match cx.inv.shape_of(ty) {
        Ok(AbiShape::Str { owned: true }) => {
            out.remove(&key);
            return Ok(());
        }
        Ok(AbiShape::Vec { element }) => {
            collect(cx, element, out)?;
            vec_helper(cx, ty, element)?
        }
        Ok(AbiShape::Option { inner }) => {
            collect(cx, inner, out)?;
            option_helper(cx, ty, inner)?
        }
        Ok(AbiShape::Record { def }) if def.is_tuple() && writable(cx, ty) => {
            let TypeKind::Struct(s) = &def.kind else {
                return Err(refuse(cx, ty));
            };
            for f in &s.fields {
                collect(cx, &f.ty, out)?;
            }
            super::callback_data_returns::tuple_helper(cx, def, s, &fam.public(cx)?)?
        }
        Ok(AbiShape::DataEnum { def, data }) if writable(cx, ty) => {
            for v in &data.variants {
                for f in &v.fields {
                    collect(cx, &f.ty, out)?;
                }
            }
            super::callback_data_returns::data_enum_helper(cx, def, data)?
        }
        Ok(AbiShape::Record { def }) => {
            let TypeKind::Struct(s) = &def.kind else {
                return Err(refuse(cx, ty));
            };
            for f in &s.fields {
                collect(cx, &f.ty, out)?;
            }
            let class = cx.type_name(def);
            let mirror = crate::csharp::types::mirror_ident(&class);
            let props = properties(cx, def, s);
            let fields = mirror_fields(s);
            let mut body = Vec::new();
            for ((f, prop), field) in s.fields.iter().zip(&props).zip(&fields) {
                let statement = give(
                    cx,
                    &f.ty,
                    &format!("value.{prop}"),
                    &format!("(&result.{field})"),
                    "name",
                )?;
                if statement.contains("__Give") {
                    body.push(format!("                step = \".{}\";", f.rust_name));
                }
                body.push(format!("                {statement}"));
            }
            format!(
                "        internal static void __Give_{class}({class} value, {mirror}* slot, string name)\n        {{\n            if (ReferenceEquals(value, null))\n            {{\n                throw new global::System.ArgumentNullException(name);\n            }}\n            {mirror} result = default({mirror});\n            string step = null;\n            try\n            {{\n{}\n            }}\n            catch (global::System.ArgumentException e) when (step != null)\n            {{\n                __Free_{class}(&result);\n                throw __Inside(e, step, name);\n            }}\n            catch\n            {{\n                __Free_{class}(&result);\n                throw;\n            }}\n            *slot = result;\n        }}",
                body.join("\n")
            )
        }
        _ => return Err(refuse(cx, ty)),
    };
    out.insert(key, text);
    Ok(())
}

/// `__Give_VecT`: one allocation of `count` elements, each written in place (a `T[]` of
/// C-compatible elements is copied with one `memcpy`).
fn vec_helper(cx: &Cx, ty: &TypeRef, element: &TypeRef) -> Result<String, Problem> {
    let tag = family(cx, ty)?.tag(cx);
    let efam = family(cx, element)?;
    let d = efam.data(cx)?;
    let (public, abi) = (&d.public, &d.abi);
    let layout = cx
        .inv
        .layout_of(element)
        .map_err(|e| Problem::new(e.to_string()))?;
    let list = format!("global::System.Collections.Generic.IReadOnlyList<{public}>");
    let bytes = format!("(long)count * sizeof({abi})");
    let fast = match efam.span_element(cx)? {
        Some(t) => format!(
            "            {t}[] array = value as {t}[];\n            if (array != null)\n            {{\n                fixed ({t}* source = array)\n                {{\n                    global::System.Buffer.MemoryCopy(source, items, {bytes}, {bytes});\n                }}\n                *slot = result;\n                return;\n            }}\n"
        ),
        None => String::new(),
    };
    let each = give(cx, element, "value[i]", "(&items[i])", "name")?;
    Ok(format!(
        "        internal static void __Give_{tag}({list} value, __Buffer* slot, string name)\n        {{\n            if (value == null)\n            {{\n                throw new global::System.ArgumentNullException(name);\n            }}\n            int count = value.Count;\n            if (count == 0)\n            {{\n                return;\n            }}\n            __Buffer result = default(__Buffer);\n            result.Ptr = __Allocate(count, {size}, {align});\n            result.Len = new global::System.UIntPtr((uint)count);\n            result.Cap = result.Len;\n            {abi}* items = ({abi}*)result.Ptr;\n{fast}            int i = 0;\n            try\n            {{\n                for (; i < count; i++)\n                {{\n                    {each}\n                }}\n            }}\n            catch (global::System.ArgumentException e)\n            {{\n                __Free_{tag}(&result);\n                throw __Inside(e, \"[\" + i + \"]\", name);\n            }}\n            catch\n            {{\n                __Free_{tag}(&result);\n                throw;\n            }}\n            *slot = result;\n        }}",
        size = layout.size,
        align = layout.align,
    ))
}

/// `__Give_Option_T`: `null` leaves the slot `None`; a value is written, then `IsSome` set.
fn option_helper(cx: &Cx, ty: &TypeRef, inner: &TypeRef) -> Result<String, Problem> {
    let fam = family(cx, ty)?;
    let tag = fam.tag(cx);
    let public = fam.public(cx)?;
    let (present, value) = if family(cx, inner)?.reference_type() {
        ("!ReferenceEquals(value, null)", "value")
    } else {
        ("value.HasValue", "value.GetValueOrDefault()")
    };
    let each = give(cx, inner, value, "(&slot->Value)", "name")?;
    Ok(format!(
        "        internal static void __Give_{tag}({public} value, __{tag}* slot, string name)\n        {{\n            if ({present})\n            {{\n                {each}\n                slot->IsSome = 1;\n            }}\n        }}"
    ))
}

/// What every give helper uses: the allocator export and the string writer.
fn runtime() -> String {
    "        /// <summary>\n        /// Writes a string a callback returned to <paramref name=\"slot\"/> as an owned <c>String</c> (ADR 54):\n        /// UTF-8 straight into memory of <c>interop_buffer_alloc</c>, which the library takes (an empty string\n        /// leaves the slot zeroed). <c>null</c> throws <c>ArgumentNullException</c>, a lone surrogate\n        /// <c>ArgumentException</c>, naming <paramref name=\"name\"/>; nothing is allocated then.\n        /// </summary>\n        internal static void __GiveString(string value, __Buffer* slot, string name)\n        {\n            if (value == null)\n            {\n                throw new global::System.ArgumentNullException(name);\n            }\n            if (value.Length == 0)\n            {\n                return;\n            }\n            fixed (char* chars = value)\n            {\n                int count;\n                try\n                {\n                    count = StrictUtf8.GetByteCount(chars, value.Length);\n                }\n                catch (global::System.Text.EncoderFallbackException e)\n                {\n                    throw __Surrogate(e, name);\n                }\n                byte* bytes = (byte*)__Allocate(count, 1, 1);\n                StrictUtf8.GetBytes(chars, value.Length, bytes, count);\n                slot->Ptr = bytes;\n                slot->Len = new global::System.UIntPtr((uint)count);\n                slot->Cap = slot->Len;\n            }\n        }\n\n        /// <summary>\n        /// <paramref name=\"count\"/> zeroed elements from the library's allocator, for a value handed to it.\n        /// </summary>\n        internal static void* __Allocate(int count, int size, int align)\n        {\n            void* p = interop_buffer_alloc(new global::System.UIntPtr((uint)count), new global::System.UIntPtr((uint)size), new global::System.UIntPtr((uint)align));\n            if (p == null)\n            {\n                throw new global::System.OutOfMemoryException(\"the library could not allocate \" + count + \" elements of \" + size + \" bytes\");\n            }\n            return p;\n        }\n\n        [global::System.Runtime.InteropServices.DllImport(LibraryName, CallingConvention = global::System.Runtime.InteropServices.CallingConvention.Cdecl, EntryPoint = \"interop_buffer_alloc\", ExactSpelling = true)]\n        private static extern void* interop_buffer_alloc(global::System.UIntPtr cap, global::System.UIntPtr elemSize, global::System.UIntPtr elemAlign);".to_string()
}

/// `__LendString`: a string a closure returned, encoded in one pass into this thread's scratch
/// buffer and lent to Rust (`cap == 0`: Rust copies it as soon as `call` returns, ADR 54 addendum),
/// so no P/Invoke of `interop_buffer_alloc` and no `GetByteCount` pass; longer strings (and `null`,
/// which throws) go through `__GiveString`.
const LEND_STRING: &str = r#"        /// <summary>
        /// This thread's buffer for the strings callbacks return: made on the thread's first such
        /// string, freed by the finalizer once the thread has ended.
        /// </summary>
        [global::System.ThreadStatic]
        private static __LentScratch t_lentScratch;

        /// <summary>
        /// Native memory a trampoline lends to Rust for one string at a time (see <see cref="__LendString"/>).
        /// </summary>
        internal sealed class __LentScratch
        {
            /// <summary>
            /// The size in bytes: the UTF-8 of any string of up to a third as many chars fits.
            /// </summary>
            internal const int Size = 1024;

            internal readonly byte* Bytes = (byte*)global::System.Runtime.InteropServices.Marshal.AllocHGlobal(Size);

            ~__LentScratch()
            {
                global::System.Runtime.InteropServices.Marshal.FreeHGlobal((global::System.IntPtr)Bytes);
            }
        }

        /// <summary>
        /// Writes the string a callback returned to <paramref name="slot"/> as a borrowed <c>String</c>
        /// (<c>cap == 0</c>, ADR 54): UTF-8 encoded once into this thread's scratch buffer, which Rust copies
        /// as soon as the trampoline returns and before anything else runs on the thread. A string too long
        /// for the buffer is handed over by <see cref="__GiveString"/>; <c>null</c> throws
        /// <c>ArgumentNullException</c>, a lone surrogate <c>ArgumentException</c>, naming
        /// <paramref name="name"/>, and the slot stays empty.
        /// </summary>
        internal static void __LendString(string value, __Buffer* slot, string name)
        {
            if (value == null || value.Length == 0 || value.Length > __LentScratch.Size / 3)
            {
                __GiveString(value, slot, name);
                return;
            }
            __LentScratch scratch = t_lentScratch;
            if (scratch == null)
            {
                scratch = new __LentScratch();
                t_lentScratch = scratch;
            }
            fixed (char* chars = value)
            {
                int count;
                try
                {
                    count = StrictUtf8.GetBytes(chars, value.Length, scratch.Bytes, __LentScratch.Size);
                }
                catch (global::System.Text.EncoderFallbackException e)
                {
                    throw __Surrogate(e, name);
                }
                slot->Ptr = scratch.Bytes;
                slot->Len = new global::System.UIntPtr((uint)count);
            }
        }"#;
