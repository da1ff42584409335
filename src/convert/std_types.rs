//! Standard-library types PyO3 users expect: paths and OS strings (`os.fspath` in,
//! `pathlib.Path`/`str` out), `Duration` (`datetime.timedelta`), `SystemTime` (an aware
//! `datetime.datetime` in UTC, PyO3's convention), IP addresses (`ipaddress`), arrays
//! `[T; N]` (a sequence of exactly N items), `VecDeque<T>`, `Box<T>`, `Cow<[u8]>` and the
//! `NonZero*` integers (`ValueError` for zero).
//!
//! Every function here is `#[inline]`: a module that converts none of these types does not
//! compile them (they are generated in the crate that uses them, not in every build of limpet).
//!
//! ```
//! # limpet::__private::doctest(|py| {
//! use limpet::prelude::*;
//! use std::path::PathBuf;
//! use std::time::Duration;
//! let p = PathBuf::from("/tmp/x").into_py(py)?;
//! assert_eq!(p.type_name(), "PosixPath");
//! assert_eq!(p.extract::<PathBuf>()?, PathBuf::from("/tmp/x"));
//! let d = Duration::from_millis(1500).into_py(py)?;
//! assert_eq!(d.str()?.extract::<String>()?, "0:00:01.500000");
//! let a: [i64; 2] = vec![1, 2].into_py(py)?.extract()?;
//! assert_eq!(a, [1, 2]);
//! # Ok(()) });
//! ```

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ffi::{OsStr, OsString};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::num::{
    NonZeroI128, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU128, NonZeroU16, NonZeroU32,
    NonZeroU64, NonZeroU8, NonZeroUsize,
};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::convert::{FromPyObject, IntoPy};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyValueError};
use crate::gil::Python;
use crate::object::{Bound, PyAny};
use crate::types::PyBytes;

/// `**kwargs: Option<T>` is `None` when no extra keyword was passed (used by expansions).
#[doc(hidden)]
#[inline]
pub fn varkw_given(kwargs: &Bound<'_, PyAny>) -> bool {
    kwargs.is_truthy().unwrap_or(true)
}

#[inline]
fn attr<'py>(py: Python<'py>, module: &str, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import(module)?.getattr(name)
}

// --- paths and OS strings -------------------------------------------------------------

/// The file-system bytes of a `str`, `bytes` or `os.PathLike` (`os.fsencode`: surrogate
/// escapes round-trip, as CPython's own file functions do).
#[cfg(unix)]
#[inline]
fn os_string_of(obj: &Bound<'_, PyAny>) -> PyResult<OsString> {
    use std::os::unix::ffi::OsStringExt;
    let py = obj.py();
    let path = attr(py, "os", "fspath")?.call1((obj,))?;
    let bytes = attr(py, "os", "fsencode")?.call1((path,))?;
    Ok(OsString::from_vec(bytes.downcast::<PyBytes>()?.as_bytes().to_vec()))
}

#[cfg(not(unix))]
#[inline]
fn os_string_of(obj: &Bound<'_, PyAny>) -> PyResult<OsString> {
    let py = obj.py();
    let path = attr(py, "os", "fspath")?.call1((obj,))?;
    let path = attr(py, "os", "fsdecode")?.call1((path,))?;
    Ok(OsString::from(path.extract::<String>()?))
}

/// The `str` of an OS string (`os.fsdecode`).
#[cfg(unix)]
#[inline]
fn str_of_os<'py>(py: Python<'py>, s: &OsStr) -> PyResult<Bound<'py, PyAny>> {
    use std::os::unix::ffi::OsStrExt;
    attr(py, "os", "fsdecode")?.call1((PyBytes::new(py, s.as_bytes())?,))
}

#[cfg(not(unix))]
#[inline]
fn str_of_os<'py>(py: Python<'py>, s: &OsStr) -> PyResult<Bound<'py, PyAny>> {
    s.to_string_lossy().into_py(py)
}

impl<'py> FromPyObject<'py> for OsString {
    #[inline]
    fn input_hint() -> String {
        "typing.Union[str, os.PathLike[str]]".into()
    }
    /// `str`, `bytes` or an `os.PathLike`, as `os.fspath` takes them.
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        os_string_of(obj)
    }
}

impl<'py> FromPyObject<'py> for PathBuf {
    #[inline]
    fn input_hint() -> String {
        "typing.Union[str, os.PathLike[str]]".into()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        os_string_of(obj).map(PathBuf::from)
    }
}

crate::from_py_arg!(OsString, PathBuf);

impl IntoPy for &OsStr {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        str_of_os(py, self)
    }
}

impl IntoPy for OsString {
    #[inline]
    fn output_hint() -> String {
        "str".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        str_of_os(py, &self)
    }
}

impl IntoPy for &Path {
    #[inline]
    fn output_hint() -> String {
        "pathlib.Path".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        attr(py, "pathlib", "Path")?.call1((str_of_os(py, self.as_os_str())?,))
    }
}

impl IntoPy for PathBuf {
    #[inline]
    fn output_hint() -> String {
        "pathlib.Path".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.as_path().into_py(py)
    }
}

// --- time -----------------------------------------------------------------------------

#[inline]
fn check_type(obj: &Bound<'_, PyAny>, module: &str, name: &'static str) -> PyResult<()> {
    if obj.is_instance(&attr(obj.py(), module, name)?)? {
        Ok(())
    } else {
        Err(PyErr::downcast(obj, name))
    }
}

/// A non-negative `timedelta` as a `Duration`.
#[inline]
fn duration_of(td: &Bound<'_, PyAny>) -> PyResult<Duration> {
    let days: i64 = td.getattr("days")?.extract()?;
    let seconds: u64 = td.getattr("seconds")?.extract()?;
    let micros: u32 = td.getattr("microseconds")?.extract()?;
    if days < 0 {
        return Err(PyValueError::new_err("a negative timedelta cannot be converted to Duration"));
    }
    Ok(Duration::new(days as u64 * 86_400 + seconds, micros * 1000))
}

#[inline]
fn timedelta<'py>(py: Python<'py>, d: Duration) -> PyResult<Bound<'py, PyAny>> {
    let days = d.as_secs() / 86_400;
    let seconds = d.as_secs() % 86_400;
    let micros = d.subsec_micros();
    // timedelta refuses more than 999999999 days with its own OverflowError.
    attr(py, "datetime", "timedelta")?.call1((days, seconds, micros))
}

impl<'py> FromPyObject<'py> for Duration {
    #[inline]
    fn input_hint() -> String {
        "datetime.timedelta".into()
    }
    /// A `datetime.timedelta` (not negative; microsecond resolution).
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        check_type(obj, "datetime", "timedelta")?;
        duration_of(obj)
    }
}

impl IntoPy for Duration {
    #[inline]
    fn output_hint() -> String {
        "datetime.timedelta".into()
    }
    /// `datetime.timedelta` (truncated to microseconds).
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        timedelta(py, self)
    }
}

#[inline]
fn unix_epoch(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let utc = attr(py, "datetime", "timezone")?.getattr("utc")?;
    let dt = attr(py, "datetime", "datetime")?;
    dt.call_method1("fromtimestamp", (0, utc))
}

impl<'py> FromPyObject<'py> for SystemTime {
    #[inline]
    fn input_hint() -> String {
        "datetime.datetime".into()
    }
    /// An aware `datetime.datetime` (a naive one raises CPython's `TypeError` for mixing
    /// naive and aware datetimes).
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        check_type(obj, "datetime", "datetime")?;
        let since = attr(py, "operator", "sub")?.call1((obj, unix_epoch(py)?))?;
        let negative = since.getattr("days")?.extract::<i64>()? < 0;
        if negative {
            let d = duration_of(&since.call_method0("__neg__")?)?;
            UNIX_EPOCH.checked_sub(d)
        } else {
            UNIX_EPOCH.checked_add(duration_of(&since)?)
        }
        .ok_or_else(|| PyOverflowError::new_err("datetime out of range for SystemTime"))
    }
}

impl IntoPy for SystemTime {
    #[inline]
    fn output_hint() -> String {
        "datetime.datetime".into()
    }
    /// An aware `datetime.datetime` in UTC.
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        let epoch = unix_epoch(py)?;
        match self.duration_since(UNIX_EPOCH) {
            Ok(d) => epoch.call_method1("__add__", (timedelta(py, d)?,)),
            Err(e) => epoch.call_method1("__sub__", (timedelta(py, e.duration())?,)),
        }
    }
}

// --- IP addresses ---------------------------------------------------------------------

/// The packed bytes of an `ipaddress` address, or the address a `str` spells.
#[inline]
fn packed_ip(obj: &Bound<'_, PyAny>, expected: &'static str) -> PyResult<IpAddr> {
    if let Ok(s) = obj.extract::<String>() {
        return s.parse::<IpAddr>().map_err(|_| {
            PyValueError::new_err(format!(
                "{} does not appear to be an {expected}",
                obj.repr().map_or(s, |r| r.to_string())
            ))
        });
    }
    let packed = match obj.getattr("packed") {
        Ok(p) => p,
        Err(_) => return Err(PyErr::downcast(obj, expected)),
    };
    let bytes = packed.downcast::<PyBytes>()?.as_bytes();
    if let Ok(b) = <[u8; 4]>::try_from(bytes) {
        Ok(IpAddr::V4(Ipv4Addr::from(b)))
    } else if let Ok(b) = <[u8; 16]>::try_from(bytes) {
        Ok(IpAddr::V6(Ipv6Addr::from(b)))
    } else {
        Err(PyErr::downcast(obj, expected))
    }
}

impl<'py> FromPyObject<'py> for IpAddr {
    #[inline]
    fn input_hint() -> String {
        "typing.Union[ipaddress.IPv4Address, ipaddress.IPv6Address, str]".into()
    }
    /// An `ipaddress.IPv4Address`/`IPv6Address` or a `str` spelling one.
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        packed_ip(obj, "IP address")
    }
}

impl<'py> FromPyObject<'py> for Ipv4Addr {
    #[inline]
    fn input_hint() -> String {
        "typing.Union[ipaddress.IPv4Address, str]".into()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        match packed_ip(obj, "IPv4Address")? {
            IpAddr::V4(a) => Ok(a),
            IpAddr::V6(_) => Err(PyErr::downcast(obj, "IPv4Address")),
        }
    }
}

impl<'py> FromPyObject<'py> for Ipv6Addr {
    #[inline]
    fn input_hint() -> String {
        "typing.Union[ipaddress.IPv6Address, str]".into()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        match packed_ip(obj, "IPv6Address")? {
            IpAddr::V6(a) => Ok(a),
            IpAddr::V4(_) => Err(PyErr::downcast(obj, "IPv6Address")),
        }
    }
}

crate::from_py_arg!(IpAddr, Ipv4Addr, Ipv6Addr, Duration, SystemTime);

impl IntoPy for Ipv4Addr {
    #[inline]
    fn output_hint() -> String {
        "ipaddress.IPv4Address".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        attr(py, "ipaddress", "IPv4Address")?.call1((u32::from(self),))
    }
}

impl IntoPy for Ipv6Addr {
    #[inline]
    fn output_hint() -> String {
        "ipaddress.IPv6Address".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        attr(py, "ipaddress", "IPv6Address")?.call1((u128::from(self),))
    }
}

impl IntoPy for IpAddr {
    #[inline]
    fn output_hint() -> String {
        "typing.Union[ipaddress.IPv4Address, ipaddress.IPv6Address]".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        match self {
            IpAddr::V4(a) => a.into_py(py),
            IpAddr::V6(a) => a.into_py(py),
        }
    }
}

// --- containers -----------------------------------------------------------------------

impl<'py, T: FromPyObject<'py>, const N: usize> FromPyObject<'py> for [T; N] {
    #[inline]
    fn input_hint() -> String {
        T::vec_input_hint()
    }
    /// A sequence of exactly N items (`bytes` for `[u8; N]`); another length is the
    /// `ValueError` of unpacking it on this interpreter ("not enough values to unpack
    /// (expected 3, got 2)").
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        let items = T::extract_vec(obj)?;
        let got = items.len();
        items.try_into().map_err(|_| {
            PyValueError::new_err(if got > N && crate::runtime::runtime().version.at_least(3, 14) {
                // 3.14 also says how many a sized sequence had.
                format!("too many values to unpack (expected {N}, got {got})")
            } else if got > N {
                format!("too many values to unpack (expected {N})")
            } else {
                format!("not enough values to unpack (expected {N}, got {got})")
            })
        })
    }
}

impl<T: IntoPy, const N: usize> IntoPy for [T; N] {
    #[inline]
    fn output_hint() -> String {
        T::vec_output_hint()
    }
    /// A list (`bytes` for `[u8; N]`).
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        T::vec_into_py(Vec::from(self), py)
    }
}

impl<'py, T: FromPyObject<'py>> FromPyObject<'py> for VecDeque<T> {
    #[inline]
    fn input_hint() -> String {
        T::vec_input_hint()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        T::extract_vec(obj).map(VecDeque::from)
    }
}

impl<T: IntoPy> IntoPy for VecDeque<T> {
    #[inline]
    fn output_hint() -> String {
        T::vec_output_hint()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        T::vec_into_py(Vec::from(self), py)
    }
}

impl<'py, T: FromPyObject<'py>> FromPyObject<'py> for Box<T> {
    #[inline]
    fn input_hint() -> String {
        T::input_hint()
    }
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        T::extract(obj).map(Box::new)
    }
}

impl<T: IntoPy> IntoPy for Box<T> {
    #[inline]
    fn output_hint() -> String {
        T::output_hint()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        (*self).into_py(py)
    }
}

impl<'py> FromPyObject<'py> for Cow<'static, [u8]> {
    #[inline]
    fn input_hint() -> String {
        "bytes".into()
    }
    /// `bytes`/`bytearray` (copied: an owned `Cow`; take `&[u8]` to borrow `bytes` in place).
    #[inline]
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        super::bytes::extract_byte_vec(obj).map(Cow::Owned)
    }
}

impl IntoPy for Cow<'_, [u8]> {
    #[inline]
    fn output_hint() -> String {
        "bytes".into()
    }
    #[inline]
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        PyBytes::new(py, &self).map(Bound::into_any)
    }
}

crate::from_py_arg!(
    {T: FromPyObject<'py>, const N: usize} [T; N],
    {T: FromPyObject<'py>} VecDeque<T>,
    {T: FromPyObject<'py>} Box<T>,
    Cow<'static, [u8]>,
);

// --- NonZero integers -----------------------------------------------------------------

macro_rules! nonzero {
    ($($nz:ident($int:ty)),*) => {$(
        impl<'py> FromPyObject<'py> for $nz {
            #[inline]
            fn input_hint() -> String {
                "int".into()
            }
            /// An int in range and not zero (`ValueError: invalid zero value`, as PyO3).
            #[inline]
            fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
                <$nz>::new(<$int>::extract(obj)?).ok_or_else(|| PyValueError::new_err("invalid zero value"))
            }
        }
        impl IntoPy for $nz {
            #[inline]
            fn output_hint() -> String {
                "int".into()
            }
            #[inline]
            fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                self.get().into_py(py)
            }
        }
        crate::from_py_arg!($nz);
    )*};
}

nonzero!(
    NonZeroI8(i8),
    NonZeroI16(i16),
    NonZeroI32(i32),
    NonZeroI64(i64),
    NonZeroI128(i128),
    NonZeroIsize(isize),
    NonZeroU8(u8),
    NonZeroU16(u16),
    NonZeroU32(u32),
    NonZeroU64(u64),
    NonZeroU128(u128),
    NonZeroUsize(usize)
);
