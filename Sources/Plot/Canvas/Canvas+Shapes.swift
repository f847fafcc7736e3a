extension Canvas {
    /// Fills the rectangle `[x, x+w) × [y, y+h)` (region-relative); fractional edges are
    /// anti-aliased by exact area coverage. Negative sizes extend left/up.
    public mutating func fillRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, color: Color) {
        let ax0 = min(x, x + w) + Double(originX), ax1 = max(x, x + w) + Double(originX)
        let ay0 = min(y, y + h) + Double(originY), ay1 = max(y, y + h) + Double(originY)
        guard ax0.isFinite, ax1.isFinite, ay0.isFinite, ay1.isFinite else { return }
        let px0 = max(clipMinX, floorPixel(ax0)), px1 = min(clipMaxX, ceilPixel(ax1))
        let py0 = max(clipMinY, floorPixel(ay0)), py1 = min(clipMaxY, ceilPixel(ay1))
        guard px0 < px1, py0 < py1 else { return }
        for py in py0..<py1 {
            let cy = min(ay1, Double(py + 1)) - max(ay0, Double(py))
            for px in px0..<px1 {
                let cx = min(ax1, Double(px + 1)) - max(ax0, Double(px))
                blend(px, py, color, coverage: Float(cx * cy))
            }
        }
    }

    /// Strokes the rectangle `[x, x+w) × [y, y+h)` with a band of `width` pixels inside
    /// its edges (so a 1-pixel stroke of an integer rectangle is crisp).
    public mutating func strokeRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double,
                                    width: Double = 1, color: Color) {
        let x0 = min(x, x + w), y0 = min(y, y + h), ww = abs(w), hh = abs(h)
        let t = min(width, ww / 2, hh / 2)
        fillRect(x0, y0, ww, t, color: color)
        fillRect(x0, y0 + hh - t, ww, t, color: color)
        fillRect(x0, y0 + t, t, hh - 2 * t, color: color)
        fillRect(x0 + ww - t, y0 + t, t, hh - 2 * t, color: color)
    }

    /// Fills a disc of radius `r` centred at (cx, cy), anti-aliased:
    /// coverage `clamp(r + 0.5 - d, 0, 1)` at a pixel centre at distance d.
    public mutating func fillCircle(_ cx: Double, _ cy: Double, _ r: Double, color: Color) {
        ring(cx, cy, inner: -1, outer: r, color: color)
    }

    /// Strokes a circle of radius `r` with a line `width` pixels wide centred on it.
    public mutating func strokeCircle(_ cx: Double, _ cy: Double, _ r: Double, width: Double = 1, color: Color) {
        ring(cx, cy, inner: r - width / 2, outer: r + width / 2, color: color)
    }

    /// Fills a polygon (non-zero winding rule; any shape, convex or not), anti-aliased.
    public mutating func fillPolygon(_ points: [Point], color: Color) {
        guard let run = finiteRuns(points).first, run.count >= 3, run.count == points.count else { return }
        let xs = run.map(\.x), ys = run.map(\.y)
        var mask = CoverageMask(canvas: self, x0: xs.min()!, y0: ys.min()!, x1: xs.max()!, y1: ys.max()!)
        mask.addPolygon(run)
        mask.composite(into: &self, color)
    }

    /// Fills the annulus `inner ≤ d ≤ outer` around (cx, cy), region-relative.
    private mutating func ring(_ cx: Double, _ cy: Double, inner: Double, outer: Double, color: Color) {
        let ax = cx + Double(originX), ay = cy + Double(originY)
        guard ax.isFinite, ay.isFinite, outer > 0 else { return }
        let x0 = max(clipMinX, floorPixel(ax - outer - 1))
        let x1 = min(clipMaxX, ceilPixel(ax + outer + 1))
        let y0 = max(clipMinY, floorPixel(ay - outer - 1))
        let y1 = min(clipMaxY, ceilPixel(ay + outer + 1))
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            for px in x0..<x1 {
                let dx = Double(px) + 0.5 - ax, dy = Double(py) + 0.5 - ay
                let d = (dx * dx + dy * dy).squareRoot()
                var c = min(max(outer + 0.5 - d, 0), 1)
                if inner > -0.5 { c = min(c, min(max(d - inner + 0.5, 0), 1)) }
                blend(px, py, color, coverage: Float(c))
            }
        }
    }
}
