//! The callback alias hint of a parameter, return type or field (ADR 42): the paths its type spells
//! that could name an `#[ffi]` callback type alias. A Rust alias is transparent, so the inventory sees
//! `Box<OnEvent>` and `Box<OnChange>` as one type when both are `dyn Fn(u32) + Send + Sync`; the
//! tokens are all that tells them apart. This never decides what a type is (the registry matches
//! the paths against the named callback types it knows): it only lists candidates.

use syn::{GenericArgument, PathArguments, Type};

/// The paths in `ty` that could name a callback alias, in order, each once: every path without
/// generic arguments on its last segment (an alias of `dyn Fn…` has none), looking through
/// references, pointers, arrays, slices, tuples and generic arguments (`Box<…>`, `Option<…>`,
/// `Arc<…>`, `Vec<…>`), but not into a trait object, `impl Trait` or `fn` pointer (which spell a
/// signature, not an alias).
pub fn alias_hint(ty: &Type) -> Vec<String> {
    let mut out = Vec::new();
    collect(ty, &mut out);
    out
}

fn collect(ty: &Type, out: &mut Vec<String>) {
    match ty {
        Type::Path(p) if p.qself.is_none() => {
            for segment in &p.path.segments {
                if let PathArguments::AngleBracketed(args) = &segment.arguments {
                    for arg in &args.args {
                        if let GenericArgument::Type(t) = arg {
                            collect(t, out);
                        }
                    }
                }
            }
            let plain = p
                .path
                .segments
                .last()
                .is_some_and(|s| matches!(s.arguments, PathArguments::None));
            if plain {
                let path = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect::<Vec<_>>()
                    .join("::");
                if !out.contains(&path) {
                    out.push(path);
                }
            }
        }
        Type::Reference(r) => collect(&r.elem, out),
        Type::Ptr(p) => collect(&p.elem, out),
        Type::Paren(p) => collect(&p.elem, out),
        Type::Group(g) => collect(&g.elem, out),
        Type::Array(a) => collect(&a.elem, out),
        Type::Slice(s) => collect(&s.elem, out),
        Type::Tuple(t) => t.elems.iter().for_each(|e| collect(e, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::alias_hint;

    fn hint(ty: &str) -> Vec<String> {
        alias_hint(&syn::parse_str(ty).expect("a type"))
    }

    #[test]
    fn aliases_inside_wrappers_are_listed() {
        assert_eq!(hint("Box<OnEvent>"), ["OnEvent"]);
        assert_eq!(
            hint("Option<Box<crate::ui::OnEvent>>"),
            ["crate::ui::OnEvent"]
        );
        assert_eq!(hint("&OnEvent"), ["OnEvent"]);
        assert_eq!(hint("&mut OnChange"), ["OnChange"]);
        assert_eq!(hint("std::sync::Arc<OnEvent>"), ["OnEvent"]);
        assert_eq!(hint("Vec<Box<OnA>>"), ["OnA"]);
        assert_eq!(hint("(Box<OnA>, Box<OnB>)"), ["OnA", "OnB"]);
    }

    #[test]
    fn signatures_spelled_out_give_nothing() {
        assert!(hint("Box<dyn Fn(OnEvent) + Send + Sync>").is_empty());
        assert!(hint("impl Fn(u32)").is_empty());
        assert!(hint("&dyn Fn(Point) -> Point").is_empty());
        assert!(hint("extern \"C\" fn(u32) -> u32").is_empty());
        assert!(hint("Vec<u32>") == ["u32"]);
    }
}
