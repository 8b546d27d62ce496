//! Structs that own data (`String`, `Vec<T>` fields) or hold views (`&str`, `&[T]`): a Python
//! dataclass with `str` / `list` / `bytes` / `array.array` attributes, crossing as its private
//! `ctypes.Structure` mirror (`_Person_abi`), converted field by field (a returned one is copied and
//! freed, also when the copy raises).

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE};

pub struct OwnedRecord<'a> {
    pub class: &'a str,
    /// The record holds closures (ADR 30): passing it hands them to Rust.
    pub closures: bool,
}

impl OwnedRecord<'_> {
    /// The mirror class of `class`.
    pub fn mirror(class: &str) -> String {
        format!("_{class}_abi")
    }

    fn codec_name(&self) -> String {
        format!("_c_{}", self.class)
    }
}

impl Family for OwnedRecord<'_> {
    fn ctype(&self) -> String {
        Self::mirror(self.class)
    }

    fn param(&self) -> String {
        self.class.to_string()
    }

    fn raw_param(&self) -> String {
        Self::mirror(self.class)
    }

    fn raw_return(&self) -> String {
        Self::mirror(self.class)
    }

    fn returns(&self) -> String {
        self.class.to_string()
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.class.to_string(),
            init: self.class.to_string(),
            default: "...",
            plain: false,
            access: None,
        }
    }

    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        let codec = self.codec_name();
        if self.closures {
            return Lowering {
                setup: vec![format!(
                    "{local} = {}({value}, {WHERE}, {codec})",
                    super::runtime::CLOSURES_IN
                )],
                arg: local,
                cleanup: Vec::new(),
                imports: vec![
                    super::runtime::CLOSURES_IN.to_string(),
                    super::runtime::CALLBACKS.to_string(),
                    codec,
                ],
            };
        }
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
                self.class,
                super::RAW
            )),
            imports: vec!["_take".to_string(), codec],
        }
    }

    /// The compiled path calls the ctypes path's `_record_in` (not for a record holding
    /// closures, which stays on the ctypes path).
    fn native_param_class(&self) -> Option<String> {
        let types = super::runtime::TYPES_MODULE;
        (!self.closures).then(|| format!("({types}._record_in, {types}.{})", self.codec_name()))
    }

    /// The compiled path calls the ctypes path's `_take` with the returned mirror.
    fn native_return_class(&self) -> Option<String> {
        let types = super::runtime::TYPES_MODULE;
        Some(format!(
            "({types}._take, {types}.{}, {types}.{})",
            Self::mirror(self.class),
            self.codec_name()
        ))
    }

    /// A `&T` closure argument (ADR 58): Rust frees the copy it lends after the call.
    fn lent_for_a_call(&self) -> bool {
        true
    }

    fn codec(&self) -> Option<Codec> {
        Some(Codec::new(
            &self.codec_name(),
            &format!("_Record({}, {})", self.class, Self::mirror(self.class)),
        ))
    }
}
