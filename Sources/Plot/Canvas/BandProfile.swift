/// The distribution of a unit pixel square's area along a unit normal (nx, ny).
///
/// Projected on the normal, the square spreads its unit area over a trapezoid: the
/// convolution of boxes of widths `p = max(|nx|, |ny|)` and `q = min(|nx|, |ny|)`, with
/// support `±(p + q)/2` and a plateau `±(p − q)/2` of height `1/p`. `cdf(x)` is the
/// area lying at signed distance ≤ x from the pixel centre, so the area of the square
/// inside a band `lo ≤ d ≤ hi` is `cdf(hi − centre) − cdf(lo − centre)`.
struct BandProfile {
    let p: Double, q: Double

    init(nx: Double, ny: Double) {
        p = max(abs(nx), abs(ny)); q = min(abs(nx), abs(ny))
    }

    /// Area of the square at signed distance ≤ x (0 below the support, 1 above).
    @inline(__always)
    func cdf(_ x: Double) -> Double {
        let outer = (p + q) / 2, inner = (p - q) / 2
        if x <= -outer { return 0 }
        if x >= outer { return 1 }
        let ramp = q > 1e-12 ? q / (2 * p) : 0  // area of each triangular ramp
        if x < -inner { let u = x + outer; return u * u / (2 * p * q) }
        if x <= inner { return ramp + (x + inner) / p }
        let u = outer - x
        return 1 - u * u / (2 * p * q)
    }
}
