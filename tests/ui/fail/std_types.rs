use interop_core::ffi;

#[ffi]
pub struct Inventory {
    pub count: u32,
    pub shared: std::sync::Arc<Vec<u32>>,
}

#[ffi]
pub fn first_char(c: char) -> u32 {
    c as u32
}

#[ffi]
pub fn big() -> u128 {
    1
}

#[ffi]
pub fn unique(n: u32, each: &dyn Fn(std::collections::HashSet<u32>)) {
    each(std::iter::once(n).collect())
}

#[ffi]
pub fn ordered(keys: Vec<u32>) -> std::collections::BTreeMap<u32, u32> {
    keys.into_iter().map(|k| (k, k)).collect()
}

fn main() {}
