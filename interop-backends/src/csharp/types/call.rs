//! One call from the public layer into the raw layer: the `[DllImport]` signature and the merged
//! conversions of the return value and every argument.
//!
//! Usually each argument is one raw parameter. On x86-64 System V, when an argument is a struct with
//! misaligned fields (a packed struct), the C ABI passes it on the stack while Mono passes it in
//! registers (.NET 8 gets it right). The call then passes every argument the C ABI puts on the stack
//! itself: the bytes go into one `StackArgs<N>` block, at the offsets the C ABI gives them
//! ([`crate::common::sysv::frame`]), and the block is the import's last parameter. A block is larger
//! than 16 bytes, so every runtime passes it in memory, at the start of the stack argument area: the
//! callee finds each argument where it expects it, and the arguments in registers stay in registers.

use interop_core::model::TypeRef;

use super::{Conversion, Cx, ReturnSpec};
use crate::common::sysv::{self, Place};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;

/// The name of the hidden pointer through which the C ABI returns a value in memory.
pub const HIDDEN_RETURN: &str = "__return";
/// The name of the stack block parameter.
pub const STACK_BLOCK: &str = "__stack";

/// One argument: its model type, its raw parameter (type and name in the import) and its conversion
/// (with exactly one raw argument).
pub struct Arg<'a> {
    pub ty: &'a TypeRef,
    pub raw: String,
    pub raw_name: String,
    pub conv: Conversion,
}

/// The lowered call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The import's return type.
    pub raw_return: String,
    /// The import's parameters (`byte tag`, `Packed* __return`).
    pub raw_params: Vec<String>,
    /// Everything the public method does around the call, the return value's part first.
    pub conv: Conversion,
    /// The size, in 8-byte slots, of the stack block the call passes (`StackArgs<N>`), if any.
    pub stack_slots: Option<u64>,
}

/// The name of the stack block type of `slots` 8-byte slots (declared in the raw layer class).
pub fn stack_block_type(slots: u64) -> String {
    format!("StackArgs{slots}")
}

/// Lower a call returning `returns` (converted by `ret`) with `args`.
pub fn lower(
    cx: &Cx,
    returns: &TypeRef,
    ret: &ReturnSpec,
    args: Vec<Arg>,
    locals: &mut Locals,
) -> Result<Call, Problem> {
    let mut call = Call {
        raw_return: ret.raw.clone(),
        raw_params: Vec::new(),
        conv: ret.conv.clone(),
        stack_slots: None,
    };
    if let Some(hidden) = &ret.hidden {
        call.raw_params.push(format!("{hidden} {HIDDEN_RETURN}"));
    }
    let abi = |e: interop_core::abi::classify::ShapeError| Problem::new(e.to_string());
    let mut needs_block = false;
    if cx.sysv_x64 {
        for a in &args {
            needs_block |= cx.inv.has_misaligned_fields(a.ty).map_err(abi)?;
        }
    }
    if !needs_block {
        for a in args {
            call.raw_params.push(format!("{} {}", a.raw, a.raw_name));
            call.conv.extend(a.conv);
        }
        return Ok(call);
    }
    let types: Vec<&TypeRef> = args.iter().map(|a| a.ty).collect();
    let frame = sysv::frame(cx.inv, returns, &types).map_err(abi)?;
    // Larger than 16 bytes: passed in memory by every runtime (trailing slots are never read).
    let slots = (frame.stack_size / 8).max(3);
    let block = format!("{}.{}", cx.s.native_class, stack_block_type(slots));
    let local = locals.fresh("stack");
    call.conv
        .setup
        .push(format!("{block} {local} = default({block});"));
    for (a, place) in args.into_iter().zip(frame.places) {
        let Conversion {
            decls,
            setup,
            fixed,
            pinned,
            args: raw_args,
            after,
            cleanup,
            helpers,
        } = a.conv;
        call.conv.helpers.extend(helpers);
        call.conv.decls.extend(decls);
        call.conv.setup.extend(setup);
        call.conv.fixed.extend(fixed);
        call.conv.pinned.extend(pinned);
        call.conv.after.extend(after);
        call.conv.cleanup.extend(cleanup);
        match place {
            Place::Registers => {
                call.raw_params.push(format!("{} {}", a.raw, a.raw_name));
                call.conv.args.extend(raw_args);
            }
            Place::Stack { offset, .. } => {
                for arg in raw_args {
                    call.conv.pinned.push(format!(
                        "*({}*)((byte*)&{local} + {offset}) = {arg};",
                        a.raw
                    ));
                }
            }
        }
    }
    call.raw_params
        .push(format!("{} {STACK_BLOCK}", stack_block_type(slots)));
    call.conv.args.push(local);
    call.stack_slots = Some(slots);
    Ok(call)
}
