//! The one check between loading the inventory and generating: the inventory against the capability
//! table of every configured backend, plus every backend's own checks ([`Backend::check`]), reported
//! together. When it finds anything, no backend generates and nothing is written.
//!
//! [`Backend::check`]: interop_backends::Backend::check

use anyhow::{Result, anyhow};
use interop_backends::Context;
use interop_backends::common::capability::Capabilities;
use interop_backends::common::diagnostics::{self, Report};

use super::generate::Plan;

/// Everything the configured backends refuse in the context's inventory.
pub fn report(plan: &Plan, ctx: &Context<'_>) -> Report {
    let tables: Vec<Capabilities> = plan.backends().map(|b| b.capabilities()).collect();
    let own = plan
        .backends()
        .flat_map(|b| {
            let inventory = ctx.inventory.for_bindings(b.binds_borrowed_views());
            b.check(&Context {
                inventory: &inventory,
                ..*ctx
            })
        })
        .collect();
    diagnostics::check(ctx.inventory, &tables, own)
}

/// Fail with the whole report when it is not empty.
pub fn check(plan: &Plan, ctx: &Context<'_>) -> Result<()> {
    let report = report(plan, ctx);
    if report.is_empty() {
        return Ok(());
    }
    Err(anyhow!(message(
        &report,
        &plan.pkg.package.name,
        &plan.languages()
    )))
}

/// The error: a headline with the count, every problem, and what to do.
pub fn message(report: &Report, package: &str, languages: &[String]) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let breakdown = if report.unsupported.is_empty() || report.diagnostics.is_empty() {
        String::new()
    } else {
        format!(
            " ({} of a construct a language does not support, {} by the backends' own checks)",
            count(report.unsupported.len(), "use", "uses"),
            count(report.diagnostics.len(), "problem found", "problems found"),
        )
    };
    let help = if report.unsupported.is_empty() {
        "fix every item above (each says how) and run the command again"
    } else {
        "change the items above (each `not supported` line says what to write instead), or remove \
         from Interop.toml the section of the language that refuses them"
    };
    format!(
        "{} in `{package}` for {}{breakdown}; nothing was generated\n\n{}\n\n  = help: {help}",
        count(report.len(), "problem", "problems"),
        languages.join(", "),
        report.render().trim_end(),
    )
}
