//! csharp tests (to be written).
