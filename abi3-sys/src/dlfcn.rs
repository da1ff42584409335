//! The platform loader's symbol lookup (`<dlfcn.h>` on Unix, `GetProcAddress` on Windows; not
//! a CPython header).
//!
//! limpet resolves Stable-ABI functions newer than 3.7 at run time (see [`crate::dynamic`])
//! through [`lookup`]. Declared here rather than through the `libc` / `windows-sys` crates:
//! these few functions are all the project needs from them, and `libc` was on the critical
//! path of every clean build (issue 13).
//! * Unix: `dlsym(RTLD_DEFAULT, name)`, the process's global scope, where the interpreter's
//!   symbols are. `dlsym` lives in the C library (glibc 2.34+, musl, macOS) or in `libdl`,
//!   which Rust's standard library already links on every Unix target.
//! * Windows: `GetProcAddress` on `python3.dll`, the Stable-ABI DLL the extension imports
//!   from (so it is loaded), which forwards each name to the running `python3X.dll`.

use std::ffi::CStr;
use std::os::raw::{c_char, c_void};

/// `RTLD_DEFAULT`: search the global scope of the process (where the interpreter's symbols are).
#[cfg(any(target_os = "linux", target_os = "android", target_os = "emscripten"))]
const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();
/// `RTLD_DEFAULT`: search the global scope of the process (where the interpreter's symbols are).
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "dragonfly",
    target_os = "openbsd"
))]
const RTLD_DEFAULT: *mut c_void = -2isize as *mut c_void;

#[cfg(unix)]
extern "C" {
    pub fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}

#[cfg(windows)]
#[link(name = "kernel32")]
extern "system" {
    pub fn GetModuleHandleW(module_name: *const u16) -> *mut c_void;
    pub fn GetProcAddress(module: *mut c_void, proc_name: *const c_char) -> *mut c_void;
}

/// The address of the exported symbol `name` of the running interpreter, or null when it
/// has none (an older version). Calling through the pointer is the caller's business (and
/// `unsafe`): this only looks the name up, which is thread-safe on every platform.
#[cfg(unix)]
pub fn lookup(name: &CStr) -> *mut c_void {
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name (a &CStr) reads only the name
    // and the loader's tables; it returns null for a missing symbol.
    unsafe { dlsym(RTLD_DEFAULT, name.as_ptr()) }
}

/// The address of the exported symbol `name` of the running interpreter, or null when it
/// has none (an older version). Calling through the pointer is the caller's business (and
/// `unsafe`): this only looks the name up, which is thread-safe on every platform.
#[cfg(windows)]
pub fn lookup(name: &CStr) -> *mut c_void {
    // "python3.dll", NUL-terminated UTF-16 (ASCII: one unit per byte)
    const DLL: [u16; 12] = {
        let b = b"python3.dll\0";
        let mut w = [0u16; 12];
        let mut i = 0;
        while i < 12 {
            w[i] = b[i] as u16;
            i += 1;
        }
        w
    };
    // SAFETY: both calls get NUL-terminated names that outlive them; GetModuleHandleW takes
    // no reference on the module (python3.dll stays loaded: this extension imports from it),
    // and GetProcAddress is called only with the non-null handle it returned.
    unsafe {
        let module = GetModuleHandleW(DLL.as_ptr());
        if module.is_null() {
            std::ptr::null_mut()
        } else {
            GetProcAddress(module, name.as_ptr())
        }
    }
}
