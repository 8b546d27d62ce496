//! Parsing items without parsing their bodies.
//!
//! A proc macro runs unoptimized in debug builds, and every token it walks or creates crosses into
//! the compiler: `#[ffi]` parses only a function's head (attributes and signature) and hands the body
//! back untouched, as the very tokens it received.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Attribute, ForeignItemFn, Result, Signature, Visibility};

/// A function split at its body. `head` holds everything before it, parsed.
pub struct FnHead {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: Signature,
}

/// The trees of `tokens` at the top level (groups are not entered).
pub fn trees(tokens: TokenStream) -> Vec<TokenTree> {
    tokens.into_iter().collect()
}

fn is_brace(tree: &TokenTree) -> bool {
    matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
}

/// Parse a function given as its top-level trees: the trailing `{ … }` is its body, the rest is
/// parsed as a declaration (`… fn f(…) -> R;`).
pub fn fn_head(trees: &[TokenTree]) -> Result<FnHead> {
    let head = match trees.split_last() {
        Some((last, head)) if is_brace(last) => head,
        _ => trees,
    };
    let mut tokens: TokenStream = head.iter().cloned().collect();
    syn::token::Semi::default().to_tokens(&mut tokens);
    let decl: ForeignItemFn = syn::parse2(tokens)?;
    Ok(FnHead {
        attrs: decl.attrs,
        vis: decl.vis,
        sig: decl.sig,
    })
}

/// An `impl` block split at its body: the header parsed (with an empty body), the body as items,
/// each item as its top-level trees.
pub struct ImplParts {
    pub header: syn::ItemImpl,
    /// The trees before the body, to rebuild the block.
    pub head: Vec<TokenTree>,
    /// The body's delimiter span.
    pub body: Group,
    pub items: Vec<Vec<TokenTree>>,
}

pub fn impl_parts(trees: Vec<TokenTree>) -> Result<ImplParts> {
    let mut head = trees;
    let body = match head.pop() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g,
        other => {
            let tokens: TokenStream = head.iter().cloned().chain(other).collect();
            // Not an impl with a body: let syn report what is wrong with it.
            let _: syn::ItemImpl = syn::parse2(tokens.clone())?;
            return Err(syn::Error::new_spanned(
                tokens,
                "expected an impl block with a body",
            ));
        }
    };
    let mut header_tokens: TokenStream = head.iter().cloned().collect();
    header_tokens.extend([TokenTree::Group(Group::new(
        Delimiter::Brace,
        TokenStream::new(),
    ))]);
    let header: syn::ItemImpl = syn::parse2(header_tokens)?;
    let items = split_items(body.stream());
    Ok(ImplParts {
        header,
        head,
        body,
        items,
    })
}

/// The items of an impl body, each as its top-level trees. An item ends at a top-level `;`, or at
/// a top-level `{ … }` unless it has an `=` before it (`const X: T = { … };`).
fn split_items(body: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    let mut assigned = false;
    for tree in body {
        let ends = match &tree {
            TokenTree::Punct(p) if p.as_char() == ';' => true,
            TokenTree::Punct(p) if p.as_char() == '=' => {
                assigned = true;
                false
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => !assigned,
            _ => false,
        };
        current.push(tree);
        if ends {
            items.push(std::mem::take(&mut current));
            assigned = false;
        }
    }
    if !current.is_empty() {
        items.push(current);
    }
    items
}

/// Whether an item's trees declare a function (a top-level `fn` before any body).
pub fn is_fn(trees: &[TokenTree]) -> bool {
    trees
        .iter()
        .take_while(|t| !is_brace(t))
        .any(|t| matches!(t, TokenTree::Ident(i) if i == "fn"))
}

/// The trees of an item without its `#[ffi …]` attributes.
pub fn without_ffi_attrs(trees: &[TokenTree]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < trees.len() {
        if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&trees[i], trees.get(i + 1))
            && p.as_char() == '#'
            && g.delimiter() == Delimiter::Bracket
            && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(id)) if id == "ffi")
        {
            i += 2;
            continue;
        }
        out.extend([trees[i].clone()]);
        i += 1;
    }
    out
}
