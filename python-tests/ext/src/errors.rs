//! Errors: user exceptions, panics, `?` on Rust errors.

use limpet::prelude::*;

limpet::create_exception!(limptest, MyError, PyValueError, "A test error, a ValueError subclass.");
limpet::create_exception!(limptest, MyChildError, MyError);

limpet::function! {
    /// Raise `MyError(msg)`.
    pub fn raise_my_error(msg: String) -> PyResult<()> { Err(MyError::new_err(msg)) }

    /// Raise `MyChildError(msg)`.
    pub fn raise_my_child(msg: String) -> PyResult<()> { Err(MyChildError::new_err(msg)) }

    /// Raise a builtin exception chosen by name.
    pub fn raise_builtin(kind: &str, msg: String) -> PyResult<()> {
        Err(match kind {
            "TypeError" => PyTypeError::new_err(msg),
            "KeyError" => PyKeyError::new_err(msg),
            "RuntimeError" => PyRuntimeError::new_err(msg),
            "ZeroDivisionError" => PyZeroDivisionError::new_err(msg),
            "FileNotFoundError" => PyFileNotFoundError::new_err(msg),
            "StopIteration" => PyStopIteration::new_err(msg),
            _ => PyValueError::new_err(format!("unknown kind {kind}")),
        })
    }

    /// `str::parse` with `?` on a `Result<_, ParseIntError>` (ValueError).
    pub fn parse_int(s: &str) -> PyResult<i64> { Ok(s.parse::<i64>()?) }

    /// A bare `Result<T, ParseFloatError>` return (ValueError).
    pub fn parse_float(s: &str) -> Result<f64, std::num::ParseFloatError> { s.parse() }

    /// `u8::try_from(..)?` (OverflowError).
    pub fn to_u8(x: i64) -> PyResult<u8> { Ok(u8::try_from(x)?) }

    /// `std::fs::read_to_string(..)?` (an OSError subclass).
    pub fn read_file(path: &str) -> PyResult<String> { Ok(std::fs::read_to_string(path)?) }

    /// An `io::Error` of a given kind, converted with `?`.
    pub fn io_error(kind: &str) -> PyResult<()> {
        use std::io::ErrorKind as K;
        let k = match kind {
            "NotFound" => K::NotFound,
            "PermissionDenied" => K::PermissionDenied,
            "AlreadyExists" => K::AlreadyExists,
            "TimedOut" => K::TimedOut,
            "BrokenPipe" => K::BrokenPipe,
            "ConnectionRefused" => K::ConnectionRefused,
            "WouldBlock" => K::WouldBlock,
            "InvalidData" => K::InvalidData,
            _ => K::Other,
        };
        Err(std::io::Error::new(k, format!("io {kind}")))?
    }

    /// Panic with `msg`.
    pub fn panics(msg: &str) -> i64 { panic!("{}", msg) }

    /// Panic with a non-string payload.
    pub fn panics_any() -> i64 { std::panic::panic_any(42_i32) }

    /// Panic inside a default expression.
    pub fn panics_in_default(x: i64 = panic!("default evaluated")) -> i64 { x }
}
