//! `?` on Rust errors: `From` conversions of std error types into Python exceptions.
//!
//! Inline: each is compiled in the crates whose `?` uses it, not in every build of limpet.

use super::*;

macro_rules! rust_error_into {
    ($($err:ty => $exc:ident;)*) => {$(
        impl From<$err> for PyErr {
            #[inline]
            fn from(err: $err) -> PyErr {
                exceptions::$exc::new_err(err.to_string())
            }
        }
    )*};
}

rust_error_into! {
    std::num::ParseIntError => PyValueError;
    std::num::ParseFloatError => PyValueError;
    std::num::TryFromIntError => PyOverflowError;
    std::str::ParseBoolError => PyValueError;
    std::char::ParseCharError => PyValueError;
    std::char::CharTryFromError => PyValueError;
    std::string::FromUtf8Error => PyValueError;
    std::str::Utf8Error => PyValueError;
    std::fmt::Error => PyRuntimeError;
    std::ffi::NulError => PyValueError;
    std::array::TryFromSliceError => PyValueError;
}

impl From<std::io::Error> for PyErr {
    /// An OS error with an errno becomes `OSError(errno, strerror)` (CPython then picks the
    /// subclass, as `open()` does: `IsADirectoryError`, ...); other kinds map by kind.
    #[inline]
    fn from(err: std::io::Error) -> PyErr {
        use std::io::ErrorKind as K;
        if let Some(errno) = err.raw_os_error() {
            let text = std::io::Error::from_raw_os_error(errno).to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            return PyErr::from_state(State::Lazy {
                ty: TypeRef::Getter(exceptions::PyOSError::type_object),
                msg: Message::Errno(errno, text),
            });
        }
        let msg = err.to_string();
        match err.kind() {
            K::NotFound => exceptions::PyFileNotFoundError::new_err(msg),
            K::PermissionDenied => exceptions::PyPermissionError::new_err(msg),
            K::AlreadyExists => exceptions::PyFileExistsError::new_err(msg),
            K::TimedOut => exceptions::PyTimeoutError::new_err(msg),
            K::Interrupted => exceptions::PyInterruptedError::new_err(msg),
            K::BrokenPipe => exceptions::PyBrokenPipeError::new_err(msg),
            K::ConnectionRefused => exceptions::PyConnectionRefusedError::new_err(msg),
            K::ConnectionReset => exceptions::PyConnectionResetError::new_err(msg),
            K::ConnectionAborted => exceptions::PyConnectionAbortedError::new_err(msg),
            K::WouldBlock => exceptions::PyBlockingIOError::new_err(msg),
            K::InvalidInput | K::InvalidData => exceptions::PyValueError::new_err(msg),
            K::OutOfMemory => exceptions::PyMemoryError::new_err(msg),
            _ => exceptions::PyOSError::new_err(msg),
        }
    }
}
