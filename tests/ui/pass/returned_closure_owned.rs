use interop_core::ffi;

/// A record owning data, made by a returned closure.
#[ffi]
pub struct Person {
    pub name: String,
    pub tags: Vec<String>,
    pub age: u32,
}

/// Why parsing failed.
#[ffi]
#[derive(Clone, Copy)]
pub enum ParseError {
    Empty = 0,
    NotANumber = 1,
}

/// Returned closures returning owned data (ADR 56): the value goes to the caller's slot.
#[ffi]
pub fn make_formatter(prefix: String) -> Box<dyn Fn(u32) -> String + Send + Sync> {
    Box::new(move |n| format!("{prefix}{n}"))
}

#[ffi]
pub fn loader(root: String) -> Box<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync> {
    Box::new(move |name| (!name.is_empty()).then(|| format!("{root}/{name}").into_bytes()))
}

#[ffi]
pub fn factory() -> Box<dyn Fn(u32) -> Person + Send + Sync> {
    Box::new(|age| Person {
        name: "p".into(),
        tags: Vec::new(),
        age,
    })
}

#[ffi]
pub fn counter() -> Box<dyn Fn(u32) -> Box<[u32]> + Send + Sync> {
    Box::new(|n| (0..n).collect())
}

/// Returned closures returning a `Result` (status and slots).
#[ffi]
pub fn parser() -> Box<dyn Fn(&str) -> Result<u32, ParseError> + Send + Sync> {
    Box::new(|text| match text {
        "" => Err(ParseError::Empty),
        t => t.parse().map_err(|_| ParseError::NotANumber),
    })
}

#[ffi]
pub fn renderer() -> Box<dyn Fn(u32) -> Result<String, ParseError> + Send + Sync> {
    Box::new(|n| Ok(n.to_string()))
}

#[ffi]
pub fn validator() -> Box<dyn Fn(u32) -> Result<(), ParseError> + Send + Sync> {
    Box::new(|n| if n == 0 { Err(ParseError::Empty) } else { Ok(()) })
}

fn main() {}
