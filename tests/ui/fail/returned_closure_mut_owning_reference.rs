use interop_core::ffi;

/// A record owning data.
#[ffi]
pub struct Book {
    pub title: String,
    pub year: u32,
}

/// A returned closure taking `&Book`: refused at the parameter the author wrote (not inside
/// interop-core), with the fix (take it by value).
#[ffi]
pub fn make_filter(year: u32) -> Box<dyn Fn(&Book) -> bool + Send + Sync> {
    Box::new(move |b: &Book| b.year >= year)
}

fn main() {}
