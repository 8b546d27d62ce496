//! Services: an incomplete `struct` used through a pointer (`KvStore *`) in every position. A
//! returned one is the caller's (freed once with `<type>_free`); one taken by value is consumed
//! (its handle stays, empty, until it is freed).

use interop_core::abi::ServicePass;

use super::pointer::star;
use super::{Family, Ownership, ParamDoc, Position, TypeError, named};

/// A handle of a service.
pub struct Service {
    pub name: String,
    /// The C name of the service's `_free`.
    pub free: String,
    pub pass: ServicePass,
}

impl<'a> Family<'a> for Service {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(&self.name, false, &star(const_, declarator, false)))
    }

    fn param_doc(&self) -> Option<ParamDoc> {
        Some(ParamDoc::NotNull)
    }

    fn ownership(&self, pos: Position) -> Option<Ownership> {
        match (self.pass, pos) {
            (ServicePass::Owned, Position::Return) => Some(Ownership::Owned(self.free.clone())),
            (ServicePass::Owned, _) => Some(Ownership::Consumed(self.free.clone())),
            _ => None,
        }
    }
}
