extension Canvas {
    /// Draws a filled `shape` centred at (x, y) whose bounding box is about `size` pixels.
    ///
    /// Shapes are scaled to have similar visual weight: the square and diamond are a
    /// little smaller than the circle's diameter, the triangle a little larger.
    public mutating func marker(_ shape: Marker, _ x: Double, _ y: Double, size: Double, color: Color) {
        let h = size / 2
        switch shape {
        case .circle:
            fillCircle(x, y, h, color: color)
        case .square:
            let s = h * 0.85
            fillRect(x - s, y - s, 2 * s, 2 * s, color: color)
        case .triangle:
            let r = h * 1.2
            fillPolygon([Point(x, y - r), Point(x + r * 0.866, y + r * 0.5), Point(x - r * 0.866, y + r * 0.5)],
                        color: color)
        case .diamond:
            let r = h * 1.15
            fillPolygon([Point(x, y - r), Point(x + r, y), Point(x, y + r), Point(x - r, y)], color: color)
        case .cross:
            let r = h * 0.85, w = max(1.5, size / 4)
            let gap = Point(.nan, .nan)
            polyline([Point(x - r, y - r), Point(x + r, y + r), gap, Point(x - r, y + r), Point(x + r, y - r)],
                     width: w, color: color)
        }
    }
}
