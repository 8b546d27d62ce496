//! `Option<T>` by value: `Optional[T]`, `None` for absent, in every position (parameters, results,
//! fields, elements, nested). It crosses as `{uint8_t is_some; T value}` with `T` in its ABI form
//! inside data (ADR 12): a `ctypes.Structure` made once per `T` (`_option_abi`), converted by the
//! codec `_Option(<T's codec>)`.

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE, runtime};

/// `Option<T>`, `T` by value.
pub struct Optional<'a> {
    pub inner: Box<dyn Family + 'a>,
}

impl Optional<'_> {
    fn inner_codec(&self) -> Codec {
        self.inner
            .codec()
            .unwrap_or_else(|| Codec::new("_c_unsupported", "_Codec()"))
    }

    fn codec_name(&self) -> String {
        format!(
            "_c_opt_{}",
            self.inner_codec().name.trim_start_matches("_c_")
        )
    }
}

impl Family for Optional<'_> {
    fn ctype(&self) -> String {
        format!("_option_abi({})", self.inner.ctype())
    }

    fn ctype_annotation(&self) -> String {
        "_OptionAbi".to_string()
    }

    fn param(&self) -> String {
        format!("Optional[{}]", self.inner.param())
    }

    fn raw_param(&self) -> String {
        "_OptionAbi".to_string()
    }

    fn raw_return(&self) -> String {
        "_OptionAbi".to_string()
    }

    fn returns(&self) -> String {
        format!("Optional[{}]", self.inner.returns())
    }

    fn item(&self) -> String {
        format!("Optional[{}]", self.inner.item())
    }

    fn field(&self) -> FieldType {
        let inner = self.inner.field();
        FieldType {
            annotation: format!("Optional[{}]", inner.annotation),
            init: format!("Optional[{}]", inner.init),
            default: "None",
            plain: false,
            access: None,
        }
    }

    fn expected(&self) -> String {
        format!("{} or None", self.inner.expected())
    }

    /// The value's own checks when it is not `None` (the wording of the compiled path, "int or
    /// None"), then its ABI form through the codec.
    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        let codec = self.codec_name();
        let inner = self.inner.lower(value);
        let mut setup = Vec::new();
        let mut imports = vec![codec.clone()];
        if inner.arg == value {
            // A value checked in place (numbers, `bool`, enums, C-compatible records): its ABI
            // form is the value itself.
            let expected = self.inner.expected();
            let or_none = format!("\"{expected} or None\"");
            setup.push(format!("if {value} is not None:"));
            for line in &inner.setup {
                let line = line.replace(&format!("\"{expected}\""), &or_none).replace(
                    &format!("{}({value}, {WHERE})", runtime::BOOL),
                    &format!(
                        "{}({value}, {or_none}, {WHERE}) if type({value}) is not bool else None",
                        runtime::BAD
                    ),
                );
                setup.push(format!("    {line}"));
            }
            imports.extend(inner.imports);
            if setup.len() > 1 {
                imports.push(runtime::BAD.to_string());
            } else {
                setup.clear();
            }
            setup.push(format!(
                "{local} = {codec}.ctype() if {value} is None else {codec}.ctype(1, {value})"
            ));
        } else {
            imports.push("_option_in".to_string());
            setup.push(format!("{local} = _option_in({value}, {WHERE}, {codec})"));
        }
        Lowering {
            setup,
            arg: local,
            cleanup: Vec::new(),
            imports,
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

    /// The compiled path converts options of what it converts by value; it checks the value
    /// against the class the value's own conversion needs.
    fn native_param_class(&self) -> Option<String> {
        self.inner.native_param_class()
    }

    fn native_return_class(&self) -> Option<String> {
        self.inner.native_return_class()
    }

    fn codec(&self) -> Option<Codec> {
        Some(Codec::new(
            &self.codec_name(),
            &format!("_Option({})", self.inner_codec().name),
        ))
    }

    fn codecs(&self) -> Vec<Codec> {
        let mut out = self.inner.codecs();
        out.extend(self.codec());
        out
    }
}
