//! Tuples `(A, B, …)` by value (ADR 21, ADR 29): a Python `tuple`, typed `Tuple[float, float]`.
//! An argument may be any sequence of the right length (a `list` too, not `str` or `bytes`); a
//! wrong length or element raises `TypeError` naming the parameter (`f() argument 't'[1]: expected
//! int, got str`). It
//! crosses as its ABI struct (`_TupleF32F32`, a private `ctypes.Structure` with fields `_0`, `_1`,
//! …), converted element by element by the codec `_Tuple(_TupleF32F32)` (a returned tuple is copied,
//! then what it owns freed, also when the copy raises).

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE};

/// A tuple; `class` is its private ABI struct.
pub struct Tuple<'a> {
    pub class: &'a str,
    pub elements: Vec<Box<dyn Family + 'a>>,
}

impl Tuple<'_> {
    fn codec_name(&self) -> String {
        format!("_c_{}", self.class)
    }

    fn spelled(&self, each: impl Fn(&dyn Family) -> String) -> String {
        let parts: Vec<String> = self.elements.iter().map(|e| each(&**e)).collect();
        format!("typing.Tuple[{}]", parts.join(", "))
    }
}

impl Family for Tuple<'_> {
    fn ctype(&self) -> String {
        self.class.to_string()
    }

    fn param(&self) -> String {
        self.spelled(|e| e.param())
    }

    fn raw_param(&self) -> String {
        self.class.to_string()
    }

    fn raw_return(&self) -> String {
        self.class.to_string()
    }

    fn returns(&self) -> String {
        self.spelled(|e| e.returns())
    }

    fn item(&self) -> String {
        self.spelled(|e| e.item())
    }

    fn expected(&self) -> String {
        format!("a sequence of {}", self.elements.len())
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.spelled(|e| e.field().annotation),
            init: self.spelled(|e| e.field().init),
            default: "...",
            plain: false,
            access: None,
        }
    }

    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        let codec = self.codec_name();
        Lowering {
            setup: vec![format!("{local} = _record_in({value}, {WHERE}, {codec})")],
            arg: local,
            cleanup: Vec::new(),
            imports: vec!["_record_in".to_string(), codec],
        }
    }

    fn lift(&self) -> Lifting {
        let codec = self.codec_name();
        Lifting {
            expr: Some(format!(
                "typing.cast(\"{}\", _take({}, {codec}))",
                self.returns(),
                super::RAW
            )),
            imports: vec!["_take".to_string(), codec],
        }
    }

    /// For the compiled path: `((_record_in, codec), mirror, sizeof(mirror))`, the package's
    /// conversion for what the native fast path does not take, and the ABI struct it builds.
    fn native_param_class(&self) -> Option<String> {
        Some(format!(
            "(({types}._record_in, {types}.{}), *_sized({types}.{}))",
            self.codec_name(),
            self.class,
            types = super::runtime::TYPES_MODULE
        ))
    }

    /// For the compiled path: one `(class, sizeof(class))` per element (its result class).
    fn native_return_class(&self) -> Option<String> {
        let items: Vec<String> = self
            .elements
            .iter()
            .map(|e| {
                let class = e.native_return_class();
                format!("_sized({}), ", class.as_deref().unwrap_or("None"))
            })
            .collect();
        Some(format!("({})", items.concat().trim_end()))
    }

    fn codec(&self) -> Option<Codec> {
        Some(Codec::new(
            &self.codec_name(),
            &format!("_Tuple({})", self.class),
        ))
    }

    fn codecs(&self) -> Vec<Codec> {
        let mut out: Vec<Codec> = self.elements.iter().flat_map(|e| e.codecs()).collect();
        out.extend(self.codec());
        out
    }
}
