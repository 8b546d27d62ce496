//! Standard types users reach for that have no C form (`HashMap`, `Arc`, `char`, `u128`, …):
//! refused by name at the type the author wrote, with the fix, before any impl is generated (one
//! error instead of one per generated item).

const MAP: &str = "pass or store the entries as `Vec<(K, V)>` or a `Vec` of an #[ffi] struct \
                   (`{ key, value }`), and build the map on the Rust side";
const COLLECTION: &str = "use a `Vec<T>` (or `&[T]`) and build the collection on the Rust side";
const SHARED: &str = "shared or interior-mutable state stays in Rust: keep it inside an \
                      #[ffi(service)] type (it locks for you) or an #[ffi(opaque)] type and pass \
                      that, or pass the value itself";
const CHAR: &str = "use `u32` (a Unicode scalar value), or `String` / `&str` for text";
const WIDE: &str = "C has no portable 128-bit integer; use an #[ffi] struct of two `u64` halves, \
                    or a `String`";

/// (the type's last path segment, how the message names it, whether it is written with type
/// arguments, the fix). Containers and pointers only with their arguments (`HashMap<K, V>`), so
/// that an #[ffi] type of the same name without them is not mistaken for them; the primitives
/// only as a bare name.
const TYPES: &[(&str, &str, bool, &str)] = &[
    ("HashMap", "HashMap<K, V>", true, MAP),
    ("BTreeMap", "BTreeMap<K, V>", true, MAP),
    ("IndexMap", "IndexMap<K, V>", true, MAP),
    ("HashSet", "HashSet<T>", true, COLLECTION),
    ("BTreeSet", "BTreeSet<T>", true, COLLECTION),
    ("IndexSet", "IndexSet<T>", true, COLLECTION),
    ("VecDeque", "VecDeque<T>", true, COLLECTION),
    ("LinkedList", "LinkedList<T>", true, COLLECTION),
    ("BinaryHeap", "BinaryHeap<T>", true, COLLECTION),
    ("Rc", "Rc<T>", true, SHARED),
    ("Arc", "Arc<T>", true, SHARED),
    ("RefCell", "RefCell<T>", true, SHARED),
    ("Cell", "Cell<T>", true, SHARED),
    ("Mutex", "Mutex<T>", true, SHARED),
    ("RwLock", "RwLock<T>", true, SHARED),
    ("char", "char", false, CHAR),
    ("i128", "i128", false, WIDE),
    ("u128", "u128", false, WIDE),
];

/// `(the type's name, fix)` when `p` is one of [`TYPES`].
pub fn std_type_fix(p: &syn::TypePath) -> Option<(&'static str, &'static str)> {
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    let generic = matches!(last.arguments, syn::PathArguments::AngleBracketed(_));
    let plain = p.path.segments.len() == 1 && last.arguments.is_empty();
    TYPES
        .iter()
        .find(|(name, _, with_args, _)| {
            last.ident == name && if *with_args { generic } else { plain }
        })
        .map(|(_, shown, _, fix)| (*shown, *fix))
}
