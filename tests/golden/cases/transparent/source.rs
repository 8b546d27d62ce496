//! `#[ffi(transparent)]` structs: one-field structs with the ABI of the field.
use interop_core::ffi;

/// A length in meters.
#[ffi(transparent)]
#[derive(Clone, Copy)]
pub struct Meters(pub f64);

/// An id with a named field.
#[ffi(transparent)]
#[derive(Clone, Copy)]
pub struct UserId {
    pub raw: u64,
}

/// A route: transparent types as fields.
#[ffi]
#[derive(Clone, Copy)]
pub struct Route {
    pub owner: UserId,
    pub length: Meters,
}

/// Adds two lengths.
#[ffi]
pub fn meters_add(a: Meters, b: Meters) -> Meters {
    Meters(a.0 + b.0)
}

/// Doubles a length in place.
#[ffi]
pub fn meters_double(m: &mut Meters) {
    m.0 *= 2.0;
}

/// The owner of a route.
#[ffi]
pub fn route_owner(r: Route) -> UserId {
    r.owner
}
