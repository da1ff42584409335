//! The platform loader's symbol lookup (`<dlfcn.h>`, not a CPython header).
//!
//! limpet resolves Stable-ABI functions newer than 3.7 at run time (see [`crate::dynamic`]).
//! Declared here rather than through the `libc` crate: this one function is all the project
//! needs from it, and `libc` was on the critical path of every clean build (issue 13).
//! `dlsym` lives in the C library (glibc 2.34+, musl, macOS) or in `libdl`, which Rust's
//! standard library already links on every Unix target.

use std::os::raw::{c_char, c_void};

/// `RTLD_DEFAULT`: search the global scope of the process (where the interpreter's symbols are).
#[cfg(any(target_os = "linux", target_os = "android", target_os = "emscripten"))]
pub const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();
/// `RTLD_DEFAULT`: search the global scope of the process (where the interpreter's symbols are).
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "dragonfly"
))]
pub const RTLD_DEFAULT: *mut c_void = -2isize as *mut c_void;
/// `RTLD_DEFAULT`: search the global scope of the process (where the interpreter's symbols are).
#[cfg(target_os = "openbsd")]
pub const RTLD_DEFAULT: *mut c_void = -2isize as *mut c_void;

#[cfg(unix)]
extern "C" {
    pub fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}
