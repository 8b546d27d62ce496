//! Model types written back as Rust (for diagnostics, `cargo interop inspect` and docs).

use super::{CallbackOwnership, ConstValue, Inventory, PointerKind, TypeRef};

impl Inventory {
    /// `ty` as written in Rust, with bindings names for named types: `Option<&mut Vec2>`,
    /// `*const u8`, `[f32; 3]`.
    pub fn rust_spelling(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Primitive { primitive } => primitive.rust_name().to_string(),
            TypeRef::Named { id } => self
                .type_def(id)
                .map_or_else(|| id.clone(), |t| t.name.clone()),
            TypeRef::Pointer(p) => {
                let target = self.rust_spelling(&p.target);
                let m = if p.mutable { "mut " } else { "" };
                match p.kind {
                    PointerKind::Reference => format!("&{m}{target}"),
                    PointerKind::NullableReference => format!("Option<&{m}{target}>"),
                    PointerKind::Raw => {
                        format!("*{} {target}", if p.mutable { "mut" } else { "const" })
                    }
                }
            }
            TypeRef::Array(a) => format!("[{}; {}]", self.rust_spelling(&a.element), a.len),
            TypeRef::Str => "&str".to_string(),
            TypeRef::String => "String".to_string(),
            TypeRef::CStr => "&CStr".to_string(),
            TypeRef::Slice(s) => {
                let m = if s.mutable { "mut " } else { "" };
                format!("&{m}[{}]", self.rust_spelling(&s.element))
            }
            TypeRef::Vec(v) => format!("Vec<{}>", self.rust_spelling(&v.element)),
            TypeRef::Callback(c) => {
                let sig = self.signature_spelling(&c.params, &c.returns);
                let (tr, bounds) = match (c.mutable, c.ownership) {
                    (false, CallbackOwnership::Owned) => ("Fn", " + Send + Sync"),
                    (true, CallbackOwnership::Owned) => ("FnMut", " + Send"),
                    (false, _) => ("Fn", ""),
                    (true, _) => ("FnMut", ""),
                };
                let inner = match c.ownership {
                    CallbackOwnership::Owned => format!("Box<dyn {tr}{sig}{bounds}>"),
                    _ if c.mutable => format!("&mut dyn {tr}{sig}"),
                    _ => format!("&dyn {tr}{sig}"),
                };
                if c.nullable {
                    format!("Option<{inner}>")
                } else {
                    inner
                }
            }
            TypeRef::FnPointer(f) => {
                let inner = format!(
                    "extern \"C\" fn{}",
                    self.signature_spelling(&f.params, &f.returns)
                );
                if f.nullable {
                    format!("Option<{inner}>")
                } else {
                    inner
                }
            }
            TypeRef::Option(o) => format!("Option<{}>", self.rust_spelling(&o.inner)),
            TypeRef::Result(r) => format!(
                "Result<{}, {}>",
                self.rust_spelling(&r.ok),
                self.rust_spelling(&r.err)
            ),
        }
    }

    /// `(u64, &str) -> bool`, or `(u64)` for a unit return.
    fn signature_spelling(&self, params: &[TypeRef], returns: &TypeRef) -> String {
        let params: Vec<String> = params.iter().map(|p| self.rust_spelling(p)).collect();
        let mut out = format!("({})", params.join(", "));
        if !returns.is_unit() {
            out.push_str(" -> ");
            out.push_str(&self.rust_spelling(returns));
        }
        out
    }
}

impl std::fmt::Display for ConstValue {
    /// The value as Rust would print it (`true`, `-3`, `0.5`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConstValue::Bool(b) => write!(f, "{b}"),
            ConstValue::Int(i) => write!(f, "{i}"),
            ConstValue::F32Bits(b) => write!(f, "{:?}", f32::from_bits(*b)),
            ConstValue::F64Bits(b) => write!(f, "{:?}", f64::from_bits(*b)),
        }
    }
}
