//! Enums whose variants carry data (ADR 13, ADR 26): one frozen dataclass per variant
//! (`ShapeCircle`), the enum a `Union` alias of them (`Shape`). The value crosses as its ctypes
//! form `_Shape_abi` (`{tag; body words}`, made at import by `_enum_abi` so that libffi passes it
//! in the registers the C ABI puts it in), converted by the codec `_c_Shape` (a `_DataEnum`): the
//! variant's fields through their own codecs, in a `ctypes.Structure` per variant body
//! (`_ShapeCircle_abi`) at the body offset the library measured. A returned value is copied and
//! what its variant owns freed once (also when the copy raises).
//!
//! The compiled path hands the argument to `_enum_arg` (the same codec) and a result's address to
//! `_enum_at`; pointers to data enums (`&T`, `&mut T`, `Option<&T>`) stay on the ctypes path.

use interop_core::model::PointerKind;

use super::{Codec, Family, FieldType, Lifting, Lowering, RAW, WHERE, runtime};
use crate::BackendError;

/// The dataclass of the variant `variant` of the data enum `class` (`ShapeCircle`).
pub fn variant_class(class: &str, variant: &str) -> String {
    format!("{class}{variant}")
}

/// The `ctypes.Structure` of a variant's body (`_ShapeCircle_abi`).
pub fn body_class(variant_class: &str) -> String {
    format!("_{variant_class}_abi")
}

/// The ctypes form of the enum `class` (`_Shape_abi`).
pub fn mirror(class: &str) -> String {
    format!("_{class}_abi")
}

/// The codec of the enum `class`.
pub fn codec_name(class: &str) -> String {
    format!("_c_{class}")
}

/// The helper of `_types.py` that converts an argument on the ctypes path.
pub const ENUM_IN: &str = runtime::DATA_ENUMS;

/// A data enum by value.
pub struct DataEnum<'a> {
    pub class: &'a str,
}

impl Family for DataEnum<'_> {
    fn ctype(&self) -> String {
        mirror(self.class)
    }

    fn ctype_annotation(&self) -> String {
        "_DataEnumAbi".to_string()
    }

    fn param(&self) -> String {
        self.class.to_string()
    }

    fn raw_param(&self) -> String {
        "_DataEnumAbi".to_string()
    }

    fn raw_return(&self) -> String {
        "_DataEnumAbi".to_string()
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
        let codec = codec_name(self.class);
        Lowering {
            setup: vec![format!(
                "{local} = {ENUM_IN}({value}, {WHERE}, {WHERE}, {codec})"
            )],
            arg: local,
            cleanup: Vec::new(),
            imports: vec![ENUM_IN.to_string(), runtime::BAD.to_string(), codec],
        }
    }

    fn lift(&self) -> Lifting {
        let codec = codec_name(self.class);
        Lifting {
            expr: Some(format!(
                "typing.cast(\"{}\", _take({RAW}, {codec}))",
                self.class
            )),
            imports: vec!["_take".to_string(), codec],
        }
    }

    /// `(_enum_arg, codec, ctypes form)`: the compiled path calls `_enum_arg(value, name, codec)`
    /// and copies the ctypes form it returns (`None`: not a variant of the enum).
    fn native_param_class(&self) -> Option<String> {
        Some(format!(
            "({m}._enum_arg, {m}.{}, {m}.{})",
            codec_name(self.class),
            mirror(self.class),
            m = runtime::TYPES_MODULE
        ))
    }

    /// `(_enum_at, codec)`: the compiled path calls `_enum_at(address, codec, take)`.
    fn native_return_class(&self) -> Option<String> {
        Some(format!(
            "({m}._enum_at, {m}.{})",
            codec_name(self.class),
            m = runtime::TYPES_MODULE
        ))
    }

    fn codec(&self) -> Option<Codec> {
        Some(Codec::new(
            &codec_name(self.class),
            &format!("_DataEnum(\"{}\", {})", self.class, mirror(self.class)),
        ))
    }
}

/// `&T`, `Option<&T>`, `&mut T` and raw pointers to a data enum (C-compatible payloads only: the
/// library reads it in place). `&T` takes the value (its ctypes form is lent for the call); `&mut T`
/// takes a one-element `list` (the cell) whose element is replaced by the value the library left.
pub struct Borrowed<'a> {
    pub class: &'a str,
    pub kind: PointerKind,
    pub mutable: bool,
}

impl Borrowed<'_> {
    fn cell(&self) -> bool {
        self.mutable && self.kind == PointerKind::Reference
    }
}

impl Family for Borrowed<'_> {
    fn ctype(&self) -> String {
        format!("ctypes.POINTER({})", mirror(self.class))
    }

    fn ctype_annotation(&self) -> String {
        "ctypes._Pointer[_DataEnumAbi]".to_string()
    }

    fn param(&self) -> String {
        if self.cell() {
            format!("typing.List[{}]", self.class)
        } else if self.kind == PointerKind::Reference {
            self.class.to_string()
        } else {
            format!("Optional[{}]", self.class)
        }
    }

    fn raw_param(&self) -> String {
        "Optional[_DataEnumAbi]".to_string()
    }

    fn raw_return(&self) -> String {
        self.ctype_annotation()
    }

    fn returns(&self) -> String {
        if self.kind == PointerKind::Reference {
            self.class.to_string()
        } else {
            format!("Optional[{}]", self.class)
        }
    }

    fn expected(&self) -> String {
        if self.cell() {
            format!("a list of one {}", self.class)
        } else if self.kind == PointerKind::Reference {
            self.class.to_string()
        } else {
            format!("{} or None", self.class)
        }
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.ctype_annotation(),
            init: self.ctype_annotation(),
            default: "None",
            plain: true,
            access: None,
        }
    }

    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        let codec = codec_name(self.class);
        let mut imports = vec![ENUM_IN.to_string(), runtime::BAD.to_string(), codec.clone()];
        let (setup, cleanup) = if self.cell() {
            imports.push("_enum_cell".to_string());
            (
                vec![format!(
                    "{local} = _enum_cell({value}, {WHERE}, {WHERE}, {codec})"
                )],
                vec![format!("{value}[0] = {codec}.lift({local})")],
            )
        } else if self.kind == PointerKind::Reference {
            (
                vec![format!(
                    "{local} = {ENUM_IN}({value}, {WHERE}, {WHERE}, {codec})"
                )],
                Vec::new(),
            )
        } else {
            (
                vec![format!(
                    "{local} = None if {value} is None else {ENUM_IN}({value}, {WHERE}, \
                     {WHERE}, {codec}, \"{} or None\")",
                    self.class
                )],
                Vec::new(),
            )
        };
        Lowering {
            setup,
            arg: local,
            cleanup,
            imports,
        }
    }

    /// A copy of the value (the library keeps its own); `None` for NULL where it may be NULL.
    fn lift(&self) -> Lifting {
        let codec = codec_name(self.class);
        Lifting {
            expr: Some(format!(
                "typing.cast(\"{}\", {codec}.lift({RAW}.contents) if {RAW} else None)",
                self.returns()
            )),
            imports: vec![codec],
        }
    }
}

/// Refuses a pointer kind to a data enum the Python backend does not know.
pub fn borrowed<'a>(
    class: &'a str,
    kind: PointerKind,
    mutable: bool,
) -> Result<Borrowed<'a>, BackendError> {
    match kind {
        PointerKind::Reference | PointerKind::NullableReference => Ok(Borrowed {
            class,
            kind,
            mutable,
        }),
        _ => Err(BackendError::Unsupported(format!(
            "a raw pointer to the data enum `{class}` has no Python spelling; take `&{class}` or \
             `Option<&{class}>`"
        ))),
    }
}
