//! `__text_signature__` text from a [`Signature`], so `inspect.signature` works on builtins.
//!
//! CPython takes a docstring that starts with `name(params)\n--\n\n` apart into
//! `__text_signature__` and `__doc__`. Defaults are Rust expressions; the ones that are
//! also Python literals are written as such, the rest as `...`.

use crate::args::Signature;

/// `(a, b=1, /, *args, c=0, **kwargs)`.
pub(crate) fn text_signature(sig: &Signature) -> String {
    text_signature_with(sig, None)
}

/// The same with a leading receiver (`$self`, `$type`), which `inspect` drops for bound
/// methods.
pub(crate) fn text_signature_with(sig: &Signature, receiver: Option<&str>) -> String {
    // One string, appended to (no part vector, no `format!` per parameter): this runs once per
    // function at import and is compiled into every extension.
    fn part(out: &mut String, star: &str, text: &str) {
        if out.len() > 1 {
            out.push_str(", ");
        }
        out.push_str(star);
        out.push_str(text);
    }
    let mut out = String::from("(");
    if let Some(r) = receiver {
        part(&mut out, "", r);
    }
    for (i, p) in sig.params.iter().enumerate() {
        if i == sig.positional {
            part(&mut out, "*", sig.varargs.unwrap_or(""));
        }
        part(&mut out, "", p.name);
        if let Some(d) = p.default {
            out.push('=');
            out.push_str(&default_text(d));
        }
        if i + 1 == sig.posonly {
            part(&mut out, "", "/");
        }
    }
    if sig.params.len() <= sig.positional {
        if let Some(name) = sig.varargs {
            part(&mut out, "*", name);
        }
    }
    if let Some(name) = sig.varkw {
        part(&mut out, "**", name);
    }
    out.push(')');
    out
}

/// A default as `__text_signature__` shows it: a Python literal when the Rust expression is
/// one; otherwise `...`, except on 3.7, whose `inspect` silently drops a parameter whose
/// default is not a plain literal: there the Rust source is shown as a string.
fn default_text(expr: &str) -> String {
    let text = python_literal(expr);
    if text == "..." && !crate::runtime::runtime().version.at_least(3, 8) {
        return format!("{:?}", expr.trim()).replace('\'', "\\'");
    }
    text
}

/// A Rust default expression as a Python literal, or `...` when it is not one.
pub(crate) fn python_literal(expr: &str) -> String {
    let e = expr.trim();
    match e {
        "true" => return "True".into(),
        "false" => return "False".into(),
        "None" => return "None".into(),
        "()" => return "None".into(),
        _ => {}
    }
    let (sign, body) = match e.strip_prefix('-') {
        Some(rest) => ("-", rest.trim()),
        None => ("", e),
    };
    const SUFFIXES: [&str; 14] =
        ["i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32", "f64"];
    let mut digits = body;
    for s in SUFFIXES {
        if let Some(d) = body.strip_suffix(s) {
            digits = d.trim_end_matches('_');
            break;
        }
    }
    if !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_' || c == '.')
        && digits.starts_with(|c: char| c.is_ascii_digit())
    {
        let cleaned = digits.replace('_', "");
        if cleaned.matches('.').count() <= 1 {
            let cleaned = if cleaned.ends_with('.') { format!("{cleaned}0") } else { cleaned };
            return format!("{sign}{cleaned}");
        }
    }
    if sign.is_empty()
        && e.len() >= 2
        && e.starts_with('"')
        && e.ends_with('"')
        && !e[1..e.len() - 1].contains(['\\', '"', '\''])
    {
        return format!("'{}'", &e[1..e.len() - 1]);
    }
    "...".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::Param;

    #[test]
    fn literals() {
        assert_eq!(python_literal("1"), "1");
        assert_eq!(python_literal("-3i64"), "-3");
        assert_eq!(python_literal("1_000"), "1000");
        assert_eq!(python_literal("2.5"), "2.5");
        assert_eq!(python_literal("true"), "True");
        assert_eq!(python_literal("None"), "None");
        assert_eq!(python_literal("\"hi\""), "'hi'");
        assert_eq!(python_literal("String::new()"), "...");
        assert_eq!(python_literal("vec![1]"), "...");
    }

    #[test]
    fn signatures() {
        static PARAMS: [Param; 4] = [
            Param { name: "a", default: None },
            Param { name: "b", default: Some("1") },
            Param { name: "c", default: None },
            Param { name: "d", default: Some("false") },
        ];
        let sig = Signature {
            name: "f",
            params: &PARAMS,
            posonly: 1,
            positional: 2,
            varargs: Some("rest"),
            varkw: Some("kw"),
            min_positional: 1,
            kwonly_required: true,
            fast_arity: 0,
            interned: {
                static I: std::sync::OnceLock<Box<[crate::object::Py]>> = std::sync::OnceLock::new();
                &I
            },
        };
        assert_eq!(text_signature(&sig), "(a, /, b=1, *rest, c, d=False, **kw)");
        let sig = Signature { varargs: None, varkw: None, ..sig };
        assert_eq!(text_signature(&sig), "(a, /, b=1, *, c, d=False)");
        let sig = Signature { params: &PARAMS[..2], posonly: 0, ..sig };
        assert_eq!(text_signature(&sig), "(a, b=1)");
        let sig = Signature { varargs: Some("args"), ..sig };
        assert_eq!(text_signature(&sig), "(a, b=1, *args)");
    }
}
