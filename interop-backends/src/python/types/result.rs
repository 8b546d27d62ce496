//! `Result<T, E>` (returns only): the function returns `T` and raises the error type's exception
//! class for an `Err` (ADR 23). The result crosses as `{status, union {T ok; {E value; String
//! message} err}}` (ADR 12): a `ctypes.Structure` made once per `T` and `E` (`_result_abi`),
//! converted by `_Result(<T's codec>, <E's raiser>)`; the raiser (`_e_<E>`, a `_Raise`) copies and
//! frees the error and its message and raises `<E>Error` (or its variant's subclass).

use super::{Codec, Family, FieldType, Lifting};

/// `Result<T, E>`: `ok` is `None` for `()`.
pub struct Outcome<'a> {
    pub ok: Option<Box<dyn Family + 'a>>,
    pub err: Box<dyn Family + 'a>,
    /// The raiser of the error type (`_e_ParseError`, `_e_string`) and its exception class.
    pub raiser: String,
    pub exception: String,
    /// `{value: variant class}` entries of the raiser (`ParseError.EMPTY: ParseErrorError.Empty`).
    pub variants: String,
}

fn codec_of(f: &dyn Family) -> Codec {
    f.codec()
        .unwrap_or_else(|| Codec::new("_c_unsupported", "_Codec()"))
}

impl Outcome<'_> {
    fn ok_codec(&self) -> Option<Codec> {
        self.ok.as_deref().map(codec_of)
    }

    fn codec_name(&self) -> String {
        let ok = self.ok_codec().map_or("unit".to_string(), |c| {
            c.name.trim_start_matches("_c_").to_string()
        });
        format!(
            "_c_res_{ok}_{}",
            codec_of(&*self.err).name.trim_start_matches("_c_")
        )
    }

    /// The raiser of the error type: `_e_ParseError = _Raise(_c_ParseError, ParseErrorError, {…})`.
    pub fn raiser_codec(&self) -> Codec {
        Codec::new(
            &self.raiser,
            &format!(
                "_Raise({}, {}, {{{}}})",
                codec_of(&*self.err).name,
                self.exception,
                self.variants
            ),
        )
    }
}

impl Family for Outcome<'_> {
    fn ctype(&self) -> String {
        format!(
            "_result_abi({}, {})",
            self.ok.as_ref().map_or("None".to_string(), |ok| ok.ctype()),
            self.err.ctype()
        )
    }

    fn ctype_annotation(&self) -> String {
        "_ResultAbi".to_string()
    }

    fn param(&self) -> String {
        // Results are return types only (validated by interop-core).
        "typing.NoReturn".to_string()
    }

    fn raw_return(&self) -> String {
        "_ResultAbi".to_string()
    }

    fn returns(&self) -> String {
        self.ok
            .as_ref()
            .map_or("None".to_string(), |ok| ok.returns())
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.returns(),
            init: self.returns(),
            default: "...",
            plain: false,
            access: None,
        }
    }

    fn lift(&self) -> Lifting {
        let codec = self.codec_name();
        Lifting {
            expr: Some(format!(
                "typing.cast(\"{}\", {codec}({}))",
                self.returns(),
                super::RAW
            )),
            imports: vec![codec],
        }
    }

    /// The compiled path is handed `(ok class, raiser, error class)`: it converts `Ok` natively and
    /// raises an `Err` natively too (the error value converted with the error class, the exception
    /// class and its variants read from the raiser once), or calls the raiser with the address of
    /// the error where the error type has no native conversion.
    fn native_return_class(&self) -> Option<String> {
        Some(format!(
            "(_sized({}), {}.{}, _sized({}))",
            self.ok
                .as_ref()
                .and_then(|ok| ok.native_return_class())
                .unwrap_or_else(|| "None".to_string()),
            super::runtime::TYPES_MODULE,
            self.raiser,
            self.err
                .native_return_class()
                .unwrap_or_else(|| "None".to_string()),
        ))
    }

    fn codec(&self) -> Option<Codec> {
        let ok = self.ok_codec().map_or("None".to_string(), |c| c.name);
        Some(Codec::new(
            &self.codec_name(),
            &format!("_Result({ok}, {})", self.raiser),
        ))
    }

    fn codecs(&self) -> Vec<Codec> {
        let mut out = self.ok.as_ref().map(|ok| ok.codecs()).unwrap_or_default();
        out.extend(self.err.codecs());
        out.push(self.raiser_codec());
        out.extend(self.codec());
        out
    }
}
