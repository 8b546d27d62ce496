//! Standard types users reach for that have no C form (`HashMap`, `Arc`, `char`, `u128`, …):
//! refused by name at the type the author wrote, with the fix, before any impl is generated (one
//! error instead of one per generated item).

/// Standard types users reach for that have no C form, with the fix: `(the type's name, fix)`.
/// Containers and pointers only with their type arguments (`HashMap<K, V>`), so that an #[ffi]
/// type of the same name without arguments is not mistaken for them.
pub fn std_type_fix(p: &syn::TypePath) -> Option<(&'static str, &'static str)> {
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    let generic = matches!(last.arguments, syn::PathArguments::AngleBracketed(_));
    let plain = p.path.segments.len() == 1 && last.arguments.is_empty();
    let name = last.ident.to_string();
    let fix = match name.as_str() {
        "HashMap" | "BTreeMap" | "IndexMap" if generic => {
            "pass or store the entries as `Vec<(K, V)>` or a `Vec` of an #[ffi] struct \
             (`{ key, value }`), and build the map on the Rust side"
        }
        "HashSet" | "BTreeSet" | "VecDeque" | "LinkedList" | "BinaryHeap" | "IndexSet"
            if generic =>
        {
            "use a `Vec<T>` (or `&[T]`) and build the collection on the Rust side"
        }
        "Rc" | "Arc" | "RefCell" | "Cell" | "Mutex" | "RwLock" if generic => {
            "shared or interior-mutable state stays in Rust: keep it inside an #[ffi(service)] \
             type (it locks for you) or an #[ffi(opaque)] type and pass that, or pass the value \
             itself"
        }
        "char" if plain => "use `u32` (a Unicode scalar value), or `String` / `&str` for text",
        "i128" | "u128" if plain => {
            "C has no portable 128-bit integer; use an #[ffi] struct of two `u64` halves, or a \
             `String`"
        }
        _ => return None,
    };
    let name = match name.as_str() {
        "HashMap" => "HashMap<K, V>",
        "BTreeMap" => "BTreeMap<K, V>",
        "IndexMap" => "IndexMap<K, V>",
        "HashSet" => "HashSet<T>",
        "BTreeSet" => "BTreeSet<T>",
        "VecDeque" => "VecDeque<T>",
        "LinkedList" => "LinkedList<T>",
        "BinaryHeap" => "BinaryHeap<T>",
        "IndexSet" => "IndexSet<T>",
        "Rc" => "Rc<T>",
        "Arc" => "Arc<T>",
        "RefCell" => "RefCell<T>",
        "Cell" => "Cell<T>",
        "Mutex" => "Mutex<T>",
        "RwLock" => "RwLock<T>",
        "char" => "char",
        "i128" => "i128",
        _ => "u128",
    };
    Some((name, fix))
}
