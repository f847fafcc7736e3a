extension Canvas {
    /// Draws an anti-aliased line from (x0, y0) to (x1, y1) with round caps.
    ///
    /// Coverage is `clamp(width/2 + 0.5 - d, 0, 1)` at a pixel centre at distance d
    /// from the segment, so a line of length L and width w covers about
    /// `L w + π w²/4` pixels' worth of alpha.
    public mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double,
                              width: Double = 1, color: Color, dash: Dash? = nil) {
        polyline([Point(x0, y0), Point(x1, y1)], width: width, color: color, dash: dash)
    }

    /// Draws an anti-aliased open polyline with round joins and caps, optionally dashed.
    ///
    /// Points are region-relative; non-finite points split the line into pieces (a gap).
    /// Overlapping pieces are composited once (maximum coverage), so translucent lines
    /// stay uniform at joins.
    public mutating func polyline(_ points: [Point], width: Double = 1, color: Color, dash: Dash? = nil) {
        let runs = finiteRuns(points)
        guard !runs.isEmpty, width > 0 else { return }
        var pieces: [[Point]] = []
        for run in runs { pieces += dash.map { $0.split(run) } ?? [run] }
        let all = pieces.flatMap { $0 }
        guard let mask = strokeMask(pieces, over: all, radius: width / 2) else { return }
        mask.composite(into: &self, color)
    }

    /// Draws the outline of a closed polygon (round joins), optionally dashed.
    public mutating func strokePolygon(_ points: [Point], width: Double = 1, color: Color, dash: Dash? = nil) {
        guard let first = points.first else { return }
        polyline(points + [first], width: width, color: color, dash: dash)
    }

    /// Region-relative points in absolute coordinates, split at non-finite points.
    func finiteRuns(_ points: [Point]) -> [[Point]] {
        var runs: [[Point]] = [], run: [Point] = []
        for p in points {
            if p.x.isFinite && p.y.isFinite {
                run.append(Point(p.x + Double(originX), p.y + Double(originY)))
            } else if !run.isEmpty { runs.append(run); run = [] }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    /// A mask with the capsules of every consecutive pair of every piece.
    private func strokeMask(_ pieces: [[Point]], over all: [Point], radius: Double) -> CoverageMask? {
        guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(),
              let minY = all.map(\.y).min(), let maxY = all.map(\.y).max() else { return nil }
        let reach = radius + 1
        var mask = CoverageMask(canvas: self, x0: minX - reach, y0: minY - reach, x1: maxX + reach, y1: maxY + reach)
        for piece in pieces {
            if piece.count == 1 { mask.addCapsule(piece[0], piece[0], radius: radius) }
            for k in 1..<max(1, piece.count) { mask.addCapsule(piece[k - 1], piece[k], radius: radius) }
        }
        return mask
    }
}
