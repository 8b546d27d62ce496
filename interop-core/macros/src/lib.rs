//! The `#[ffi]` attribute. See the interop-core crate.
use proc_macro::TokenStream;

/// Export an item over the C ABI and register it in the inventory.
#[proc_macro_attribute]
pub fn ffi(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}
