//! Which named callback type a callback gets (ADR 42).
//!
//! A Rust type alias is transparent: `Box<OnEvent>` and `Box<OnChange>` are one type when both
//! aliases are `dyn Fn(u32) + Send + Sync`. `#[ffi]` records the paths the source spelled around each
//! callback ([`CallbackType::alias_hint`]); this module picks the named type from them:
//!
//! 1. The named callback types with the callback's signature are the candidates.
//! 2. A hint path names the candidates whose Rust name is its last segment. When several have that
//!    name (one alias name in two modules), the path decides: a single segment (`OnEvent`) means the
//!    alias of the item's own module if it has one; a longer path (`ui::OnEvent`, `crate::ui::OnEvent`,
//!    made absolute when recorded) the alias at that path relative to the item's module, then to the
//!    crate root, then as written, then any whose id ends with it.
//! 3. One candidate named by the hints: that one. Several: ambiguous (refused by
//!    [`Inventory::validate`](super::Inventory::validate), with the fix). None (no alias spelled, or
//!    one the inventory does not know, e.g. renamed by a `use … as`): the only candidate if there is
//!    exactly one, else the unnamed form (`CallbackU32`, `Action<uint>`, `Callable[[int], None]`).

use super::{CallbackDef, CallbackType, TypeDef, TypeId, TypeKind};

/// A named callback type as the resolution sees it.
#[derive(Debug, Clone)]
pub struct NamedCallback<'a> {
    pub id: &'a str,
    pub rust_name: &'a str,
    pub def: &'a CallbackDef,
}

/// The outcome of [`callback_name`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackNaming {
    /// The named type with this id.
    Named(TypeId),
    /// No named type: the bindings name the signature.
    Unnamed,
    /// The hints name several types with the callback's signature (their ids, sorted): the hint
    /// path that named them and the ids.
    Ambiguous { hint: String, ids: Vec<TypeId> },
}

/// Every named callback type of `types`.
pub fn named_callbacks(types: &[TypeDef]) -> Vec<NamedCallback<'_>> {
    types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Callback(def) => Some(NamedCallback {
                id: &t.id,
                rust_name: &t.rust_name,
                def,
            }),
            _ => None,
        })
        .collect()
}

/// The named type of `c`, held by an item of the Rust module `module` (`my_crate::ui`).
pub fn callback_name(named: &[NamedCallback], c: &CallbackType, module: &str) -> CallbackNaming {
    let candidates: Vec<&NamedCallback> = named
        .iter()
        .filter(|n| c.same_signature(&n.def.params, &n.def.returns))
        .collect();
    let mut chosen: Vec<&str> = Vec::new();
    let mut first_hint = None;
    for hint in &c.alias_hint {
        let ids = named_by(hint, &candidates, module);
        if !ids.is_empty() && first_hint.is_none() {
            first_hint = Some(hint);
        }
        if ids.len() > 1 {
            return ambiguous(hint, ids);
        }
        chosen.extend(ids);
    }
    chosen.sort_unstable();
    chosen.dedup();
    match (chosen.as_slice(), candidates.as_slice()) {
        ([id], _) => CallbackNaming::Named((*id).to_string()),
        ([], [only]) => CallbackNaming::Named(only.id.to_string()),
        ([], _) => CallbackNaming::Unnamed,
        (ids, _) => ambiguous(first_hint.map_or("", String::as_str), ids.to_vec()),
    }
}

fn ambiguous(hint: &str, mut ids: Vec<&str>) -> CallbackNaming {
    ids.sort_unstable();
    CallbackNaming::Ambiguous {
        hint: hint.to_string(),
        ids: ids.into_iter().map(str::to_string).collect(),
    }
}

/// The candidates the path `hint` (spelled in `module`) names.
fn named_by<'a>(hint: &str, candidates: &[&'a NamedCallback], module: &str) -> Vec<&'a str> {
    let last = hint.rsplit("::").next().unwrap_or(hint);
    let by_name: Vec<&str> = candidates
        .iter()
        .filter(|n| n.rust_name == last)
        .map(|n| n.id)
        .collect();
    if by_name.len() <= 1 {
        return by_name;
    }
    let krate = module.split("::").next().unwrap_or(module);
    let exact = |path: String| by_name.iter().copied().find(|id| *id == path);
    if hint == last {
        return match exact(format!("{module}::{hint}")) {
            Some(id) => vec![id],
            None => by_name,
        };
    }
    let tries = [
        format!("{module}::{hint}"),
        format!("{krate}::{hint}"),
        hint.to_string(),
    ];
    if let Some(id) = tries.into_iter().find_map(exact) {
        return vec![id];
    }
    let suffix = format!("::{hint}");
    let ends: Vec<&str> = by_name
        .iter()
        .copied()
        .filter(|id| id.ends_with(&suffix))
        .collect();
    if ends.is_empty() { by_name } else { ends }
}

/// `hint` as recorded: `crate::`, `self::` and `super::` replaced by the module they mean for an
/// item of `module`; other paths as written.
pub fn anchor_hint(hint: &str, module: &str) -> String {
    let mut segments: Vec<&str> = hint.split("::").collect();
    let mut base: Vec<&str> = module.split("::").collect();
    match segments.first().copied() {
        Some("crate") => {
            base.truncate(1);
            segments.remove(0);
        }
        Some("self") => {
            segments.remove(0);
        }
        Some("super") => {
            while segments.first() == Some(&"super") && segments.len() > 1 {
                segments.remove(0);
                if base.len() > 1 {
                    base.pop();
                }
            }
        }
        _ => return hint.to_string(),
    }
    base.extend(segments);
    base.join("::")
}

/// The Rust module of an item whose path is `path` (`a::b::f` → `a::b`; generic arguments ignored).
pub fn module_of(path: &str) -> &str {
    let head = path.split('<').next().unwrap_or(path);
    head.rsplit_once("::").map_or(head, |(m, _)| m)
}
