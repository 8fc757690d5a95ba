// Plane geometry for the chain; a module of the crate whose root is springs.rs.

/// A point in the plane.
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// The Euclidean distance to `other`.
    pub fn distance(self, other: Point) -> f64 {
        ((other.x - self.x).powi(2) + (other.y - self.y).powi(2)).sqrt()
    }
}
