//! The names one scope of a generated file defines, and the one collision message every backend gives.

use std::collections::BTreeMap;

/// A scope's names (a C header's file scope, a C# namespace or class, a Python module), each with
/// what defines it (`type `my_crate::Vec2``, `function `my_crate::area``).
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    /// Where these names live, for messages (`the C header`, `namespace `My.Lib``).
    scope: String,
    names: BTreeMap<String, String>,
}

/// Two items would get the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    pub name: String,
    pub first: String,
    pub second: String,
    pub scope: String,
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} and {} would both be named `{}` in {}; rename one with #[ffi(name = \"…\")]",
            self.second, self.first, self.name, self.scope
        )
    }
}

impl NameTable {
    pub fn new(scope: impl Into<String>) -> Self {
        NameTable {
            scope: scope.into(),
            names: BTreeMap::new(),
        }
    }

    /// Define `name` for `what`; a name defined twice is a [`Collision`].
    pub fn claim(
        &mut self,
        name: impl Into<String>,
        what: impl Into<String>,
    ) -> Result<(), Collision> {
        let name = name.into();
        let what = what.into();
        if let Some(first) = self.names.get(&name) {
            return Err(Collision {
                first: first.clone(),
                second: what,
                scope: self.scope.clone(),
                name,
            });
        }
        self.names.insert(name, what);
        Ok(())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// What defines `name`, if anything.
    pub fn owner(&self, name: &str) -> Option<&str> {
        self.names.get(name).map(String::as_str)
    }

    /// Every defined name, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }
}

/// `name`, or `name` with the first of `_`, `_1`, `_2`, … appended that `taken` does not reject.
pub fn first_free(name: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    let underscored = format!("{name}_");
    if !taken(&underscored) {
        return underscored;
    }
    (1..)
        .map(|i| format!("{name}_{i}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| format!("{name}_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_names_both_items() {
        let mut t = NameTable::new("the C header");
        t.claim("Vec2", "type `a::Vec2`").unwrap();
        let e = t.claim("Vec2", "type `b::Vec2`").unwrap_err();
        assert_eq!(
            e.to_string(),
            "type `b::Vec2` and type `a::Vec2` would both be named `Vec2` in the C header; rename one with #[ffi(name = \"…\")]"
        );
        assert_eq!(first_free("x", |n| n == "x" || n == "x_"), "x_1");
    }
}
