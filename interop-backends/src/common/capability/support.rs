//! Where a construct can appear ([`Position`]), and what a backend declares it does with it there
//! ([`Support`], [`Capabilities`]).

use super::Construct;

impl Construct {
    /// The positions the construct can occupy at all (Rust or the C ABI rule out the others; `#[ffi]`
    /// rejects them at compile time).
    pub fn positions(self) -> &'static [Position] {
        use Position::*;
        match self {
            Construct::Number | Construct::Bool => {
                &[Param, Return, Field, Pointee, Constant, Element]
            }
            Construct::Ordering => &[Param, Return, Field, Element],
            Construct::Unit => &[Return],
            Construct::CLikeEnum => &[Param, Return, Field, Pointee, Constant, Element],
            Construct::Record | Construct::PackedRecord | Construct::TransparentRecord => {
                &[Param, Return, Field, Pointee, Element]
            }
            Construct::FixedArray => &[Field, Pointee, Element],
            Construct::Reference => &[Param, Field, Element],
            Construct::NullableReference
            | Construct::RawPointer
            | Construct::VoidPointer
            | Construct::OpaqueHandle => &[Param, Return, Field, Pointee, Element],
            Construct::Function | Construct::Method | Construct::Constant | Construct::Module => {
                &[Item]
            }
            Construct::Str | Construct::Slice => &[Param, Return, Field, Element],
            Construct::SliceMut => &[Param],
            Construct::String
            | Construct::CStr
            | Construct::Vec
            | Construct::OwningRecord
            | Construct::BorrowingRecord => &[Param, Return, Field, Element],
            Construct::DataEnum => &[Param, Return, Field, Pointee, Element],
            Construct::Option => &[Param, Return, Field, Element],
            Construct::Result => &[Return],
            Construct::Service => &[Param, Return],
            Construct::BorrowedClosure => &[Param],
            Construct::KeptClosure => &[Param, Field],
            Construct::ReturnedClosure => &[Return],
            Construct::FnPointer => &[Param, Return],
            Construct::CallbackType => &[Item],
            Construct::ClosureBorrowedArgs => &[Param],
            Construct::Tuple => &[Param, Return, Field, Element],
            Construct::GenericRecord => &[Param, Return, Field, Pointee, Element],
            Construct::ClosureResult => &[Param],
            Construct::ClosureRecord => &[Param, Return, Field, Element],
        }
    }
}

/// Where a type appears.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Position {
    /// A function parameter (the receiver included).
    Param,
    /// A function's return type.
    Return,
    /// A struct field (or an array element inside one).
    Field,
    /// The target of a pointer or reference.
    Pointee,
    /// The type of a constant.
    Constant,
    /// An item itself (a function, a method, a constant, a module).
    Item,
    /// An element of a slice or vector (`&[T]`, `Vec<T>`).
    Element,
}

impl Position {
    pub const ALL: &'static [Position] = &[
        Position::Param,
        Position::Return,
        Position::Field,
        Position::Pointee,
        Position::Constant,
        Position::Item,
        Position::Element,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Position::Param => "parameter",
            Position::Return => "return",
            Position::Field => "field",
            Position::Pointee => "pointee",
            Position::Constant => "constant",
            Position::Item => "item",
            Position::Element => "element",
        }
    }
}

/// What a backend does with a construct in a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Yes,
    /// Supported with a limitation (the text says which).
    Partial(&'static str),
    /// Not supported (the text says why, and what to write instead).
    No(&'static str),
}

/// A backend's declared support: a function from construct and position to [`Support`], and what
/// each construct becomes in the language (the feature table's cell).
/// Combinations a construct cannot occupy ([`Construct::positions`]) are never asked.
#[derive(Clone, Copy)]
pub struct Capabilities {
    /// The language, as the feature table's column and diagnostics name it.
    pub language: &'static str,
    pub support: fn(Construct, Position) -> Support,
    /// What the construct becomes in the language (markdown, one line).
    pub spelling: fn(Construct) -> &'static str,
}

impl Capabilities {
    pub fn support(&self, construct: Construct, position: Position) -> Support {
        (self.support)(construct, position)
    }
}

impl std::fmt::Debug for Capabilities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Capabilities")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}
