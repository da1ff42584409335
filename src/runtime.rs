//! What the running interpreter is and can do, decided once at import time.
//!
//! The `.so` is built against the 3.7 Limited API; the interpreter that loads it is only known
//! when `PyInit_*` runs. [`Runtime`] parses `Py_GetVersion()` once, resolves the functions
//! added to the Stable ABI after 3.7 (with `dlsym`, only when the version says they are part
//! of the Stable ABI there) and picks the calling convention. Every later decision reads it.

use std::ffi::{c_char, CStr};
use std::sync::OnceLock;

use abi3_sys as ffi;

/// A CPython version, as `(major, minor, patch)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Major version (3).
    pub major: u8,
    /// Minor version (7 ..).
    pub minor: u8,
    /// Micro (patch) version.
    pub patch: u8,
}

impl Version {
    /// True when this version is at least `major.minor`.
    pub fn at_least(self, major: u8, minor: u8) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    /// Parse the leading `major.minor[.micro]` of a version string such as
    /// `"3.14.0rc1 (main, ...)"`; stops at the first character that is not a digit or dot.
    pub fn parse(text: &str) -> Option<Version> {
        let head = text.split(|c: char| !c.is_ascii_digit() && c != '.').next()?;
        let mut parts = head.split('.').filter(|p| !p.is_empty()).map(str::parse::<u8>);
        let major = parts.next()?.ok()?;
        let minor = parts.next()?.ok()?;
        let patch = parts.next().and_then(Result::ok).unwrap_or(0);
        Some(Version { major, minor, patch })
    }
}

/// How functions and methods are registered with the interpreter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallConv {
    /// `METH_FASTCALL | METH_KEYWORDS`: arguments as a C array plus a tuple of keyword names.
    FastCall,
    /// `METH_VARARGS | METH_KEYWORDS`: arguments as a tuple plus a dict, the classic path.
    Tuple,
}

/// Functions added to the Stable ABI after 3.7, resolved when the running version has them.
#[derive(Default)]
pub struct OptionalApi {
    /// `PyUnicode_AsUTF8AndSize` (Stable ABI 3.10): zero-copy UTF-8 view of a `str`.
    pub unicode_as_utf8_and_size: Option<ffi::dynamic::PyUnicode_AsUTF8AndSize>,
    /// `PyObject_Vectorcall` (Stable ABI 3.12).
    pub vectorcall: Option<ffi::dynamic::PyObject_Vectorcall>,
    /// `PyInterpreterState_Get` (Stable ABI 3.9): which interpreter is running.
    pub interpreter_get: Option<ffi::dynamic::PyInterpreterState_Get>,
    /// `PyBuffer_FillInfo` (Stable ABI 3.11): exporting buffers.
    pub buffer_fill_info: Option<ffi::dynamic::PyBuffer_FillInfo>,
}

/// The facts about the running interpreter, computed once.
pub struct Runtime {
    /// The interpreter's version.
    pub version: Version,
    /// True on a free-threaded build (which cannot run a GIL abi3 module).
    pub free_threaded: bool,
    /// The calling convention chosen for this process.
    pub callconv: CallConv,
    /// Optional functions resolved for this interpreter.
    pub api: OptionalApi,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The environment variable that selects the calling convention: `varargs` forces the
/// `METH_VARARGS | METH_KEYWORDS` path (kept working and tested), anything else the default.
pub const CALLCONV_ENV: &str = "LIMPET_CALLCONV";

/// The running interpreter's facts; computed on first use (normally inside `PyInit_*`).
pub fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(detect)
}

/// `Py_GetVersion()` as text.
pub fn version_string() -> &'static str {
    // SAFETY: Py_GetVersion returns a pointer to a static NUL-terminated string; it needs
    // no GIL and is valid for the life of the process.
    let raw: *const c_char = unsafe { ffi::Py_GetVersion() };
    // SAFETY: see above: non-null, NUL-terminated, static.
    unsafe { CStr::from_ptr(raw) }.to_str().unwrap_or("")
}

fn detect() -> Runtime {
    let text = version_string();
    let version = Version::parse(text).unwrap_or(Version { major: 3, minor: 7, patch: 0 });
    let callconv = match std::env::var(CALLCONV_ENV).as_deref() {
        Ok("varargs") | Ok("tuple") => CallConv::Tuple,
        _ => CallConv::FastCall,
    };
    // Each optional function is resolved only where the running version has it in its Stable
    // ABI (the version that added it comes from abi3-sys/src/dynamic.rs).
    use ffi::dynamic as d;
    let has = |(major, minor): (u8, u8)| version.at_least(major, minor);
    let mut api = OptionalApi::default();
    if has(d::PyUnicode_AsUTF8AndSize_ADDED) {
        // SAFETY: gated by the version that added it to the Stable ABI; the type alias is
        // its C signature.
        api.unicode_as_utf8_and_size = unsafe { resolve(d::PyUnicode_AsUTF8AndSize_NAME) };
    }
    if has(d::PyObject_Vectorcall_ADDED) {
        // SAFETY: as above.
        api.vectorcall = unsafe { resolve(d::PyObject_Vectorcall_NAME) };
    }
    if has(d::PyInterpreterState_Get_ADDED) {
        // SAFETY: as above.
        api.interpreter_get = unsafe { resolve(d::PyInterpreterState_Get_NAME) };
    }
    if has(d::PyBuffer_FillInfo_ADDED) {
        // SAFETY: as above.
        api.buffer_fill_info = unsafe { resolve(d::PyBuffer_FillInfo_NAME) };
    }
    Runtime { version, free_threaded: is_free_threaded(text), callconv, api }
}

/// True when the version text names a free-threaded build (3.13t and later say so).
pub fn is_free_threaded(version_text: &str) -> bool {
    version_text.contains("free-threading")
}

/// Look a symbol up in the process (the interpreter exports it).
///
/// # Safety
/// `F` must be the function-pointer type of the symbol `name`, and the caller must have
/// checked that the running version has the symbol in its Stable ABI.
unsafe fn resolve<F: Copy>(name: &CStr) -> Option<F> {
    const { assert!(std::mem::size_of::<F>() == std::mem::size_of::<*mut libc::c_void>()) };
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name is always sound to call.
    let ptr = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
    if ptr.is_null() {
        None
    } else {
        // SAFETY: F is a function pointer of the symbol's type (caller's contract), and
        // function pointers have the size of a data pointer on every supported platform.
        Some(unsafe { std::mem::transmute_copy::<*mut libc::c_void, F>(&ptr) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        let v = |s| Version::parse(s).unwrap();
        assert_eq!(v("3.7.16 (default, ...)"), Version { major: 3, minor: 7, patch: 16 });
        assert_eq!(v("3.14.0rc1 (main)"), Version { major: 3, minor: 14, patch: 0 });
        assert_eq!(v("3.15.0a2+ (heads/main)"), Version { major: 3, minor: 15, patch: 0 });
        assert_eq!(v("3.13.0 experimental free-threading build"), Version { major: 3, minor: 13, patch: 0 });
        assert!(Version::parse("garbage").is_none());
        assert!(v("3.10.1").at_least(3, 10) && !v("3.9.18").at_least(3, 10));
    }

    #[test]
    fn detects_free_threading() {
        assert!(is_free_threaded("3.13.0 experimental free-threading build (main, Oct 2024)"));
        assert!(!is_free_threaded("3.13.0 (main, Oct  7 2024, 05:02:14) [GCC 12.2.0]"));
    }
}
