/// The pixel index `floor(v)`, clamped to ±10⁹ (NaN gives 0) so that any coordinate,
/// however far off the canvas, converts to `Int` without trapping.
@inline(__always)
func floorPixel(_ v: Double) -> Int { v.isNaN ? 0 : Int(min(max(v, -1e9), 1e9).rounded(.down)) }

/// The pixel index `ceil(v)`, clamped like `floorPixel`.
@inline(__always)
func ceilPixel(_ v: Double) -> Int { v.isNaN ? 0 : Int(min(max(v, -1e9), 1e9).rounded(.up)) }
