//! What PyO3 users reach for first (test_parity.py): operators that give `NotImplemented`
//! for an operand that does not convert, `**kwargs: Option<..>`, iterators ending with a
//! value or yielding `None`, `#[deleter]`, std conversions, a module init hook, `#[new]`
//! receiving the class, `#[classattr]` with `py`, and classes this interpreter cannot build.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::num::{NonZeroI64, NonZeroU8};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use limpet::iter::IterNextOutput;
use limpet::prelude::*;

limpet::class! {
    /// A 2-vector: each operator converts `other` or gives NotImplemented.
    pub struct Vec2 {
        #[py(get)] pub x: i64,
        #[py(get)] pub y: i64,
    }
    impl Vec2 {
        #[new]
        fn new(x: i64, y: i64) -> Self { Vec2 { x, y } }
        fn __repr__(&self) -> String { format!("Vec2({}, {})", self.x, self.y) }
        fn __add__(&self, other: &Vec2) -> Vec2 { Vec2 { x: self.x + other.x, y: self.y + other.y } }
        fn __sub__(&self, other: &Vec2) -> Vec2 { Vec2 { x: self.x - other.x, y: self.y - other.y } }
        fn __rsub__(&self, other: i64) -> Vec2 { Vec2 { x: other - self.x, y: other - self.y } }
        fn __mul__(&self, k: i64) -> PyResult<Vec2> {
            if k < 0 { return Err(PyValueError::new_err("negative scale")); }
            Ok(Vec2 { x: self.x * k, y: self.y * k })
        }
        fn __rmul__(&self, k: u8) -> Vec2 { Vec2 { x: self.x * i64::from(k), y: self.y * i64::from(k) } }
        fn __iadd__(&mut self, other: &Vec2) { self.x += other.x; self.y += other.y; }
        fn __pow__(&self, e: u32, modulo: Option<i64> = None) -> i64 {
            let v = (self.x + self.y).pow(e);
            modulo.map_or(v, |m| v % m)
        }
        fn __eq__(&self, other: &Vec2) -> bool { self.x == other.x && self.y == other.y }
        fn __lt__(&self, other: &Vec2) -> bool { (self.x, self.y) < (other.x, other.y) }
        fn __le__(&self, other: &Vec2) -> bool { (self.x, self.y) <= (other.x, other.y) }
    }
}

limpet::function! {
    /// `**kw: Option<..>` is None without extra keywords.
    pub fn kw_opt(a: i64 = 0, **kw: Option<HashMap<String, i64>>) -> (i64, Option<HashMap<String, i64>>) { (a, kw) }
    /// `**kw: HashMap` is `{}` without extra keywords.
    pub fn kw_map(**kw: HashMap<String, i64>) -> HashMap<String, i64> { kw }
}

limpet::class! {
    /// Yields n-1 .. 1, then None, then returns "done".
    pub struct Countdown { n: u32 }
    impl Countdown {
        #[new]
        fn new(n: u32) -> Self { Countdown { n } }
        fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
        fn __next__(&mut self) -> IterNextOutput<Option<u32>, &'static str> {
            match self.n {
                0 => IterNextOutput::Return("done"),
                1 => { self.n = 0; IterNextOutput::Yield(None) }
                n => { self.n -= 1; IterNextOutput::Yield(Some(n - 1)) }
            }
        }
    }
}

limpet::class! {
    /// Yields None, 1, None, then stops with StopIteration((1, 2)) from an `Err`.
    pub struct Nones { i: u32 }
    impl Nones {
        #[new]
        fn new() -> Self { Nones { i: 0 } }
        fn __iter__(slf: Py<Self>) -> Py<Self> { slf }
        fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Option<i64>>> {
            self.i += 1;
            match self.i {
                1 | 3 => Ok(Some(None)),
                2 => Ok(Some(Some(1))),
                _ => Err(PyStopIteration::with_value(py, (1, 2))),
            }
        }
    }
}

limpet::class! {
    /// A property with a deleter, and one without.
    pub struct Slot { v: Option<i64> }
    impl Slot {
        #[new]
        fn new(v: i64) -> Self { Slot { v: Some(v) } }
        #[getter]
        fn value(&self) -> PyResult<i64> { self.v.ok_or_else(|| PyAttributeError::new_err("value was deleted")) }
        #[setter]
        fn set_value(&mut self, v: i64) { self.v = Some(v); }
        #[deleter]
        fn del_value(&mut self) -> PyResult<()> {
            match self.v.take() {
                Some(_) => Ok(()),
                None => Err(PyAttributeError::new_err("value was deleted")),
            }
        }
        #[getter]
        fn fixed(&self) -> i64 { 7 }
        #[getter]
        fn settable(&self) -> i64 { 8 }
        #[setter]
        fn set_settable(&mut self, _v: i64) {}
    }
}

limpet::function! {
    pub fn echo_pathbuf(p: PathBuf) -> PathBuf { p }
    pub fn echo_osstring(s: OsString) -> OsString { s }
    pub fn path_str(p: PathBuf) -> String { p.to_string_lossy().into_owned() }
    pub fn echo_duration(d: Duration) -> Duration { d }
    pub fn duration_parts(d: Duration) -> (u64, u32) { (d.as_secs(), d.subsec_nanos()) }
    pub fn make_duration(secs: u64, nanos: u32) -> Duration { Duration::new(secs, nanos) }
    pub fn echo_systemtime(t: SystemTime) -> SystemTime { t }
    pub fn systemtime_secs(t: SystemTime) -> f64 {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs_f64(),
            Err(e) => -e.duration().as_secs_f64(),
        }
    }
    pub fn echo_ipaddr(a: IpAddr) -> IpAddr { a }
    pub fn echo_ipv4(a: Ipv4Addr) -> Ipv4Addr { a }
    pub fn echo_ipv6(a: Ipv6Addr) -> Ipv6Addr { a }
    pub fn echo_array3(a: [i64; 3]) -> [i64; 3] { a }
    pub fn echo_bytes4(a: [u8; 4]) -> [u8; 4] { a }
    pub fn echo_vecdeque(v: VecDeque<i64>) -> VecDeque<i64> { v }
    pub fn echo_box(b: Box<i64>) -> Box<i64> { b }
    pub fn echo_cow_bytes(b: Cow<'static, [u8]>) -> Cow<'static, [u8]> { b }
    pub fn echo_nonzero_i64(n: NonZeroI64) -> NonZeroI64 { n }
    pub fn echo_nonzero_u8(n: NonZeroU8) -> NonZeroU8 { n }
}

limpet::class! {
    /// `#[new]` receiving the class: a subclass gets a tag; `#[classattr]` with `py`.
    #[subclass]
    pub struct Shape {
        #[py(get)] pub kind: String,
    }
    impl Shape {
        #[new]
        #[classmethod]
        fn new(cls: &Bound<'_, PyAny>, size: i64 = 1) -> PyResult<Self> {
            let name: String = cls.getattr("__name__")?.extract()?;
            Ok(Shape { kind: format!("{name}:{size}") })
        }
        #[classattr]
        fn UNIT(py: Python<'_>) -> PyResult<Py<PyAny>> {
            Ok(py.import("fractions")?.getattr("Fraction")?.call1((1, 3))?.unbind())
        }
        #[classattr]
        fn SIDES() -> i64 { 0 }
    }
}

limpet::class! {
    /// `#[dict]`: needs 3.9; listed in the module, so the import must work on 3.7/3.8.
    #[dict]
    pub struct LateDict { }
    impl LateDict {
        #[new]
        fn new() -> Self { LateDict {} }
    }
}

limpet::class! {
    /// `__buffer__`: needs 3.11.
    pub struct LateBuffer { data: Vec<u8> }
    impl LateBuffer {
        #[new]
        fn new() -> Self { LateBuffer { data: b"abc".to_vec() } }
        fn __buffer__(&self) -> &[u8] { &self.data }
    }
}

/// The `parity` submodule's init hook: a computed constant and an alias in `sys.modules`.
pub fn parity_init(m: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = m.py();
    m.setattr("INIT_RAN", true)?;
    m.setattr("ORIGIN_PLUS_ONE", m.getattr("Vec2")?.call1((1, 1))?)?;
    py.import("sys")?.getattr("modules")?.set_item("limptest_parity_alias", m)
}
