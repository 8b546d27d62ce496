//! interop-runtime: the Rust-side runtime of cargo-interop.
//!
//! Today it holds reverse interop: loading a plugin written in another language (anything that
//! exports C-ABI functions: C, C++, Zig, a Rust cdylib, a NativeAOT .NET library …) behind a typed
//! Rust interface declared with [`plugin!`]. Async bridging (completing Rust futures from foreign
//! callbacks) is planned here too; see docs/architecture.md.

mod library;

pub use library::{Library, PluginError};

/// Declare the C-ABI interface a plugin must export, and get a typed loader for it.
///
/// ```no_run
/// interop_runtime::plugin! {
///     /// A math plugin.
///     pub struct MathPlugin {
///         /// Adds two numbers.
///         fn add(a: u64, b: u64) -> u64;
///         fn reset();
///     }
/// }
///
/// # fn main() -> Result<(), interop_runtime::PluginError> {
/// // SAFETY: the library at this path implements MathPlugin's functions with these signatures.
/// let plugin = unsafe { MathPlugin::load("libmath_plugin.so") }?;
/// assert_eq!(plugin.add(2, 3), 5);
/// # Ok(())
/// # }
/// ```
///
/// `load` resolves every function up front: a library missing any of them is rejected with one error
/// that names all missing symbols, so a call can never hit an unresolved function.
#[macro_export]
macro_rules! plugin {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                fn $f:ident ( $( $arg:ident : $ty:ty ),* $(,)? ) $( -> $ret:ty )? ;
            )*
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            // Keeps the library loaded for as long as the function pointers below are used.
            _library: $crate::Library,
            $( $f: unsafe extern "C" fn( $( $ty ),* ) $( -> $ret )?, )*
        }

        impl $name {
            /// Load the plugin from `path` and resolve every function of the interface.
            ///
            /// # Safety
            /// Loading a library runs its initialisers, and the library's functions must have exactly
            /// the signatures declared in the interface: neither can be checked.
            #[allow(dead_code)]
            pub unsafe fn load(path: impl AsRef<::std::path::Path>) -> ::std::result::Result<Self, $crate::PluginError> {
                let library = unsafe { $crate::Library::open(path.as_ref()) }?;
                let mut missing: ::std::vec::Vec<&'static str> = ::std::vec::Vec::new();
                $(
                    let $f = unsafe {
                        library.function::<unsafe extern "C" fn( $( $ty ),* ) $( -> $ret )?>(stringify!($f))
                    };
                    if $f.is_none() {
                        missing.push(stringify!($f));
                    }
                )*
                match ( $( $f, )* ) {
                    ( $( Some($f), )* ) => Ok(Self { _library: library, $( $f, )* }),
                    #[allow(unreachable_patterns)]
                    _ => Err(library.missing(missing)),
                }
            }

            $(
                $(#[$fmeta])*
                #[allow(dead_code, clippy::too_many_arguments)]
                pub fn $f(&self, $( $arg: $ty ),* ) $( -> $ret )? {
                    // SAFETY: `load` resolved this symbol with this exact signature (its contract).
                    unsafe { (self.$f)( $( $arg ),* ) }
                }
            )*
        }
    };
}
