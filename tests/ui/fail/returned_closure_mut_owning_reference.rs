use interop_core::ffi;

/// A record owning data.
#[ffi]
pub struct Book {
    pub title: String,
    pub year: u32,
}

/// A returned closure taking `&mut Book`: refused at the parameter the author wrote (not inside
/// interop-core), with the fix (take it by value or by shared reference). (`&Book` works: ADR 61.)
#[ffi]
pub fn make_filter(year: u32) -> Box<dyn Fn(&mut Book) -> bool + Send + Sync> {
    Box::new(move |b: &mut Book| b.year >= year)
}

fn main() {}
