/// Per-pixel coverage (0...1) over an absolute bounding box, composited once.
///
/// Shapes made of several pieces (a polyline's segments, a dashed line's dashes) take
/// the maximum coverage of their pieces, so joins and overlaps are not blended twice
/// and a translucent line has one uniform opacity.
struct CoverageMask {
    let minX: Int, minY: Int, maxX: Int, maxY: Int
    var values: [Float]

    /// A zero mask over `[minX, maxX) × [minY, maxY)` (empty if inverted).
    init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX; self.minY = minY
        self.maxX = max(minX, maxX); self.maxY = max(minY, maxY)
        values = [Float](repeating: 0, count: (self.maxX - minX) * (self.maxY - minY))
    }

    /// A mask covering the absolute box `[x0, x1] × [y0, y1]` (plus one pixel) clipped to the canvas clip.
    init(canvas: Canvas, x0: Double, y0: Double, x1: Double, y1: Double) {
        func lo(_ v: Double, _ limit: Int) -> Int { v.isFinite ? max(limit, floorPixel(v - 1)) : limit }
        func hi(_ v: Double, _ limit: Int) -> Int { v.isFinite ? min(limit, ceilPixel(v + 2)) : limit }
        self.init(minX: lo(x0, canvas.clipMinX), minY: lo(y0, canvas.clipMinY),
                  maxX: hi(x1, canvas.clipMaxX), maxY: hi(y1, canvas.clipMaxY))
    }

    var width: Int { maxX - minX }

    /// Raises coverage to that of a round-capped segment (a capsule) from a to b with
    /// half-width `radius`.
    ///
    /// Beside the segment the coverage is the exact area of the pixel square inside the
    /// band `|d| ≤ radius` (the square's projection on the normal is a trapezoid, whose
    /// CDF is integrated in closed form), so lines of every angle and width have the right
    /// weight. Beyond the ends (round caps) it is `clamp(radius + 0.5 - distance, 0, 1)`.
    mutating func addCapsule(_ a: Point, _ b: Point, radius: Double) {
        let r = max(radius, 0)
        let reach = r + 1
        let x0 = max(minX, floorPixel(min(a.x, b.x) - reach))
        let x1 = min(maxX, ceilPixel(max(a.x, b.x) + reach))
        let y0 = max(minY, floorPixel(min(a.y, b.y) - reach))
        let y1 = min(maxY, ceilPixel(max(a.y, b.y) + reach))
        guard x0 < x1, y0 < y1 else { return }
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        let ux = length > 0 ? dx / length : 1, uy = length > 0 ? dy / length : 0
        let band = BandProfile(nx: -uy, ny: ux)
        for y in y0..<y1 {
            let py = Double(y) + 0.5
            for x in x0..<x1 {
                let px = Double(x) + 0.5
                let t = (px - a.x) * ux + (py - a.y) * uy
                let c: Double
                if t >= 0 && t <= length {
                    let d = -(px - a.x) * uy + (py - a.y) * ux
                    c = band.cdf(d + r) - band.cdf(d - r)
                } else {
                    let ex = t < 0 ? px - a.x : px - b.x, ey = t < 0 ? py - a.y : py - b.y
                    let dist = (ex * ex + ey * ey).squareRoot()
                    c = r < 0.5 ? 2 * r * min(max(1 - dist, 0), 1) : min(max(r + 0.5 - dist, 0), 1)
                }
                let i = (y - minY) * width + (x - minX)
                values[i] = max(values[i], Float(c))
            }
        }
    }

    /// Adds the exact-in-x, 16×-supersampled-in-y area coverage of a polygon
    /// (non-zero winding rule). Accumulates (capped at 1), so call it once per shape.
    mutating func addPolygon(_ points: [Point]) {
        let n = points.count
        guard n >= 3, width > 0 else { return }
        let samples = 16
        var crossings: [(x: Double, winding: Int)] = []
        for y in minY..<maxY {
            for s in 0..<samples {
                let sy = Double(y) + (Double(s) + 0.5) / Double(samples)
                crossings.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    let p = points[i], q = points[(i + 1) % n]
                    if (p.y <= sy) != (q.y <= sy) {
                        let x = p.x + (sy - p.y) / (q.y - p.y) * (q.x - p.x)
                        crossings.append((x, q.y > p.y ? 1 : -1))
                    }
                }
                crossings.sort { $0.x < $1.x }
                var winding = 0
                for k in 0..<max(0, crossings.count - 1) {
                    winding += crossings[k].winding
                    if winding != 0 { addSpan(y, crossings[k].x, crossings[k + 1].x, 1 / Float(samples)) }
                }
            }
        }
        for i in values.indices { values[i] = min(values[i], 1) }
    }

    /// Adds `weight` times the horizontal coverage of `[xa, xb)` to row y.
    private mutating func addSpan(_ y: Int, _ xa: Double, _ xb: Double, _ weight: Float) {
        let lo = max(xa, Double(minX)), hi = min(xb, Double(maxX))
        guard lo < hi else { return }
        let first = Int(lo.rounded(.down)), last = min(maxX - 1, Int(hi.rounded(.down)))
        let row = (y - minY) * width - minX
        if first == last { values[row + first] += weight * Float(hi - lo); return }
        values[row + first] += weight * Float(Double(first + 1) - lo)
        if first + 1 < last { for x in (first + 1)..<last { values[row + x] += weight } }
        values[row + last] += weight * Float(hi - Double(last))
    }

    /// Blends `color` into `canvas`, pixel by pixel, weighted by this mask.
    func composite(into canvas: inout Canvas, _ color: Color) {
        guard width > 0 else { return }
        for y in minY..<maxY {
            for x in minX..<maxX {
                let c = values[(y - minY) * width + (x - minX)]
                if c > 0 { canvas.blend(x, y, color, coverage: c) }
            }
        }
    }
}
