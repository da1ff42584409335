//! docs/guide/03-conversions.md, "Custom conversions", compiled (its ```rust blocks, verbatim;
//! `scripts/check_guide.py` checks that every guide block is in a tests/guide*.rs file).
#![cfg(feature = "records")] // convert! is the `records` feature's
#![allow(dead_code)]

#[rustfmt::skip]
mod records_declarative {
limpet::convert! {
    /// A point, read from any object's attributes, returned as a dict.
    #[derive(Debug, Clone)]
    pub struct Point {
        pub x: i64,
        #[py(name = "yCoord")] pub y: i64,   // attribute `yCoord`, key "yCoord" in the dict out
        #[py(default)] pub z: i64,           // 0 when missing
        #[py(default = 1.5)] pub w: f64,     // 1.5 when missing
        pub label: Option<String>,           // None when missing or None
    }
}

limpet::convert! {
    /// Settings from a dict or any Mapping.
    #[py(from = items)]
    pub struct Config {
        pub name: String,
        #[py(name = "max-size", default = 10)] pub max_size: u32,
    }
}

limpet::convert! { pub struct Pair(pub i64, pub String); }  // (1, "a") <-> Pair(1, "a".into())

limpet::convert! {
    /// The first variant that converts wins: list narrower types first.
    pub enum Number { Int(i64), Float(f64), Text(String), Point(Point) }
}

limpet::function! {
    pub fn shift(p: Point, by: i64 = 1) -> Point { Point { x: p.x + by, ..p } }
    pub fn describe(c: Config, pair: Pair, n: Number) -> String {
        let n = match n { Number::Int(i) => i.to_string(), Number::Float(f) => f.to_string(),
                          Number::Text(t) => t, Number::Point(p) => format!("({}, {})", p.x, p.y) };
        format!("{} {} {} {} {}", c.name, c.max_size, pair.0, pair.1, n)
    }
}
limpet::module! { mod shapes { fn shift; fn describe; } }
}

#[rustfmt::skip]
mod records_by_hand {
use limpet::prelude::*;

/// A temperature from a number or a "21.5C" string; a float out.
pub struct Celsius(pub f64);

impl<'py> FromPyObject<'py> for Celsius {
    fn extract(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(text) = obj.extract::<String>() {
            let number = text.strip_suffix('C').ok_or_else(|| PyValueError::new_err("expected a number or 'NNC'"))?;
            return Ok(Celsius(number.trim().parse()?));   // ParseFloatError -> ValueError
        }
        Ok(Celsius(obj.extract()?))
    }
    fn input_hint() -> String { "typing.Union[float, str]".into() }   // for the stub
}

impl IntoPy for Celsius {
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> { self.0.into_py(py) }
    fn output_hint() -> String { "float".into() }
}

limpet::from_py_arg!(Celsius);

limpet::function! {
    pub fn warmer(t: Celsius, by: f64 = 1.0) -> Celsius { Celsius(t.0 + by) }
}
limpet::module! { mod thermo { fn warmer; } }
}

#[test]
fn records_convert_from_rust() {
    use records_declarative::{Number, Pair, Point};
    let p = Point { x: 1, y: 2, z: 0, w: 1.5, label: None };
    assert_eq!(records_declarative::shift(p, 2).x, 3);
    let c = records_declarative::Config { name: "c".into(), max_size: 10 };
    let out = records_declarative::describe(c, Pair(7, "seven".into()), Number::Float(2.5));
    assert_eq!(out, "c 10 7 seven 2.5");
    assert_eq!(records_by_hand::warmer(records_by_hand::Celsius(20.0), 1.0).0, 21.0);
}

/// `convert!` expands with no prelude and a user `core` module in scope (every path it
/// writes is absolute), and for items written by another macro.
#[no_implicit_prelude]
mod hygiene {
    mod core {}
    ::limpet::convert! {
        #[py(from = items)]
        pub struct Named {
            #[py(name = "k", default = 3)]
            pub a: i64,
            pub b: ::std::option::Option<::std::string::String>,
            #[py(default)]
            pub c: ::std::vec::Vec<u8>,
        }
    }
    ::limpet::convert! { pub struct Tuple(pub i64, pub ::std::string::String, pub f64); }
    ::limpet::convert! { pub struct Newtype(pub f64); }
    ::limpet::convert! { pub enum Either { Left(i64), Right(Named) } }
}

/// 300 fields: the expansion depth does not grow with the number of fields.
macro_rules! many_fields {
    ($($f:ident)*) => {
        limpet::convert! {
            pub struct ManyFields { $( #[py(default)] pub $f: i64, )* }
        }
    };
}
many_fields!(f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 f22 f23 f24 f25 f26 f27 f28 f29 f30 f31 f32 f33 f34 f35 f36 f37 f38 f39 f40 f41 f42 f43 f44 f45 f46 f47 f48 f49 f50 f51 f52 f53 f54 f55 f56 f57 f58 f59 f60 f61 f62 f63 f64 f65 f66 f67 f68 f69 f70 f71 f72 f73 f74 f75 f76 f77 f78 f79 f80 f81 f82 f83 f84 f85 f86 f87 f88 f89 f90 f91 f92 f93 f94 f95 f96 f97 f98 f99 f100 f101 f102 f103 f104 f105 f106 f107 f108 f109 f110 f111 f112 f113 f114 f115 f116 f117 f118 f119 f120 f121 f122 f123 f124 f125 f126 f127 f128 f129 f130 f131 f132 f133 f134 f135 f136 f137 f138 f139 f140 f141 f142 f143 f144 f145 f146 f147 f148 f149 f150 f151 f152 f153 f154 f155 f156 f157 f158 f159 f160 f161 f162 f163 f164 f165 f166 f167 f168 f169 f170 f171 f172 f173 f174 f175 f176 f177 f178 f179 f180 f181 f182 f183 f184 f185 f186 f187 f188 f189 f190 f191 f192 f193 f194 f195 f196 f197 f198 f199 f200 f201 f202 f203 f204 f205 f206 f207 f208 f209 f210 f211 f212 f213 f214 f215 f216 f217 f218 f219 f220 f221 f222 f223 f224 f225 f226 f227 f228 f229 f230 f231 f232 f233 f234 f235 f236 f237 f238 f239 f240 f241 f242 f243 f244 f245 f246 f247 f248 f249 f250 f251 f252 f253 f254 f255 f256 f257 f258 f259 f260 f261 f262 f263 f264 f265 f266 f267 f268 f269 f270 f271 f272 f273 f274 f275 f276 f277 f278 f279 f280 f281 f282 f283 f284 f285 f286 f287 f288 f289 f290 f291 f292 f293 f294 f295 f296 f297 f298 f299);

// 16 fields: the most a tuple struct may have.
limpet::convert! {
    pub struct Sixteen(pub u8, pub u8, pub u8, pub u8, pub u8, pub u8, pub u8, pub u8,
                       pub u8, pub u8, pub u8, pub u8, pub u8, pub u8, pub u8, pub u8);
}

/// The stub hints of converted types (the test extension's functions live in a submodule,
/// which the generated stub does not list).
#[test]
fn records_stub_hints() {
    use limpet::{FromPyObject, IntoPy};
    use records_declarative::{Config, Number, Pair, Point};
    assert_eq!(<Point as FromPyObject>::input_hint(), "typing.Any");
    assert_eq!(<Point as IntoPy>::output_hint(), "typing.Dict[str, typing.Any]");
    assert_eq!(<Config as FromPyObject>::input_hint(), "typing.Mapping[str, typing.Any]");
    assert_eq!(<Pair as FromPyObject>::input_hint(), "typing.Tuple[int, str]");
    assert_eq!(<Pair as IntoPy>::output_hint(), "typing.Tuple[int, str]");
    assert_eq!(<hygiene::Newtype as FromPyObject>::input_hint(), "float");
    assert_eq!(<hygiene::Newtype as IntoPy>::output_hint(), "float");
    assert_eq!(<Number as FromPyObject>::input_hint(), "typing.Union[int, float, str, typing.Any]");
    assert_eq!(<Number as IntoPy>::output_hint(), "typing.Union[int, float, str, typing.Dict[str, typing.Any]]");
    assert_eq!(<hygiene::Tuple as IntoPy>::output_hint(), "typing.Tuple[int, str, float]");
    assert_eq!(<records_by_hand::Celsius as FromPyObject>::input_hint(), "typing.Union[float, str]");
    // As parameters (through FromPyArg) the hints are the same.
    assert_eq!(limpet::__private::input_hint_of::<Config>(), "typing.Mapping[str, typing.Any]");
    assert_eq!(limpet::__private::input_hint_of::<Option<Pair>>(), "typing.Optional[typing.Tuple[int, str]]");
}
