//! What the running interpreter is and can do, decided once at import time.
//!
//! The `.so` is built against the 3.7 Limited API; the interpreter that loads it is only known
//! when `PyInit_*` runs. [`Runtime`] parses `Py_GetVersion()` once, resolves the functions
//! added to the Stable ABI after 3.7 (with `dlsym`, only when the version says they are part
//! of the Stable ABI there) and picks the calling convention. Every later decision reads it.
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::runtime::{runtime, CallConv};
//! let rt = runtime();
//! assert_eq!(rt.version, py.version());
//! assert!(rt.version.at_least(3, 7));
//! assert!(matches!(rt.callconv, CallConv::FastCall | CallConv::Tuple));
//! # Ok(()) });
//! ```

use std::ffi::{c_char, CStr};
use std::sync::OnceLock;

use abi3_sys as ffi;

/// A CPython version, as `(major, minor, patch)`; versions compare in that order.
///
/// ```
/// use limpet::runtime::Version;
/// let v = Version { major: 3, minor: 12, patch: 1 };
/// assert!(v > Version { major: 3, minor: 9, patch: 18 });
/// assert_eq!(format!("{}.{}", v.major, v.minor), "3.12");
/// ```
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
    ///
    /// ```
    /// use limpet::runtime::Version;
    /// let v = Version { major: 3, minor: 10, patch: 0 };
    /// assert!(v.at_least(3, 9) && v.at_least(3, 10) && !v.at_least(3, 11));
    /// ```
    pub fn at_least(self, major: u8, minor: u8) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    /// Parse the leading `major.minor[.micro]` of a version string such as
    /// `"3.14.0rc1 (main, ...)"`; stops at the first character that is not a digit or dot.
    ///
    /// ```
    /// use limpet::runtime::Version;
    /// assert_eq!(Version::parse("3.14.0rc1 (main)"), Some(Version { major: 3, minor: 14, patch: 0 }));
    /// assert_eq!(Version::parse("3.9"), Some(Version { major: 3, minor: 9, patch: 0 }));
    /// assert_eq!(Version::parse("nightly"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Version> {
        let head = text.split(|c: char| !c.is_ascii_digit() && c != '.').next()?;
        let mut parts = head.split('.').filter(|p| !p.is_empty()).map(str::parse::<u8>);
        let major = parts.next()?.ok()?;
        let minor = parts.next()?.ok()?;
        let patch = parts.next().and_then(Result::ok).unwrap_or(0);
        Some(Version { major, minor, patch })
    }
}

/// How functions and methods are registered with the interpreter: `FastCall` unless the
/// environment variable [`CALLCONV_ENV`] says `varargs` when the module is imported.
///
/// ```
/// # limpet::__private::doctest(|_py| {
/// use limpet::runtime::{runtime, CallConv, CALLCONV_ENV};
/// let forced = std::env::var(CALLCONV_ENV).map_or(false, |v| v == "varargs");
/// assert_eq!(runtime().callconv == CallConv::Tuple, forced);
/// # Ok(()) });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallConv {
    /// `METH_FASTCALL | METH_KEYWORDS`: arguments as a C array plus a tuple of keyword names.
    FastCall,
    /// `METH_VARARGS | METH_KEYWORDS`: arguments as a tuple plus a dict, the classic path.
    Tuple,
}

/// Functions added to the Stable ABI after 3.7, resolved when the running version has them.
#[derive(Default)]
pub(crate) struct OptionalApi {
    /// `PyUnicode_AsUTF8AndSize` (Stable ABI 3.10): zero-copy UTF-8 view of a `str`.
    pub unicode_as_utf8_and_size: Option<ffi::dynamic::PyUnicode_AsUTF8AndSize>,
    /// `PyObject_Vectorcall` (Stable ABI 3.12).
    pub vectorcall: Option<ffi::dynamic::PyObject_Vectorcall>,
    /// `PyInterpreterState_Get` (Stable ABI 3.9): which interpreter is running.
    pub interpreter_get: Option<ffi::dynamic::PyInterpreterState_Get>,
    /// `PyBuffer_FillInfo` (Stable ABI 3.11): exporting buffers.
    pub buffer_fill_info: Option<ffi::dynamic::PyBuffer_FillInfo>,
}

/// The facts about the running interpreter, computed once (see [`runtime`]).
///
/// ```
/// # limpet::__private::doctest(|_py| {
/// let rt = limpet::runtime::runtime();
/// // An abi3 module is never loaded by a free-threaded interpreter: import refuses it.
/// assert!(!rt.free_threaded);
/// assert!(rt.version.at_least(3, 7));
/// # Ok(()) });
/// ```
pub struct Runtime {
    /// The interpreter's version.
    pub version: Version,
    /// True on a free-threaded build (which cannot run a GIL abi3 module).
    pub free_threaded: bool,
    /// The calling convention chosen for this process.
    pub callconv: CallConv,
    /// Optional functions resolved for this interpreter.
    pub(crate) api: OptionalApi,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The environment variable that selects the calling convention: `varargs` forces the
/// `METH_VARARGS | METH_KEYWORDS` path (kept working and tested), anything else the default.
/// It is read once, when the first limpet module is imported.
///
/// ```
/// assert_eq!(limpet::runtime::CALLCONV_ENV, "LIMPET_CALLCONV");
/// // e.g. `LIMPET_CALLCONV=varargs python -c "import mymod"`
/// ```
pub const CALLCONV_ENV: &str = "LIMPET_CALLCONV";

/// The running interpreter's facts; computed on first use (normally inside `PyInit_*`).
///
/// ```
/// # limpet::__private::doctest(|py| {
/// use limpet::runtime::runtime;
/// let v = runtime().version;
/// let sys_minor: u8 = py.import("sys")?.getattr("version_info")?.getattr("minor")?.extract()?;
/// assert_eq!(v.minor, sys_minor);
/// # Ok(()) });
/// ```
pub fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(detect)
}

/// `Py_GetVersion()` as text (what `sys.version` shows).
///
/// ```
/// # limpet::__private::doctest(|py| {
/// let text = limpet::runtime::version_string();
/// assert_eq!(text, py.import("sys")?.getattr("version")?.extract::<String>()?);
/// assert!(text.starts_with("3."));
/// # Ok(()) });
/// ```
pub fn version_string() -> &'static str {
    // SAFETY: Py_GetVersion needs no GIL and returns a pointer to a static NUL-terminated
    // string, non-null and valid for the life of the process.
    let version: &'static CStr = unsafe { CStr::from_ptr(ffi::Py_GetVersion() as *const c_char) };
    version.to_str().unwrap_or("")
}

/// `Py_IsInitialized()`: whether an interpreter is running in this process (false before it
/// starts and once it is finalized). Callable from any thread, with or without the GIL.
pub(crate) fn interpreter_running() -> bool {
    crate::ffi_safe::Py_IsInitialized() != 0
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
    // One field per function: `$sym` names the symbol, its Stable ABI version and its C
    // signature alike (abi3-sys's `NAME`, `ADDED` and type alias), so a field cannot get the
    // wrong type.
    macro_rules! resolve {
        ($($field:ident: $sym:ident),*) => {
            crate::__private::paste! { OptionalApi { $($field: if has(d::[<$sym _ADDED>]) {
                let ptr = abi3_sys::dlfcn::lookup(d::[<$sym _NAME>]);
                // SAFETY: a non-null result of looking `$sym` up in the process is that C
                // function, whose signature is the alias `d::$sym`; looked up only where the
                // running version has it in its Stable ABI (`ADDED`). (`transmute` checks that
                // a function pointer has the size of a data pointer.)
                (!ptr.is_null()).then(|| unsafe { std::mem::transmute::<*mut std::ffi::c_void, d::$sym>(ptr) })
            } else {
                None
            },)* } }
        };
    }
    let api = resolve!(
        unicode_as_utf8_and_size: PyUnicode_AsUTF8AndSize,
        vectorcall: PyObject_Vectorcall,
        interpreter_get: PyInterpreterState_Get,
        buffer_fill_info: PyBuffer_FillInfo
    );
    Runtime { version, free_threaded: is_free_threaded(text), callconv, api }
}

/// True when the version text names a free-threaded build (3.13t and later say so).
///
/// ```
/// use limpet::runtime::is_free_threaded;
/// assert!(is_free_threaded("3.13.0 experimental free-threading build (main, Oct 2024)"));
/// assert!(!is_free_threaded("3.13.0 (main, Oct  7 2024, 05:02:14) [GCC 12.2.0]"));
/// ```
pub fn is_free_threaded(version_text: &str) -> bool {
    version_text.contains("free-threading")
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
