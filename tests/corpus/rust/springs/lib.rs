// springs: a chain of 2-D points joined by springs, written the way Rust code is written (a slice over the
// caller's array, chunks and windows, a Vec collected from an iterator, powi and sqrt, sums of iterators),
// plus two exported functions that ask for their own derivatives through the Enzyme API.
use std::ffi::c_void;
use std::os::raw::c_int;

extern "C" {
    fn __enzyme_autodiff(f: *const c_void, ...);
    fn __enzyme_fwddiff(f: *const c_void, ...) -> f64;
    static enzyme_dup: c_int;
    static enzyme_const: c_int;
}

/// Elastic energy of the chain (stiffness k, rest length rest) plus gravity; x holds n points (x0, y0, x1, ...).
#[no_mangle]
pub extern "C" fn chain_energy(x: *const f64, n: usize, k: f64, rest: f64) -> f64 {
    let coordinates = unsafe { std::slice::from_raw_parts(x, 2 * n) };
    let points: Vec<(f64, f64)> = coordinates.chunks_exact(2).map(|c| (c[0], c[1])).collect();
    let elastic: f64 = points
        .windows(2)
        .map(|w| {
            let length = ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
            0.5 * k * (length - rest).powi(2)
        })
        .sum();
    let gravity: f64 = points.iter().map(|p| 9.81 * p.1).sum();
    elastic + gravity + points[0].0.sin()
}

/// The gradient of chain_energy with respect to x, into dx (accumulated), computed by a request in Rust.
#[no_mangle]
pub extern "C" fn chain_energy_gradient(x: *const f64, dx: *mut f64, n: usize, k: f64, rest: f64) {
    unsafe {
        __enzyme_autodiff(chain_energy as *const c_void, enzyme_dup, x, dx, enzyme_const, n, enzyme_const, k, enzyme_const, rest);
    }
}

/// The directional derivative of chain_energy along v, computed by a request in Rust.
#[no_mangle]
pub extern "C" fn chain_energy_tangent(x: *const f64, v: *const f64, n: usize, k: f64, rest: f64) -> f64 {
    unsafe { __enzyme_fwddiff(chain_energy as *const c_void, enzyme_dup, x, v, enzyme_const, n, enzyme_const, k, enzyme_const, rest) }
}
