//! The declaration of a data enum: the abstract class with value equality, and one sealed nested
//! class per variant with its properties, constructor, `Equals`, `GetHashCode` and `ToString`.

use std::collections::BTreeMap;

use interop_core::model::{DataEnumDef, DataVariant, Function, TypeDef};

use super::DataEnum;
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::items::{IND_MEMBER, IND_TYPE};
use crate::csharp::names::{self, Scope, camel};
use crate::csharp::problems::{Problem, Problems};
use crate::csharp::types::{self, Cx, Definition, Family};

/// The declaration of a data enum: its class hierarchy (the mirror is in the raw layer).
pub struct DataEnumDefinition<'a> {
    pub def: &'a TypeDef,
    pub data: &'a DataEnumDef,
}

impl Definition for DataEnumDefinition<'_> {
    fn top_level_names(&self, cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        vec![(cx.type_name(self.def), format!("type `{}`", self.def.id))]
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        let item = self.def.id.as_str();
        if let Some(f) = methods.first() {
            sink.push(
                item,
                Problem::new(format!(
                    "method `{}`: methods on an enum with data are not supported in C# yet",
                    f.rust_name
                ))
                .fix("make it a free function taking the enum"),
            );
            return Ok(Vec::new());
        }
        let nat = &cx.s.native_class;
        let n = super::names(cx, self.def, self.data);
        let class = &n.class;
        let mut outer = Scope::class(class, &["Equals", "GetHashCode", "ToString"]);
        let mut ok = true;
        let mut nested = Vec::new();
        for ((v, vclass), props) in self
            .data
            .variants
            .iter()
            .zip(&n.variants)
            .zip(&n.properties)
        {
            let what = format!("variant `{}::{}`", self.def.id, v.rust_name);
            ok &= sink.take(item, outer.claim(vclass, &what)).is_some();
            let mut inner = Scope::class(vclass, &[]);
            let mut fields = Vec::new();
            for (f, prop) in v.fields.iter().zip(props) {
                let fwhat = format!(
                    "field `{}.{}` of `{}`",
                    v.rust_name, f.rust_name, self.def.id
                );
                ok &= sink.take(item, inner.claim(prop, &fwhat)).is_some();
                let data = types::family(cx, &f.ty)
                    .and_then(|fam| fam.data(cx))
                    .map_err(|p| Problem {
                        message: format!("field `{}.{}`: {}", v.rust_name, f.rust_name, p.message),
                        ..p
                    });
                match sink.take(item, data) {
                    Some(d) => fields.push((f, prop.clone(), d.public)),
                    None => ok = false,
                }
            }
            nested.push(render_variant(cx, class, vclass, v, &fields));
        }
        let mut scratch = BTreeMap::new();
        let fam = DataEnum {
            def: self.def,
            data: self.data,
        };
        if let Err(p) = fam.collect_codecs(cx, &mut scratch) {
            sink.push(item, p);
            ok = false;
        }
        if !ok {
            return Ok(Vec::new());
        }
        let doc = doc_comment(
            &self.def.docs,
            &format!(
                "The Rust enum `{}`: one nested class per variant.",
                self.def.rust_name
            ),
            IND_TYPE,
        );
        let _ = nat;
        Ok(vec![format!(
            "{doc}    {access} abstract partial class {class} : global::System.IEquatable<{class}>\n    {{\n        private {class}()\n        {{\n        }}\n\n        /// <summary>\n        /// True when <paramref name=\"other\"/> is the same variant with equal fields.\n        /// </summary>\n        public bool Equals({class} other)\n        {{\n            return Equals((object)other);\n        }}\n\n        /// <summary>\n        /// True when both are null, or the same variant with equal fields.\n        /// </summary>\n        public static bool operator ==({class} left, {class} right)\n        {{\n            return ReferenceEquals(left, null) ? ReferenceEquals(right, null) : left.Equals((object)right);\n        }}\n\n        /// <summary>\n        /// False when both are null, or the same variant with equal fields.\n        /// </summary>\n        public static bool operator !=({class} left, {class} right)\n        {{\n            return !(left == right);\n        }}\n\n        /// <summary>\n        /// Value equality: the same variant with equal fields.\n        /// </summary>\n        public abstract override bool Equals(object obj);\n\n        /// <summary>\n        /// A hash code of the variant and its fields.\n        /// </summary>\n        public abstract override int GetHashCode();\n{}\n    }}",
            nested.join(""),
            access = cx.s.access,
        )])
    }
}

/// One sealed nested class: its properties, constructor, equality and `ToString`.
fn render_variant(
    cx: &Cx,
    class: &str,
    vclass: &str,
    v: &DataVariant,
    fields: &[(&interop_core::model::Field, String, String)],
) -> String {
    let nat = &cx.s.native_class;
    let mut props = String::new();
    let mut params = Vec::new();
    let mut assigns = String::new();
    for (f, prop, ty) in fields {
        let fallback = if v.tuple {
            format!(
                "Field {} of the variant.",
                f.rust_name.trim_start_matches('_')
            )
        } else {
            format!("The Rust field `{}`.", f.rust_name)
        };
        props.push_str(&format!(
            "\n{}            public {ty} {prop} {{ get; private set; }}\n",
            doc_comment(&f.docs, &fallback, "            ")
        ));
        let param = names::escape(&camel(names::bare(prop), cx.s.naming));
        params.push(format!("{ty} {param}"));
        assigns.push_str(&format!("\n                this.{prop} = {param};"));
    }
    let equals = std::iter::once("!ReferenceEquals(other, null)".to_string())
        .chain(
            fields
                .iter()
                .map(|(_, p, _)| format!("{nat}.__Eq(this.{p}, other.{p})")),
        )
        .collect::<Vec<_>>()
        .join(" && ");
    let hashes: String = fields
        .iter()
        .map(|(_, p, _)| format!("\n                hash = hash * 31 + {nat}.__Hash(this.{p});"))
        .collect();
    let show = if fields.is_empty() {
        format!("\"{class}.{}\"", names::bare(vclass))
    } else {
        let parts = fields
            .iter()
            .map(|(_, p, _)| format!("\"{} = \" + {nat}.__Show(this.{p})", names::bare(p)))
            .collect::<Vec<_>>()
            .join(" + \", \" + ");
        format!(
            "\"{class}.{} {{ \" + {parts} + \" }}\"",
            names::bare(vclass)
        )
    };
    let doc = doc_comment(
        &v.docs,
        &format!("The variant `{}`.", v.rust_name),
        IND_MEMBER,
    );
    format!(
        "\n{doc}        public sealed class {vclass} : {class}\n        {{{props}\n            /// <summary>\n            /// Creates the variant from the values of its fields.\n            /// </summary>\n            public {vclass}({params})\n            {{{assigns}\n            }}\n\n            /// <summary>\n            /// True when <paramref name=\"obj\"/> is a <c>{vclass}</c> with equal fields.\n            /// </summary>\n            public override bool Equals(object obj)\n            {{\n                {vclass} other = obj as {vclass};\n                return {equals};\n            }}\n\n            /// <summary>\n            /// A hash code of the variant and its fields.\n            /// </summary>\n            public override int GetHashCode()\n            {{\n                int hash = {seed};{hashes}\n                return hash;\n            }}\n\n            /// <summary>\n            /// The variant and its fields, e.g. <c>{class}.{vbare} {{ … }}</c>.\n            /// </summary>\n            public override string ToString()\n            {{\n                return {show};\n            }}\n        }}\n",
        params = params.join(", "),
        seed = 17 + v.value,
        vbare = names::bare(vclass),
    )
}
