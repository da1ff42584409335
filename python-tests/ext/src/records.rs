//! Custom conversions (`test_records.py`): types declared with `limpet::convert!` and one
//! converted by hand, with functions taking and returning them.

use limpet::prelude::*;

limpet::convert! {
    /// A point read from attributes, returned as a dict.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Vertex {
        /// Required.
        pub x: i64,
        /// Renamed: the attribute / key is `yCoord`.
        #[py(name = "yCoord")]
        pub y: i64,
        #[py(default)]
        pub z: i64,
        #[py(default = 1.5)]
        pub w: f64,
        pub label: Option<String>,
    }
}

limpet::convert! {
    /// Settings read from a dict or any mapping.
    #[py(from = items, into = dict)]
    #[derive(Debug, Clone)]
    pub struct Config {
        pub name: String,
        #[py(name = "max-size", default = 10)]
        pub max_size: u8,
        #[py(default)]
        pub tags: Vec<String>,
        pub debug: Option<bool>,
        /// A raw identifier: the key is `type`.
        #[py(default = String::from("plain"))]
        pub r#type: String,
    }
}

limpet::convert! {
    /// Nested records.
    #[derive(Debug, Clone)]
    pub struct Line {
        pub start: Vertex,
        pub end: Vertex,
        #[py(default)]
        pub weight: Option<Number>,
    }
}

limpet::convert! {
    /// From / into a tuple of exactly two items.
    #[derive(Debug, Clone)]
    pub struct Pair(pub i64, pub String);
}

limpet::convert! {
    /// Three items, one optional.
    #[derive(Debug, Clone)]
    pub struct Triple(pub u8, pub Option<f64>, pub Vec<i64>);
}

limpet::convert! {
    /// A newtype: converted as its one field.
    #[derive(Debug, Clone, Copy)]
    pub struct Meters(pub f64);
}

limpet::convert! {
    /// The first variant that converts wins: `True` is an int, `1.0` a float.
    #[derive(Debug, Clone)]
    pub enum Number {
        Int(i64),
        Float(f64),
        Text(String),
        Vertex(Vertex),
    }
}

limpet::convert! {
    /// Return-only: no extraction.
    #[py(from = none)]
    pub struct Report {
        pub count: u32,
        #[py(name = "allNames")]
        pub names: Vec<String>,
    }
}

limpet::convert! {
    /// Parameter-only: no conversion back.
    #[py(into = none)]
    pub struct Opts {
        pub verbose: bool,
        #[py(default = 3)]
        pub level: u8,
    }
}

/// A temperature converted by hand: from a number or a `"21.5C"` string, to a float.
#[derive(Debug, Clone, Copy)]
pub struct Celsius(pub f64);

impl<'py> FromPyObject<'py> for Celsius {
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(text) = obj.extract::<String>() {
            let number = text.strip_suffix('C').ok_or_else(|| PyValueError::new_err("expected a number or 'NNC'"))?;
            return Ok(Celsius(number.trim().parse()?));
        }
        Ok(Celsius(obj.extract()?))
    }
    fn input_hint() -> String {
        "typing.Union[float, str]".into()
    }
}

impl IntoPy for Celsius {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        self.0.into_py(py)
    }
    fn output_hint() -> String {
        "float".into()
    }
}

limpet::from_py_arg!(Celsius);

limpet::function! {
    /// Echo a `Vertex` (returned as a dict).
    pub fn rec_point(p: Vertex) -> Vertex { p }

    /// The fields of a `Vertex`.
    pub fn rec_point_fields(p: Vertex) -> (i64, i64, i64, f64, Option<String>) { (p.x, p.y, p.z, p.w, p.label) }

    /// Echo a `Config` (returned as a dict).
    pub fn rec_config(c: Config) -> Config { c }

    /// A nested record, echoed.
    pub fn rec_line(line: Line) -> Line { line }

    /// Swap the items of a `Pair`.
    pub fn rec_pair(p: Pair) -> Pair { Pair(-p.0, p.1.to_uppercase()) }

    /// Echo a `Triple`.
    pub fn rec_triple(t: Triple) -> Triple { t }

    /// Double a length.
    pub fn rec_meters(m: Meters) -> Meters { Meters(m.0 * 2.0) }

    /// The variant chosen and the value back.
    pub fn rec_number(n: Number) -> (String, Number) {
        let name = match &n { Number::Int(_) => "Int", Number::Float(_) => "Float", Number::Text(_) => "Text", Number::Vertex(_) => "Vertex" };
        (name.to_string(), n)
    }

    /// Several `Number`s (a record type inside a container).
    pub fn rec_numbers(ns: Vec<Number>, opt: Option<Number> = None) -> Vec<Number> {
        let mut ns = ns;
        ns.extend(opt);
        ns
    }

    /// A return-only record.
    pub fn rec_report(count: u32) -> Report { Report { count, names: (0..count).map(|i| format!("n{i}")).collect() } }

    /// A parameter-only record.
    pub fn rec_opts(o: Opts) -> (bool, u8) { (o.verbose, o.level) }

    /// A type converted by hand, both ways.
    pub fn rec_celsius(c: Celsius) -> Celsius { Celsius(c.0 + 1.0) }

    /// `obj.extract::<T>()` for the type named `kind`, converted back: errors unwrapped by
    /// argument parsing.
    pub fn rec_extract(py: Python<'_>, kind: &str, obj: Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let out = match kind {
            "Vertex" => obj.extract::<Vertex>()?.into_py(py)?,
            "Config" => obj.extract::<Config>()?.into_py(py)?,
            "Line" => obj.extract::<Line>()?.into_py(py)?,
            "Pair" => obj.extract::<Pair>()?.into_py(py)?,
            "Triple" => obj.extract::<Triple>()?.into_py(py)?,
            "Meters" => obj.extract::<Meters>()?.into_py(py)?,
            "Number" => obj.extract::<Number>()?.into_py(py)?,
            "Celsius" => obj.extract::<Celsius>()?.into_py(py)?,
            "Opts" => { let o = obj.extract::<Opts>()?; (o.verbose, o.level).into_py(py)? }
            _ => return Err(PyValueError::new_err(format!("unknown kind {kind:?}"))),
        };
        Ok(out.unbind())
    }
}
