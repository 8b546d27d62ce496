//! The pkg-config file (`lib/pkgconfig/<lib_name>.pc`), relocatable: `prefix=${pcfiledir}/../..`.

use askama::Template;

use super::literals::pkg_config_value;
use crate::{BackendError, PackageInfo};

#[derive(Template)]
#[template(path = "c/package/pkgconfig.pc", escape = "none")]
struct PkgConfigTemplate {
    name: String,
    description: String,
    version: String,
    url: Option<String>,
    lib_name: String,
}

/// The `.pc` file of `package`.
pub fn render_pkg_config(package: &PackageInfo) -> Result<String, BackendError> {
    let description = package
        .description
        .clone()
        .unwrap_or_else(|| format!("C bindings for the {} library", package.name));
    let url = package.homepage.as_ref().or(package.repository.as_ref());
    Ok(PkgConfigTemplate {
        name: pkg_config_value(&package.name),
        description: pkg_config_value(&description),
        version: pkg_config_value(&package.version),
        url: url.map(|u| pkg_config_value(u)),
        lib_name: pkg_config_value(&package.lib_name),
    }
    .render()?)
}
