//! `cargo interop inspect`: what the library exports, as a table or as JSON.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::{Context as _, Result};
use interop_core::model::{ConstValue, Inventory, StructLayout, TypeKind, TypeRef};

use crate::cargo;
use crate::cli::InspectArgs;
use crate::status::Status;

/// Run `cargo interop inspect`.
pub fn run(args: &InspectArgs, status: &Status) -> Result<()> {
    let pkg = cargo::select_package(
        args.cargo.manifest_path.as_deref(),
        args.cargo.package.as_deref(),
    )?;
    let loaded = super::build_and_load(&pkg, &args.cargo, status, false)?;
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&loaded.inventory)
            .context("cannot serialize the inventory")?;
        json.push('\n');
        json
    } else {
        render_table(&loaded.inventory, &pkg.package.name)
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to stdout")
}

/// A type as written in Rust, using bindings names for named types.
pub fn type_name(inv: &Inventory, ty: &TypeRef) -> String {
    inv.rust_spelling(ty)
}

fn const_value(v: &ConstValue) -> String {
    v.to_string()
}

fn qualified(module: Option<&str>, name: &str) -> String {
    match module {
        Some(m) => format!("{m}::{name}"),
        None => name.to_string(),
    }
}

/// Rows padded into columns separated by two spaces (the last column is not padded).
fn table(out: &mut String, rows: &[Vec<String>]) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The human-readable inventory.
pub fn render_table(inv: &Inventory, package: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{package}: interop-core {}, inventory schema {}",
        inv.core_version, inv.schema_version
    );

    let _ = writeln!(out, "\nTypes ({})", inv.types.len());
    if !inv.types.is_empty() {
        let mut rows = vec![vec![
            "KIND".to_string(),
            "SIZE".to_string(),
            "ALIGN".to_string(),
            "NAME".to_string(),
            "DETAILS".to_string(),
        ]];
        for t in &inv.types {
            let (kind, details) = match &t.kind {
                TypeKind::Struct(s) => {
                    let layout = match s.layout {
                        StructLayout::C => "struct",
                        StructLayout::Packed => "struct (packed)",
                        StructLayout::Transparent => "struct (transparent)",
                        _ => "struct",
                    };
                    let fields = s
                        .fields
                        .iter()
                        .map(|f| format!("{}: {} @{}", f.name, type_name(inv, &f.ty), f.offset))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (layout.to_string(), format!("{{ {fields} }}"))
                }
                TypeKind::Enum(e) => {
                    let variants = e
                        .variants
                        .iter()
                        .map(|v| format!("{} = {}", v.name, v.value))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        format!("enum ({})", e.storage.rust_name()),
                        format!("{{ {variants} }}"),
                    )
                }
                TypeKind::Opaque => ("opaque".to_string(), String::new()),
                TypeKind::Service => ("service".to_string(), String::new()),
                _ => ("unknown".to_string(), String::new()),
            };
            rows.push(vec![
                kind,
                t.size.to_string(),
                t.align.to_string(),
                qualified(t.module.as_deref(), &t.name),
                details,
            ]);
        }
        table(&mut out, &rows);
    }

    let _ = writeln!(out, "\nFunctions ({})", inv.functions.len());
    if !inv.functions.is_empty() {
        let mut rows = vec![vec!["SYMBOL".to_string(), "SIGNATURE".to_string()]];
        for f in &inv.functions {
            let owner = f
                .owner
                .as_deref()
                .map(|id| {
                    inv.type_def(id)
                        .map_or_else(|| id.to_string(), |t| t.name.clone())
                })
                .map(|o| format!("{o}::"))
                .unwrap_or_default();
            let params = f
                .params
                .iter()
                .map(|p| format!("{}: {}", p.name, type_name(inv, &p.ty)))
                .collect::<Vec<_>>()
                .join(", ");
            let ret = if f.returns.is_unit() {
                String::new()
            } else {
                format!(" -> {}", type_name(inv, &f.returns))
            };
            rows.push(vec![
                f.symbol.clone(),
                format!(
                    "{}({params}){ret}",
                    qualified(f.module.as_deref(), &format!("{owner}{}", f.name))
                ),
            ]);
        }
        table(&mut out, &rows);
    }

    let _ = writeln!(out, "\nConstants ({})", inv.constants.len());
    if !inv.constants.is_empty() {
        let mut rows = vec![vec![
            "NAME".to_string(),
            "TYPE".to_string(),
            "VALUE".to_string(),
        ]];
        for c in &inv.constants {
            rows.push(vec![
                qualified(c.module.as_deref(), &c.name),
                type_name(inv, &c.ty),
                const_value(&c.value),
            ]);
        }
        table(&mut out, &rows);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use interop_core::model::*;

    #[test]
    fn renders_every_section() {
        let inv = Inventory {
            schema_version: SCHEMA_VERSION,
            core_version: "0.1.0".into(),
            target: interop_core::model::TargetFacts::host(),
            types: vec![TypeDef {
                id: "k::Counter".into(),
                name: "Counter".into(),
                rust_name: "Counter".into(),
                module: None,
                docs: vec![],
                size: 0,
                align: 1,
                kind: TypeKind::Opaque,
            }],
            functions: vec![Function {
                name: "get".into(),
                rust_name: "get".into(),
                rust_path: "k::Counter::get".into(),
                symbol: "counter_get".into(),
                module: None,
                owner: Some("k::Counter".into()),
                receiver: Some(Receiver::Ref),
                kind: FunctionKind::Function,
                docs: vec![],
                params: vec![Param {
                    name: "self".into(),
                    ty: TypeRef::pointer(
                        TypeRef::named("k::Counter"),
                        false,
                        PointerKind::Reference,
                    ),
                }],
                returns: TypeRef::primitive(Primitive::U64),
            }],
            constants: vec![Constant {
                name: "HALF".into(),
                rust_name: "HALF".into(),
                rust_path: "k::HALF".into(),
                module: Some("math".into()),
                docs: vec![],
                ty: TypeRef::primitive(Primitive::F32),
                value: ConstValue::F32Bits(0.5f32.to_bits()),
            }],
            library_hash: None,
        };
        let t = render_table(&inv, "k");
        assert!(t.contains("opaque  0     1      Counter"), "{t}");
        assert!(
            t.contains("counter_get  Counter::get(self: &Counter) -> u64"),
            "{t}"
        );
        assert!(t.contains("math::HALF  f32   0.5"), "{t}");
    }
}
