//! The slot writers of data enums and tuples a closure returns (ADR 63, C# addendum): the mirror of
//! the record writer of [`super::callback_returns`]. A data enum writes the tag of the variant the
//! object is, then that variant's fields; a tuple writes each element. Every field goes through the
//! writer of its type (a string or vector in memory of `interop_buffer_alloc`), and one that throws
//! frees what the fields before it allocated (`__Free_<T>` of the half-written mirror: zeroed fields
//! free nothing) and leaves the slot zeroed, so the trampoline's `catch` always sees a slot that is
//! complete or empty.

use interop_core::model::{DataEnumDef, StructDef, TypeDef};

use super::callback_returns::give;
use crate::csharp::problems::Problem;
use crate::csharp::types::data_enum::variant_members;
use crate::csharp::types::{Cx, mirror_ident};

/// The `try` around the fields' writers: on a failure, `__Free_<tag>` of the half-written `result`
/// (an `ArgumentException` gets the path of the field in its parameter name), then rethrown.
fn guarded(tag: &str, body: &str) -> String {
    format!(
        "            string step = null;\n            try\n            {{\n{body}\n            }}\n            catch (global::System.ArgumentException e) when (step != null)\n            {{\n                __Free_{tag}(&result);\n                throw __Inside(e, step, name);\n            }}\n            catch\n            {{\n                __Free_{tag}(&result);\n                throw;\n            }}"
    )
}

/// `__Give_<Tuple>`: each element written in place (`name.Item2` in exceptions).
pub fn tuple_helper(
    cx: &Cx,
    def: &TypeDef,
    s: &StructDef,
    public: &str,
) -> Result<String, Problem> {
    let name = cx.type_name(def);
    let mut body = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let statement = give(
            cx,
            &f.ty,
            &format!("value.{}", item(i)),
            &format!("(&result._{i})"),
            "name",
        )?;
        body.push(format!("                step = \".{}\";", item(i)));
        body.push(format!("                {statement}"));
    }
    Ok(format!(
        "        internal static void __Give_{name}({public} value, __{name}* slot, string name)\n        {{\n            __{name} result = default(__{name});\n{}\n            *slot = result;\n        }}",
        guarded(&name, &body.join("\n"))
    ))
}

/// The member of a `ValueTuple` holding element `i` (`Item1`, …, `Rest.Item1`).
fn item(i: usize) -> String {
    if i >= 7 {
        return format!("Rest.{}", item(i - 7));
    }
    format!("Item{}", i + 1)
}

/// `__Give_<Enum>`: the tag of the variant `value` is, then its fields (`name.Value` in
/// exceptions); `null` throws `ArgumentNullException`, an object of no variant `ArgumentException`.
pub fn data_enum_helper(cx: &Cx, def: &TypeDef, e: &DataEnumDef) -> Result<String, Problem> {
    let class = cx.type_name(def);
    let mirror = mirror_ident(&class);
    let mut body = Vec::new();
    for (i, v) in variant_members(cx, def, e).into_iter().enumerate() {
        let local = format!("__v{i}");
        let mut lines = vec![format!("result.tag = {};", v.value)];
        for (f, prop, field) in &v.fields {
            lines.push(format!("step = \".{prop}\";"));
            lines.push(give(
                cx,
                &f.ty,
                &format!("{local}.{prop}"),
                &format!("(&result.{field})"),
                "name",
            )?);
        }
        lines.push("*slot = result;".into());
        lines.push("return;".into());
        let lines: String = lines
            .iter()
            .map(|l| format!("                    {l}\n"))
            .collect();
        body.push(format!(
            "                {cls} {local} = value as {cls};\n                if (!ReferenceEquals({local}, null))\n                {{\n{lines}                }}",
            cls = v.class
        ));
    }
    Ok(format!(
        "        internal static void __Give_{class}({class} value, {mirror}* slot, string name)\n        {{\n            if (ReferenceEquals(value, null))\n            {{\n                throw new global::System.ArgumentNullException(name);\n            }}\n            {mirror} result = default({mirror});\n{}\n            throw new global::System.ArgumentException(\"not a variant of {class}\", name);\n        }}",
        guarded(&class, &body.join("\n"))
    ))
}
