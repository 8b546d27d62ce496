use interop_core::ffi;

/// A point.
#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// A named callback type with a borrowed parameter.
#[ffi]
pub type Log = dyn Fn(&str) + Send + Sync;

#[ffi]
pub fn each(text: &str, f: &dyn Fn(&str)) {
    f(text);
}

#[ffi]
pub fn visit(values: &[u64], mut f: impl FnMut(&[u64], &Point) -> bool) -> bool {
    f(values, &Point { x: 1.0, y: 2.0 })
}

#[ffi]
pub fn edit(f: Option<&mut dyn FnMut(&mut Point, &std::ffi::CStr)>) {
    if let Some(f) = f {
        f(&mut Point { x: 0.0, y: 0.0 }, c"x");
    }
}

#[ffi]
pub fn keep(f: Option<Box<dyn FnMut(&str) -> u32 + Send>>) -> u32 {
    f.map_or(0, |mut f| f("kept"))
}

/// A record owning data (`Clone`): `&Book` crosses as a copy in C form (ADR 58).
#[ffi]
#[derive(Clone)]
pub struct Book {
    pub title: String,
    pub tags: Vec<String>,
}

/// A point without `Clone`: `&Bare` still crosses as a pointer to it.
#[ffi]
pub struct Bare {
    pub x: u32,
}

/// A named callback type with `&T` of a record owning data.
#[ffi]
pub type OnBook = dyn Fn(&Book) + Send + Sync;

#[ffi]
pub fn books(
    f: &mut dyn FnMut(&Book, &Bare),
    less: impl Fn(&Book, &Book) -> bool,
    kept: Box<dyn Fn(&Book) -> u32 + Send + Sync>,
) -> bool {
    let b = Book {
        title: "t".into(),
        tags: vec!["a".into()],
    };
    f(&b, &Bare { x: 1 });
    less(&b, &b) && kept(&b) == 1
}

/// `Option<&str>`, `Option<&[T]>` and `&[&str]` closure parameters (ADR 66): the C form of
/// `Option<String>`, `Option<Vec<T>>` and `&[String]`, borrowed for the call.
#[ffi]
pub type OnMaybe = dyn Fn(u32, Option<&str>) + Send + Sync;

#[ffi]
pub fn optional_refs(
    on_error: impl Fn(u32, Option<&str>) -> u32,
    bytes: &dyn Fn(Option<&[u8]>, Option<&[Point]>),
    words: &mut dyn FnMut(&[&str]) -> usize,
    kept: Box<OnMaybe>,
    maybe: Option<Box<dyn Fn(Option<&str>, &[&str]) + Send + Sync>>,
) -> u32 {
    bytes(None, Some(&[Point { x: 1.0, y: 2.0 }]));
    kept(1, Some("x"));
    if let Some(maybe) = maybe {
        maybe(None, &["a", "b"]);
    }
    on_error(words(&["a"]) as u32, None)
}

fn main() {}
