//! The calling thread's stack bounds (`<pthread.h>` non-portable extensions; not a CPython
//! header). limpet's nested conversions keep a margin of stack free (`src/convert/depth.rs`).
//! Declared here rather than through the `libc` crate (see `dlfcn.rs` on why).

/// `(lowest address, size)` of the calling thread's stack, if the platform tells.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
pub fn current_thread_stack() -> Option<(usize, usize)> {
    use std::os::raw::{c_int, c_ulong, c_void};
    /// glibc's and musl's `pthread_attr_t` is at most 64 bytes (aarch64 glibc) and aligned
    /// like a `long`: a larger, 8-aligned buffer holds it on every Linux target.
    #[repr(C, align(8))]
    struct PthreadAttr([u8; 128]);
    extern "C" {
        fn pthread_self() -> c_ulong;
        fn pthread_getattr_np(thread: c_ulong, attr: *mut PthreadAttr) -> c_int;
        fn pthread_attr_getstack(attr: *const PthreadAttr, addr: *mut *mut c_void, size: *mut usize) -> c_int;
        fn pthread_attr_destroy(attr: *mut PthreadAttr) -> c_int;
    }
    let mut attr = std::mem::MaybeUninit::<PthreadAttr>::uninit();
    let (mut addr, mut size) = (std::ptr::null_mut(), 0usize);
    // SAFETY: `attr` is large and aligned enough for the C type; pthread_getattr_np
    // initializes it for the calling thread when it returns 0, and only then is it read and
    // destroyed; pthread_attr_getstack writes the two out-params.
    let ok = unsafe {
        pthread_getattr_np(pthread_self(), attr.as_mut_ptr()) == 0 && {
            let got = pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size) == 0;
            pthread_attr_destroy(attr.as_mut_ptr());
            got
        }
    };
    (ok && !addr.is_null() && size != 0).then_some((addr as usize, size))
}

/// `(lowest address, size)` of the calling thread's stack, if the platform tells.
#[cfg(target_os = "macos")]
pub fn current_thread_stack() -> Option<(usize, usize)> {
    use std::os::raw::c_void;
    extern "C" {
        fn pthread_self() -> *mut c_void;
        fn pthread_get_stackaddr_np(thread: *mut c_void) -> *mut c_void;
        fn pthread_get_stacksize_np(thread: *mut c_void) -> usize;
    }
    // SAFETY: both read the calling thread's own descriptor (the top of its stack, which
    // grows down, and its size).
    let (top, size) =
        unsafe { (pthread_get_stackaddr_np(pthread_self()) as usize, pthread_get_stacksize_np(pthread_self())) };
    (top > size && size != 0).then(|| (top - size, size))
}

/// `(lowest address, size)` of the calling thread's stack, if the platform tells.
#[cfg(not(any(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")), target_os = "macos")))]
pub fn current_thread_stack() -> Option<(usize, usize)> {
    None
}
