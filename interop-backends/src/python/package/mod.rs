//! The wheel of the package: metadata, platform tag, the zip (streamed into a scratch file).

mod elf;
mod pep440;
mod wheel;

use crate::python::WheelConfig;
use crate::{BackendError, Context, OutputFile};

pub use self::pep440::{requires_python, wheel_version};

/// Check the wheel's metadata (distribution name, version, requires-python, readme) as building the
/// wheel would, without building it.
pub fn check_metadata(cfg: &WheelConfig, pkg: &crate::PackageInfo) -> Result<(), BackendError> {
    wheel::Metadata::from_config(cfg, pkg).map(drop)
}

/// Build the wheel of `generated` and the native library `lib_file`. The wheel goes to a scratch
/// file (copied into place by the writer): the library is streamed into it, never held in memory.
pub fn wheel_file(
    ctx: &Context<'_>,
    config: &WheelConfig,
    generated: &[OutputFile],
    lib_file: &OutputFile,
) -> Result<OutputFile, BackendError> {
    let mut contents: Vec<&OutputFile> = generated.iter().collect();
    contents.push(lib_file);
    let meta = wheel::Metadata::from_config(config, ctx.package)?;
    let tag = wheel::platform_tag_of_file(ctx.target, ctx.native_library)?;
    let dir = ctx.scratch_dir.join("python-wheel");
    std::fs::create_dir_all(&dir)?;
    let archive = dir.join("wheel.tmp");
    let file = std::fs::File::create(&archive)
        .map_err(|e| BackendError::Other(format!("cannot create `{}`: {e}", archive.display())))?;
    let (name, mut file) = wheel::build(&meta, &tag, &contents, std::io::BufWriter::new(file))?;
    std::io::Write::flush(&mut file)?;
    drop(file);
    let named = dir.join(&name);
    std::fs::rename(&archive, &named)?;
    Ok(OutputFile::copy_of(name, named))
}
