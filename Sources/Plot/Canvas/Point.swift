/// A position in canvas coordinates (pixels, y down; pixel centres at `i + 0.5`).
public struct Point: Hashable, Sendable {
    /// Horizontal and vertical coordinate.
    public var x: Double, y: Double
    /// A point at (x, y).
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}
