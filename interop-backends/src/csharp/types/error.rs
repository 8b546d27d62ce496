//! The error of a returned `Result<T, E>` as a typed exception (ADR 22): the one place that knows an
//! error type's exception classes and how the raw layer reads an error. Everything returning a
//! `Result` (functions, methods, constructors of services) goes through [`ErrorType`].
//!
//! - The bindings define one base, `<Namespace>Exception : System.Exception` (`Settings::errors`),
//!   emitted when some function returns a `Result`. A `String` error is thrown as the base itself,
//!   its text the message.
//! - An `#[ffi]` C-like enum or struct `E` gets `EException : <base>` (sealed) with a typed
//!   `E Error` property; an enum with data gets `EException` plus one sealed nested subclass per
//!   variant (`ParseErrorException.UnexpectedEof`, its `Error` typed as `ParseError.UnexpectedEof`),
//!   so one variant can be caught by type.
//! - The message is the one the library renders (`Display`, else a rendering of the value).
//! - The panic exception stays outside this hierarchy: a panic is never an error.
//!
//! The raw layer holds `__Error_<E>` (`{E value; Buffer message}`) and `__Raise_<E>(status, error)`,
//! which copies the value and the message, frees what the library allocated and returns the
//! exception to throw (an unknown status gives an `InvalidOperationException`). The exception object
//! is only created on the error path: the success path costs a compare of the status.

use std::collections::BTreeMap;

use interop_core::abi::AbiShape;
use interop_core::model::{DataEnumDef, TypeDef, TypeRef};

use super::{Cx, Fam, family};
use crate::csharp::docs::xml_escape;
use crate::csharp::names;
use crate::csharp::problems::Problem;

/// Members of `System.Exception` (and the `Error` property) a nested variant class must not hide.
const EXCEPTION_MEMBERS: &[&str] = &[
    "Error",
    "Message",
    "Data",
    "Source",
    "StackTrace",
    "InnerException",
    "HResult",
    "HelpLink",
    "TargetSite",
    "GetBaseException",
    "GetObjectData",
    "GetType",
    "ToString",
    "Equals",
    "GetHashCode",
];

/// What kind of exception an error type gets.
enum Kind<'a> {
    /// `String`: the base exception, with the text as its message.
    Text,
    /// A C-like enum or a struct: one exception class with a typed `Error`.
    Typed(&'a TypeDef),
    /// An enum with data: one class, and a nested subclass per variant.
    Variants(&'a TypeDef, &'a DataEnumDef),
}

/// The error type `E` of a `Result<T, E>`.
pub struct ErrorType<'a> {
    fam: Fam<'a>,
    kind: Kind<'a>,
}

impl<'a> ErrorType<'a> {
    /// The error type `ty`; a problem when C# has no exception for it.
    pub fn new(cx: &Cx<'a>, ty: &'a TypeRef) -> Result<Self, Problem> {
        let kind = match cx.inv.shape_of(ty) {
            Ok(AbiShape::Str { owned: true }) => Kind::Text,
            Ok(
                AbiShape::Enum { def, .. }
                | AbiShape::Record { def }
                | AbiShape::Transparent { def, .. },
            ) => Kind::Typed(def),
            Ok(AbiShape::DataEnum { def, data }) => Kind::Variants(def, data),
            _ => {
                return Err(Problem::new(format!(
                    "`{}` cannot be the error of a `Result` in C#",
                    cx.inv.rust_spelling(ty)
                ))
                .fix("use an #[ffi] enum or struct, or `String`, as the error type"));
            }
        };
        Ok(ErrorType {
            fam: family(cx, ty)?,
            kind,
        })
    }

    /// True for a `String` error (thrown as the base exception, its text the message).
    pub fn is_text(&self) -> bool {
        matches!(self.kind, Kind::Text)
    }

    /// True for an enum with data (one exception class per variant).
    pub fn is_variants(&self) -> bool {
        matches!(self.kind, Kind::Variants(..))
    }

    /// An expression making the exception of the error `value` (a public value) with `message`:
    /// for an enum with data, the nested class of the value's variant (`__Exception_<E>`, added by
    /// [`ErrorType::collect_exception`]).
    pub fn create(&self, cx: &Cx, value: &str, message: &str) -> String {
        match &self.kind {
            Kind::Text => format!("new {}({message})", cx.s.errors),
            Kind::Typed(def) => format!("new {}({value}, {message})", exception_class(cx, def)),
            Kind::Variants(..) => format!(
                "{}.__Exception_{}({value}, {message})",
                cx.s.native_class,
                self.tag(cx)
            ),
        }
    }

    /// Adds `__Exception_<E>` of an enum with data (see [`ErrorType::create`]).
    pub fn collect_exception(
        &self,
        cx: &Cx,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        let Kind::Variants(def, data) = &self.kind else {
            return Ok(());
        };
        let tag = self.tag(cx);
        let public = self.fam.public(cx)?;
        let class = exception_class(cx, def);
        let mut lines = String::new();
        for (i, (variant, nested)) in variants(cx, def, data).into_iter().enumerate() {
            lines.push_str(&format!(
                "            {variant} __v{i} = value as {variant};\n            if (!ReferenceEquals(__v{i}, null))\n            {{\n                return new {class}.{nested}(__v{i}, message);\n            }}\n"
            ));
        }
        out.insert(
            format!("__Exception_{tag}"),
            format!(
                "        internal static {class} __Exception_{tag}({public} value, string message)\n        {{\n{lines}            return new {class}(value, message);\n        }}"
            ),
        );
        Ok(())
    }

    /// The part of helper names standing for the error type.
    pub fn tag(&self, cx: &Cx) -> String {
        self.fam.tag(cx)
    }

    /// The raw layer's struct of the error (`{E value; Buffer message}`).
    pub fn abi(&self, cx: &Cx) -> String {
        format!("{}.__Error_{}", cx.s.native_class, self.tag(cx))
    }

    /// The exception class thrown for this error type.
    pub fn exception(&self, cx: &Cx) -> String {
        match &self.kind {
            Kind::Text => cx.s.errors.clone(),
            Kind::Typed(def) | Kind::Variants(def, _) => exception_class(cx, def),
        }
    }

    /// The statement after the call (and its panic check) that throws when `status` (a `byte`
    /// expression) is not 0; `error` is a pointer expression to the `__Error_<E>` in the result.
    pub fn check(&self, cx: &Cx, status: &str, error: &str) -> String {
        format!(
            "if ({status} != 0) throw {}.__Raise_{}({status}, {error});",
            cx.s.native_class,
            self.tag(cx)
        )
    }

    /// The `<exception>` documentation of a method that throws it: (`cref`, when).
    pub fn throws(&self, cx: &Cx) -> (String, String) {
        (
            self.exception(cx),
            "The Rust function returned an error (<c>Err</c>).".to_string(),
        )
    }

    /// The raw layer's error struct and `__Raise_<E>`, and the helpers of the error value.
    pub fn collect_codecs(
        &self,
        cx: &Cx,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        self.fam.collect_codecs(cx, out)?;
        let tag = self.tag(cx);
        let key = format!("__Error_{tag}");
        if out.contains_key(&key) {
            return Ok(());
        }
        let d = self.fam.data(cx)?;
        let abi = &d.abi;
        let public = &d.public;
        let free_value = d
            .free("(&error->Value)")
            .map(|f| format!("                {f}\n"))
            .unwrap_or_default();
        let create = match &self.kind {
            Kind::Text => format!("new {}(message)", cx.s.errors),
            Kind::Typed(def) => format!("new {}(value, message)", exception_class(cx, def)),
            Kind::Variants(..) => {
                self.collect_exception(cx, out)?;
                format!("__Exception_{tag}(value, message)")
            }
        };
        let (declare, read) = match &self.kind {
            Kind::Text => (String::new(), String::new()),
            _ => (
                format!("            {public} value;\n"),
                format!("                value = {};\n", d.lift("(&error->Value)")),
            ),
        };
        out.insert(
            key,
            format!(
                "        /// <summary>\n        /// The C layout of an error of a returned <c>Result</c>: the value, then its message.\n        /// </summary>\n        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]\n        internal struct __Error_{tag}\n        {{\n            internal {abi} Value;\n            internal __Buffer Message;\n        }}\n\n        /// <summary>\n        /// The exception of an error (status 1), after copying the value and the message and freeing them.\n        /// </summary>\n        internal static global::System.Exception __Raise_{tag}(byte status, __Error_{tag}* error)\n        {{\n            if (status != 1)\n            {{\n                return __InvalidStatus(status);\n            }}\n{declare}            string message;\n            try\n            {{\n{read}                message = __LiftString(&error->Message);\n            }}\n            finally\n            {{\n{free_value}                __FreeString(&error->Message);\n            }}\n            return {create};\n        }}"
            ),
        );
        out.entry("__InvalidStatus".into()).or_insert_with(|| {
            "        /// <summary>\n        /// A result status the bindings do not know (a panic, status 2, is thrown before).\n        /// </summary>\n        internal static global::System.Exception __InvalidStatus(byte status)\n        {\n            return new global::System.InvalidOperationException(\"the library returned a result whose status is \" + status);\n        }".into()
        });
        Ok(())
    }

    /// The public exception classes: the base, and this error type's class(es).
    pub fn collect_public(
        &self,
        cx: &Cx,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        let base = &cx.s.errors;
        out.entry(base.clone()).or_insert_with(|| base_class(cx));
        let (def, variants_of) = match &self.kind {
            Kind::Text => return Ok(()),
            Kind::Typed(def) => (*def, None),
            Kind::Variants(def, data) => (*def, Some(variants(cx, def, data))),
        };
        let class = exception_class(cx, def);
        if out.contains_key(&class) {
            return Ok(());
        }
        let ty = cx.type_name(def);
        let access = cx.s.access;
        let sealed = if variants_of.is_some() { "" } else { "sealed " };
        let mut nested = String::new();
        for (variant, vclass) in variants_of.unwrap_or_default() {
            nested.push_str(&format!(
                "\n\n        /// <summary>\n        /// Thrown for the error <see cref=\"{variant}\"/>.\n        /// </summary>\n        public sealed class {vclass} : {class}\n        {{\n            /// <summary>\n            /// Creates the exception from the error and its message.\n            /// </summary>\n            public {vclass}({variant} error, string message) : base(error, message)\n            {{\n            }}\n\n            /// <summary>\n            /// The error the Rust function returned.\n            /// </summary>\n            public new {variant} Error\n            {{\n                get {{ return ({variant})base.Error; }}\n            }}\n        }}"
            ));
        }
        let rust = xml_escape(&def.rust_name);
        out.insert(
            class.clone(),
            format!(
                "    /// <summary>\n    /// Thrown when a Rust function returns the error <c>{rust}</c> (<see cref=\"{ty}\"/>): <see cref=\"Error\"/> is\n    /// the value, the message its text (its <c>Display</c>).\n    /// </summary>\n    {access} {sealed}class {class} : {base}\n    {{\n        /// <summary>\n        /// Creates the exception from the error and its message.\n        /// </summary>\n        public {class}({ty} error, string message) : base(message)\n        {{\n            this.Error = error;\n        }}\n\n        /// <summary>\n        /// The error the Rust function returned.\n        /// </summary>\n        public {ty} Error {{ get; private set; }}{nested}\n    }}"
            ),
        );
        Ok(())
    }
}

/// `<E>Exception`.
fn exception_class(cx: &Cx, def: &TypeDef) -> String {
    format!("{}Exception", names::bare(&cx.type_name(def)))
}

/// Each variant's class (`ParseError.UnexpectedEof`) and the nested exception class standing for it
/// (`UnexpectedEof`; `Error_` when it would hide a member of `System.Exception` or name its class).
fn variants(cx: &Cx, def: &TypeDef, data: &DataEnumDef) -> Vec<(String, String)> {
    let class = cx.type_name(def);
    let exception = exception_class(cx, def);
    data.variants
        .iter()
        .map(|v| {
            let vclass = names::member(&class, names::pascal(&v.name, cx.s.naming));
            let bare = names::bare(&vclass).to_string();
            let nested = if EXCEPTION_MEMBERS.contains(&bare.as_str()) || bare == exception {
                format!("{bare}_")
            } else {
                vclass.clone()
            };
            (format!("{class}.{vclass}"), nested)
        })
        .collect()
}

/// The common base of the error exceptions.
fn base_class(cx: &Cx) -> String {
    let base = &cx.s.errors;
    format!(
        "    /// <summary>\n    /// The base of the exceptions thrown when a Rust function of <c>{lib}</c> returns an error (the\n    /// <c>Err</c> of its <c>Result</c>): catch it to handle every error. A <c>String</c> error is thrown as\n    /// this class itself, its text the message; other error types have their own subclass with the\n    /// value. A panic is not an error: it is <see cref=\"{panic}\"/>, outside this hierarchy.\n    /// </summary>\n    {access} class {base} : global::System.Exception\n    {{\n        /// <summary>\n        /// Creates the exception with the error's message.\n        /// </summary>\n        public {base}(string message) : base(message)\n        {{\n        }}\n    }}",
        lib = xml_escape(&cx.s.library),
        panic = cx.s.exception,
        access = cx.s.access,
    )
}
