//! Slices and vectors: `&[T]` / `&mut [T]` / `Vec<T>` / `Box<[T]>`.
//!
//! Arguments take any object exposing a buffer of the element's format (bytes, bytearray,
//! memoryview, `array.array`, numpy arrays, ctypes arrays), borrowed as it is (zero-copy), or any
//! sequence (copied in one pass: `array.array` for numbers). `&mut [T]` takes a writable buffer
//! (written in place) or a list (written back after the call). A returned vector is copied once:
//! `bytes` for `u8`, `array.array` for numbers, a `list` otherwise; then freed.
//! `Option<&mut [T]>` (ADR 53) takes the same or `None` (a NULL `ptr`); an empty buffer or list is
//! `Some` of an empty slice (passed with a pointer other than NULL).

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE};

/// `&[T]`, `&mut [T]` (`mutable`), or `Vec<T>` (`owned`).
pub struct Sequence<'a> {
    pub element: Box<dyn Family + 'a>,
    pub owned: bool,
    pub mutable: bool,
    /// `Option<&mut [T]>`: `None` is a NULL `ptr`.
    pub nullable: bool,
    /// Elements of numbers, `bool` or a C-like enum (see [`Sequence::native_param_class`]).
    pub numbers: bool,
}

impl Sequence<'_> {
    fn element_codec(&self) -> Codec {
        self.element
            .codec()
            .unwrap_or_else(|| Codec::new("_c_unsupported", "_Codec()"))
    }

    /// What an argument accepts.
    fn accepted(&self) -> String {
        let item = self.element.item();
        match (self.mutable, self.element.borrows_buffers()) {
            (true, _) => format!("Union[WriteableBuffer, typing.List[{item}]]"),
            (false, true) => format!("Union[ReadableBuffer, typing.Sequence[{item}]]"),
            (false, false) => format!("typing.Sequence[{item}]"),
        }
    }
}

impl Family for Sequence<'_> {
    /// Inside data: a view (`&[T]`) or an owned buffer (`Vec<T>`).
    fn ctype(&self) -> String {
        if self.owned { "_Buffer" } else { "_View" }.to_string()
    }

    fn arg_ctype(&self) -> String {
        "_ViewIn".to_string()
    }

    fn param(&self) -> String {
        if self.nullable {
            format!("Optional[{}]", self.accepted())
        } else {
            self.accepted()
        }
    }

    fn raw_param(&self) -> String {
        "_ViewIn".to_string()
    }

    fn raw_return(&self) -> String {
        self.ctype()
    }

    fn returns(&self) -> String {
        self.element.many()
    }

    fn item(&self) -> String {
        self.accepted()
    }

    fn field(&self) -> FieldType {
        let many = self.element.many();
        FieldType {
            init: format!("Union[{many}, {}]", self.accepted()),
            annotation: many,
            default: "...",
            plain: false,
            access: None,
        }
    }

    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        let codec = self.element_codec().name;
        let (helper, cleanup) = if self.nullable {
            (
                super::runtime::OPT_SLICE_MUT_IN,
                vec![format!("_write_back({local})")],
            )
        } else if self.mutable {
            ("_slice_mut_in", vec![format!("_write_back({local})")])
        } else if codec == "_c_u8" {
            ("_u8_in", Vec::new())
        } else {
            ("_slice_in", Vec::new())
        };
        let mut imports = vec![helper.to_string(), codec.clone()];
        if self.mutable || self.nullable {
            imports.push("_write_back".to_string());
        }
        Lowering {
            setup: vec![format!("{local} = {helper}({value}, {WHERE}, {codec})")],
            arg: local,
            cleanup,
            imports,
        }
    }

    /// The helper the compiled path calls for what it does not convert itself: `_packed` for
    /// elements of numbers (a buffer of their format is borrowed; lists and tuples packed, the
    /// ctypes path's errors), the ctypes path's own `_slice_in` for other elements (a `_ViewIn`
    /// keeping what it points to alive), and for `&mut [T]` `_slice_mut_in` (or
    /// `_opt_slice_mut_in`) with `_write_back`, called after the call.
    fn native_param_class(&self) -> Option<String> {
        let types = super::runtime::TYPES_MODULE;
        let codec = self.element_codec().name;
        Some(if self.mutable || self.nullable {
            let helper = if self.nullable {
                super::runtime::OPT_SLICE_MUT_IN
            } else {
                "_slice_mut_in"
            };
            format!("({types}.{helper}, {types}.{codec}, {types}._write_back)")
        } else if self.numbers {
            format!("({types}._packed, {types}.{codec})")
        } else {
            format!("({types}._slice_in, {types}.{codec})")
        })
    }

    /// A vector of numbers other than `u8` is an `array.array`; `u8` is `bytes` (no class); any
    /// other vector is what the ctypes path's `_take_vec` makes of the returned `_Buffer`.
    fn native_return_class(&self) -> Option<String> {
        let many = self.element.many();
        if many.starts_with("array.array") {
            return Some("array.array".to_string());
        }
        let codec = self.element_codec().name;
        (self.owned && codec != "_c_u8").then(|| {
            let types = super::runtime::TYPES_MODULE;
            format!("({types}._take_vec, {types}._Buffer, {types}.{codec})")
        })
    }

    fn lift(&self) -> Lifting {
        let codec = self.element_codec().name;
        if codec == "_c_u8" {
            return Lifting::call("_take_bytes".to_string());
        }
        // The codecs are untyped: the result is cast to the precise type (free at run time).
        Lifting {
            expr: Some(format!(
                "typing.cast(\"{}\", _take_vec({}, {codec}))",
                self.returns(),
                super::RAW
            )),
            imports: vec!["_take_vec".to_string(), codec],
        }
    }

    /// A borrowed `&[T]` argument of a closure: its elements copied (`bytes`, `array.array`, a list),
    /// nothing freed.
    fn callback_lift(&self) -> Option<String> {
        let codec = self.codec()?.name;
        (!self.owned).then(|| format!("typing.cast(\"{}\", {codec}.lift(v))", self.returns()))
    }

    fn codec(&self) -> Option<Codec> {
        let element = self.element_codec();
        let tag = element.name.trim_start_matches("_c_");
        Some(if self.owned {
            Codec::new(&format!("_c_vec_{tag}"), &format!("_Vec({})", element.name))
        } else {
            Codec::new(
                &format!("_c_slice_{tag}"),
                &format!("_Slice({})", element.name),
            )
        })
    }

    fn codecs(&self) -> Vec<Codec> {
        let mut out = self.element.codecs();
        out.extend(self.codec());
        out
    }
}
