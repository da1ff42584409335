//! Which dunders are what: data read by `const`s in `class!` expansions (instead of a table
//! of macro arms per name).

/// Binary, reflected and in-place numeric dunders and the rich comparisons: an operand that
/// does not convert gives `NotImplemented` (see `class::richcmp_unconverted`).
const OPERANDS: &[&str] = &[
    "add",
    "radd",
    "iadd",
    "sub",
    "rsub",
    "isub",
    "mul",
    "rmul",
    "imul",
    "matmul",
    "rmatmul",
    "imatmul",
    "truediv",
    "rtruediv",
    "itruediv",
    "floordiv",
    "rfloordiv",
    "ifloordiv",
    "mod",
    "rmod",
    "imod",
    "divmod",
    "rdivmod",
    "pow",
    "rpow",
    "ipow",
    "lshift",
    "rlshift",
    "ilshift",
    "rshift",
    "rrshift",
    "irshift",
    "and",
    "rand",
    "iand",
    "xor",
    "rxor",
    "ixor",
    "or",
    "ror",
    "ior",
    "lt",
    "le",
    "eq",
    "ne",
    "gt",
    "ge",
];

/// Dunders Python calls for a value (slots, iteration, GC, buffers): they cannot be `async`.
const VALUES: &[&str] = &[
    "new", "init", "len", "hash", "bool", "repr", "str", "contains", "iter", "next", "aiter", "await", "richcmp",
    "traverse", "clear", "buffer",
];

/// Whether `name` is a dunder whose operand gives `NotImplemented` when it does not convert.
#[doc(hidden)]
pub const fn is_operand(name: &str) -> bool {
    listed(name, OPERANDS)
}

/// Whether `name` is a dunder that cannot be an `async fn`.
#[doc(hidden)]
pub const fn is_value(name: &str) -> bool {
    listed(name, VALUES)
}

/// `name` is `__x__` for an `x` in `list`.
const fn listed(name: &str, list: &[&str]) -> bool {
    let n = name.as_bytes();
    if n.len() < 5 || n[0] != b'_' || n[1] != b'_' || n[n.len() - 1] != b'_' || n[n.len() - 2] != b'_' {
        return false;
    }
    let mut i = 0;
    while i < list.len() {
        let x = list[i].as_bytes();
        if x.len() + 4 == n.len() {
            let mut j = 0;
            while j < x.len() && x[j] == n[j + 2] {
                j += 1;
            }
            if j == x.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn classify() {
        assert!(is_operand("__add__") && is_operand("__ge__") && is_operand("__ior__"));
        assert!(!is_operand("__len__") && !is_operand("add") && !is_operand("__add_") && !is_operand("____"));
        assert!(is_value("__len__") && is_value("__buffer__") && !is_value("__anext__") && !is_value("len"));
    }
}
