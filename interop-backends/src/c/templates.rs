//! The askama templates of the C backend (`templates/c/`), one per concept, and their view models.
//! Everything is resolved to C text before it reaches a template; templates only lay it out.

use askama::Template;

use super::literals::comment_text;
use crate::BackendError;

/// `/** … */` before an item. Lines are already escaped; `indent` goes before every line.
#[derive(Template)]
#[template(path = "c/doc.h", escape = "none")]
pub struct DocTemplate<'a> {
    pub indent: &'a str,
    pub lines: Vec<String>,
}

/// A doc comment for `docs` (empty when there are none), every line prefixed with `indent`.
/// Leading and trailing blank lines are dropped; comment delimiters and trigraphs are escaped.
pub fn doc_comment(docs: &[String], indent: &str) -> Result<String, BackendError> {
    let lines: Vec<String> = docs.iter().map(|l| comment_text(l)).collect();
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(start), Some(end)) = (start, end) else {
        return Ok(String::new());
    };
    Ok(DocTemplate {
        indent,
        lines: lines[start..=end].to_vec(),
    }
    .render()?)
}

/// The whole header.
#[derive(Template)]
#[template(path = "c/header.h", escape = "none")]
pub struct HeaderTemplate {
    pub file_name: String,
    pub guard: String,
    pub package: String,
    pub lib_name: String,
    pub version: String,
    pub needs_math: bool,
    pub packed: bool,
    pub opaques: Vec<String>,
    pub enums: Vec<String>,
    pub forward_decls: Vec<String>,
    pub structs: Vec<String>,
    pub constants: Vec<Section>,
    pub functions: Vec<Section>,
}

/// Items of one module (`None`: items without a module).
pub struct Section {
    pub module: Option<String>,
    pub items: Vec<String>,
}

#[derive(Template)]
#[template(path = "c/opaque.h", escape = "none")]
pub struct OpaqueTemplate {
    pub docs: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "c/enum.h", escape = "none")]
pub struct EnumTemplate {
    pub docs: String,
    pub name: String,
    pub storage: String,
    pub variants: Vec<VariantView>,
}

pub struct VariantView {
    pub docs: String,
    pub name: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "c/struct.h", escape = "none")]
pub struct StructTemplate {
    pub docs: String,
    pub name: String,
    pub packed: bool,
    /// Already declared as `typedef struct X X;`: define only the struct tag.
    pub forward_declared: bool,
    pub fields: Vec<FieldView>,
}

pub struct FieldView {
    pub docs: String,
    /// `float m[3][3]`
    pub decl: String,
}

#[derive(Template)]
#[template(path = "c/constant.h", escape = "none")]
pub struct ConstantTemplate {
    pub docs: String,
    pub name: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "c/function.h", escape = "none")]
pub struct FunctionTemplate {
    pub docs: String,
    /// Return type and symbol: `Counter *counter_new`.
    pub head: String,
    pub params: Vec<String>,
    /// One parameter per line, aligned after the parenthesis.
    pub wrap: bool,
    pub align: String,
}

#[derive(Template)]
#[template(path = "c/pkgconfig.pc", escape = "none")]
pub struct PkgConfigTemplate {
    pub name: String,
    pub description: String,
    pub version: String,
    pub url: Option<String>,
    pub lib_name: String,
}
