//! Named callback types whose parameters borrow (ADR 60), spelled every way a user would: bare, by
//! path, by `crate::` path and imported with `use`; used from Rust the way a `dyn Fn` is.
use std::sync::Arc;

use interop_core::ffi;

pub mod ui {
    use interop_core::ffi;

    /// A message handler.
    #[ffi]
    pub type OnMessage = dyn Fn(&str) + Send + Sync;

    /// A visitor over chunks.
    #[ffi]
    pub type OnChunk = dyn FnMut(&[u32]) -> u32 + Send;

    /// Kept, spelled bare in its own module.
    #[ffi]
    pub fn keep(f: Box<OnMessage>) {
        f("kept");
    }
}

mod other {
    use super::ui::OnMessage;
    use interop_core::ffi;

    /// Imported with `use`.
    #[ffi(export = "other_borrow")]
    pub fn borrow(f: &OnMessage, g: Option<Box<OnMessage>>) {
        f("a");
        if let Some(g) = g {
            g("b");
        }
    }
}

/// By path and by `crate::` path; an `FnMut` alias borrowed mutably.
#[ffi]
pub fn visit(f: &mut ui::OnChunk, g: Box<crate::ui::OnMessage>) -> u32 {
    g("visit");
    f(&[1, 2])
}

/// A returned closure of a named type.
#[ffi]
pub fn make() -> Box<ui::OnMessage> {
    Box::new(|s| {
        let _ = s.len();
    })
}

/// A record holding them.
#[ffi]
pub struct Handlers {
    pub on_message: Box<ui::OnMessage>,
    pub on_other: Option<Box<ui::OnMessage>>,
}

#[ffi]
pub fn run(h: Handlers) {
    (h.on_message)("run");
}

/// Used from Rust the way `dyn Fn(&str)` is.
pub fn rust_side(f: Box<ui::OnMessage>) -> Box<dyn Fn(&str) + Send + Sync> {
    let shared: Arc<ui::OnMessage> = Arc::from(f);
    let g = Arc::clone(&shared);
    std::thread::spawn(move || g("thread")).join().ok();
    takes_impl(&*shared);
    let boxed: Box<ui::OnMessage> = Box::new(move |s| shared(s));
    boxed
}

fn takes_impl(f: impl Fn(&str)) {
    f("impl");
}

fn main() {
    rust_side(make())("done");
    ui::keep(Box::new(|s| assert_eq!(s, "kept")));
}
