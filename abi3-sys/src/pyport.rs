//! `Include/pyport.h` and `Include/pytypedefs.h`: the C integer types the API is written in.
//! Provenance: CPython 3.7 `Include/pyport.h`; C-API docs: <https://docs.python.org/3/c-api/intro.html#useful-macros>.

/// `Py_ssize_t`: a signed integer the size of `size_t`.
pub type Py_ssize_t = isize;
/// `Py_hash_t`: the result of `hash()`, same width as `Py_ssize_t`.
pub type Py_hash_t = Py_ssize_t;
/// `Py_uhash_t`.
pub type Py_uhash_t = usize;
/// `Py_UCS4`: one Unicode code point.
pub type Py_UCS4 = u32;
/// `Py_intptr_t`.
pub type Py_intptr_t = isize;
/// `Py_uintptr_t`.
pub type Py_uintptr_t = usize;

/// `PY_SSIZE_T_MAX`.
pub const PY_SSIZE_T_MAX: Py_ssize_t = isize::MAX;
/// `PY_SSIZE_T_MIN`.
pub const PY_SSIZE_T_MIN: Py_ssize_t = isize::MIN;
