// vec_growth: a Vec grown by push inside a loop (the allocator's realloc), indexing with bounds checks (panic
// paths that never run), exp/sin/powi, a reversed iterator and a fold, and println! of an active value
// (std's formatting and I/O are inactive).
#[no_mangle]
pub extern "C" fn grown_features(x: *const f64, n: usize) -> f64 {
    let x = unsafe { std::slice::from_raw_parts(x, n) };
    let mut features = Vec::new();
    for (i, a) in x.iter().enumerate() {
        features.push(a * a + 0.1 * i as f64);
        if i % 3 == 0 {
            features.push((0.5 * a).sin());
        }
    }
    let len = features.len();
    let mut total = 0.0;
    for i in 0..len {
        total += features[i] * features[(i * 7 + 3) % len].powi(3);
    }
    let decay = features.iter().rev().fold(0.0, |acc, f| 0.9 * acc + (-f * f).exp());
    println!("vec_growth: {} features, total {:.6}", len, total);
    total + decay
}
