// f64_methods: f64's methods as rustc lowers them: LLVM intrinsics (powf, sqrt, abs, exp, ln, copysign) and
// C math-library calls (tanh, atan2, hypot, cbrt, exp_m1, ln_1p, cosh), plus asinh, which std writes in Rust.
#[no_mangle]
pub extern "C" fn f64_methods(x: *const f64, n: usize) -> f64 {
    let x = unsafe { std::slice::from_raw_parts(x, n) };
    x.iter()
        .map(|v| {
            v.tanh() + v.atan2(1.5) + v.hypot(0.3) + v.cbrt() + v.exp_m1() + (1.5 + v).ln_1p().abs()
                + (2.0 + v).powf(2.5).sqrt() + v.cosh() + v.asinh() + v.exp().ln() * 0.5
        })
        .sum()
}
