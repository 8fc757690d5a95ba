// A hanging chain of point masses joined by springs, written as ordinary Rust: a slice over the caller's
// array, chunks, windows and zips, a Vec collected from an iterator, powi and sqrt. Enzyme.Sdk compiles the
// crate to bitcode, differentiates it at build time and links std into libsprings.so.
use std::ffi::c_void;
use std::os::raw::c_int;

// A module file of the crate (native/geometry.rs): compiled with this crate root, not an EnzymeSource of its own.
mod geometry;
use geometry::Point;

/// The chain's physical constants (per unit mass).
const GRAVITY: f64 = 9.81;
const ANCHOR_STIFFNESS: f64 = 1.0e4;

/// Total energy of n masses at positions (x0, y0, x1, y1, ...): springs of stiffness `stiffness` and rest
/// length `rest` between neighbours, gravity, and stiff anchors holding the first mass at (0, 0) and the last
/// at (span, 0).
#[no_mangle]
pub extern "C" fn chain_energy(positions: *const f64, n: usize, stiffness: f64, rest: f64, span: f64) -> f64 {
    let coordinates = unsafe { std::slice::from_raw_parts(positions, 2 * n) };
    let points: Vec<Point> = coordinates.chunks_exact(2).map(|c| Point { x: c[0], y: c[1] }).collect();
    let elastic: f64 = points
        .windows(2)
        .map(|pair| 0.5 * stiffness * (pair[0].distance(pair[1]) - rest).powi(2))
        .sum();
    let potential: f64 = points.iter().map(|p| GRAVITY * p.y).sum();
    let first = points[0];
    let last = points[n - 1];
    let anchors = ANCHOR_STIFFNESS * (first.x.powi(2) + first.y.powi(2) + (last.x - span).powi(2) + last.y.powi(2));
    elastic + potential + anchors
}

// The Enzyme API, called from Rust: the engine replaces these calls with generated derivatives.
extern "C" {
    fn __enzyme_autodiff(f: *const c_void, ...);
    fn __enzyme_fwddiff(f: *const c_void, ...) -> f64;
    static enzyme_dup: c_int;
    static enzyme_const: c_int;
}

/// The gradient of chain_energy with respect to the positions, added into `gradient`: a request written in Rust.
#[no_mangle]
pub extern "C" fn chain_energy_gradient_from_rust(positions: *const f64, gradient: *mut f64, n: usize, stiffness: f64, rest: f64, span: f64) {
    unsafe {
        __enzyme_autodiff(
            chain_energy as *const c_void,
            enzyme_dup, positions, gradient,
            enzyme_const, n,
            enzyme_const, stiffness,
            enzyme_const, rest,
            enzyme_const, span,
        );
    }
}

/// The derivative of chain_energy along `direction` (forward mode), requested from Rust.
#[no_mangle]
pub extern "C" fn chain_energy_slope_from_rust(positions: *const f64, direction: *const f64, n: usize, stiffness: f64, rest: f64, span: f64) -> f64 {
    unsafe {
        __enzyme_fwddiff(
            chain_energy as *const c_void,
            enzyme_dup, positions, direction,
            enzyme_const, n,
            enzyme_const, stiffness,
            enzyme_const, rest,
            enzyme_const, span,
        )
    }
}
