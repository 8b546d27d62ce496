//! A data enum in `_types.py` (ADR 26): one frozen dataclass per variant, the `Union` alias, the
//! `ctypes.Structure` of each variant's body; after every class exists, the bodies' `_fields_`,
//! the enum's ctypes form (`_enum_abi`) and its codec's variants.

use interop_core::model::{DataEnumDef, TypeDef};

use super::{Ctx, tuple};
use crate::BackendError;
use crate::python::names::docstring;
use crate::python::types::Codec;
use crate::python::types::data_enum::{body_class, codec_name, mirror};

/// What the layouts section of `_types.py` gets for one data enum.
pub(super) struct DataEnumLayout {
    /// Statements: the bodies' `_fields_`, then the enum's ctypes form.
    pub statements: Vec<String>,
    /// `(class, size)` checked at import.
    pub sizes: Vec<(String, u64)>,
}

impl<'a> Ctx<'a> {
    /// The variants' dataclasses, the alias and the bodies' (empty) structures.
    pub(super) fn data_enum_classes(
        &self,
        def: &'a TypeDef,
        e: &'a DataEnumDef,
    ) -> Result<String, BackendError> {
        let class = self.names.class(&def.id)?;
        let variants = self.names.members(&def.id)?;
        let mut out = Vec::new();
        for (i, (v, variant)) in e.variants.iter().zip(variants).enumerate() {
            let names = self.names.variant_fields(&def.id, i)?;
            let doc = docstring(&v.docs, "    ").unwrap_or_else(|| {
                format!("\"\"\"The variant `{}` of `{class}`.\"\"\"", v.rust_name)
            });
            let mut text =
                format!("@dataclasses.dataclass(frozen=True)\nclass {variant}:\n    {doc}\n");
            if !v.fields.is_empty() {
                text.push('\n');
            }
            let mut types = Vec::new();
            for (f, name) in v.fields.iter().zip(names) {
                let family = self.types.family(&f.ty)?;
                let ty = family.field();
                text.push_str(&format!("    {name}: {}\n", ty.annotation));
                if let Some(d) = docstring(&f.docs, "    ") {
                    text.push_str(&format!("    {d}\n"));
                }
                types.push((name.as_str(), ty.annotation, family.param()));
            }
            if let Some(init) = super::typed_init(&types) {
                text.push_str(&format!(
                    "\n    if TYPE_CHECKING:\n\n        def __init__(self{init}) -> None: ...\n"
                ));
            }
            if v.tuple && !v.fields.is_empty() {
                // Positional, as written in Rust: `ShapeCircle(Point(x=1.0, y=2.0), 3.0)`.
                let shown: Vec<String> = names.iter().map(|n| format!("{{self.{n}!r}}")).collect();
                text.push_str(&format!(
                    "\n    def __repr__(self) -> str:\n        return f\"{variant}({})\"\n",
                    shown.join(", ")
                ));
            }
            out.push(text.trim_end().to_string());
        }
        let doc = docstring(&def.docs, "")
            .map(|d| format!("\n{d}"))
            .unwrap_or_default();
        out.push(format!("{class} = Union[{}]{doc}", variants.join(", ")));
        for (v, variant) in e.variants.iter().zip(variants) {
            if !v.fields.is_empty() {
                out.push(format!(
                    "class {}(ctypes.Structure):\n    \"\"\"The C layout of the body of `{variant}`.\"\"\"",
                    body_class(variant)
                ));
            }
        }
        Ok(out.join("\n\n\n"))
    }

    /// The layouts of `def`'s bodies and its ctypes form, in the layouts section.
    pub(super) fn data_enum_layout(
        &self,
        def: &'a TypeDef,
        e: &'a DataEnumDef,
    ) -> Result<DataEnumLayout, BackendError> {
        let class = self.names.class(&def.id)?;
        let variants = self.names.members(&def.id)?;
        let mut statements = Vec::new();
        let mut sizes = Vec::new();
        let mut bodies = Vec::new();
        for (i, (v, variant)) in e.variants.iter().zip(variants).enumerate() {
            if v.fields.is_empty() {
                bodies.push("None".to_string());
                continue;
            }
            let names = self.names.variant_fields(&def.id, i)?;
            let fields = v
                .fields
                .iter()
                .zip(names)
                .map(|(f, n)| Ok(format!("(\"{n}\", {})", self.types.family(&f.ty)?.ctype())))
                .collect::<Result<Vec<_>, BackendError>>()?;
            let body = body_class(variant);
            statements.push(format!("{body}._fields_ = [{}]", fields.join(", ")));
            sizes.push((body.clone(), v.size));
            bodies.push(body);
        }
        let tag = crate::python::types::primitive_ctype(e.tag)?;
        statements.push(format!(
            "{} = _enum_abi(\"{class}\", {tag}, {}, {}, {})",
            mirror(class),
            def.size,
            e.body_offset,
            tuple(&bodies)
        ));
        sizes.push((mirror(class), def.size));
        Ok(DataEnumLayout { statements, sizes })
    }

    /// The argument of the codec's `set_fields`: per variant `(class, body, (("field", codec),
    /// …))`; the codecs they need go to `codecs`.
    pub(super) fn data_enum_variants(
        &self,
        def: &'a TypeDef,
        e: &'a DataEnumDef,
        codecs: &mut Vec<Codec>,
    ) -> Result<(String, String), BackendError> {
        let class = self.names.class(&def.id)?;
        let variants = self.names.members(&def.id)?;
        let mut entries = Vec::new();
        for (i, (v, variant)) in e.variants.iter().zip(variants).enumerate() {
            let names = self.names.variant_fields(&def.id, i)?;
            let mut fields = Vec::new();
            for (f, n) in v.fields.iter().zip(names) {
                let family = self.types.family(&f.ty)?;
                let codec = family.codec().ok_or_else(|| {
                    BackendError::Unsupported(format!(
                        "field `{}` of `{}::{}`: a `{}` cannot be a field of an enum variant in \
                         Python",
                        f.rust_name,
                        def.id,
                        v.rust_name,
                        self.inv.rust_spelling(&f.ty)
                    ))
                })?;
                codecs.extend(family.codecs());
                fields.push(format!("(\"{n}\", {})", codec.name));
            }
            let body = if v.fields.is_empty() {
                "None".to_string()
            } else {
                body_class(variant)
            };
            entries.push(format!("({variant}, {body}, {})", tuple(&fields)));
        }
        codecs.extend(self.types.data_enum_codec(class));
        Ok((codec_name(class), tuple(&entries)))
    }
}
