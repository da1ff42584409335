//! Error messages made of Rust text and Python objects, and the context conversions add
//! (`f() argument 'x': `, `item 3: `).

use super::*;

/// A piece of an error message built by [`error_with_message`]: Rust text, or a Python
/// object shown by `str()` (a `str` shows as itself, lone surrogates included, as CPython's
/// `%U` shows it; a Rust `String` cannot hold them).
pub(crate) enum Piece<'a, 'py> {
    Text(&'a str),
    Str(&'a Bound<'py, PyAny>),
}

/// An exception of type `ty` whose message is `pieces` joined, made as a Python `str`; the
/// error raised while making it if that fails (`MemoryError`, a failing `__str__`).
#[cold]
pub(crate) fn error_with_message<'py>(py: Python<'py>, ty: &Bound<'py, PyAny>, pieces: &[Piece<'_, 'py>]) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let mut parts = Vec::with_capacity(pieces.len());
        for piece in pieces {
            parts.push(match piece {
                Piece::Text(text) => PyString::new(py, text)?.into_any(),
                Piece::Str(obj) => obj.str()?.into_any(),
            });
        }
        let msg = PyString::new(py, "")?.call_method1("join", (crate::types::PyTuple::new(py, parts)?,))?;
        Ok(PyErr::from_value(ty.call1((msg,))?))
    };
    make().unwrap_or_else(|e| e)
}

/// A conversion error with `context` before its message (`f() argument 'x': `, `item 3: `),
/// the original as `__cause__`, when its type is exactly `TypeError`, `ValueError` or
/// `OverflowError` (the types conversions raise; their constructors take one message).
/// Any other error (`MemoryError`, `RecursionError`, a subclass, `KeyboardInterrupt`)
/// passes unchanged.
#[cold]
pub(crate) fn with_context<'py>(py: Python<'py>, err: PyErr, context: &[Piece<'_, 'py>]) -> PyErr {
    with_context_if(py, err, context, true)
}

/// [`with_context`], for `TypeError`s only when `type_errors` (an item's `TypeError`s keep
/// their own wording: `item 0 must be str, not int`).
#[cold]
pub(crate) fn with_context_if<'py>(
    py: Python<'py>,
    mut err: PyErr,
    context: &[Piece<'_, 'py>],
    type_errors: bool,
) -> PyErr {
    let ty = err.get_type(py);
    let known = [
        exceptions::PyValueError::type_object(py),
        exceptions::PyOverflowError::type_object(py),
        exceptions::PyTypeError::type_object(py),
    ];
    let known = if type_errors { &known[..] } else { &known[..2] };
    if !known.iter().any(|k| ty.is(k)) {
        return err;
    }
    let msg = err.value(py);
    let mut pieces: Vec<Piece<'_, 'py>> = Vec::with_capacity(context.len() + 1);
    pieces.extend(context.iter().map(|p| match p {
        Piece::Text(t) => Piece::Text(t),
        Piece::Str(o) => Piece::Str(o),
    }));
    pieces.push(Piece::Str(&msg));
    let mut new = error_with_message(py, &ty, &pieces);
    if !new.get_type(py).is(&ty) {
        return err; // the new message could not be made: the original stands
    }
    new.set_cause(py, Some(err));
    new
}
