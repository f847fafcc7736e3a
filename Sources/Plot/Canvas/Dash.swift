/// A dash pattern: alternating on and off lengths in pixels, starting with "on".
public struct Dash: Hashable, Sendable {
    /// On/off lengths in pixels; an odd count repeats twice, as in SVG.
    public var pattern: [Double]

    /// A pattern from on/off lengths (each must be ≥ 0 and their sum > 0).
    public init(_ pattern: [Double]) {
        precondition(!pattern.isEmpty && pattern.allSatisfy { $0 >= 0 } && pattern.reduce(0, +) > 0,
                     "Dash pattern needs non-negative lengths with a positive sum, got \(pattern)")
        self.pattern = pattern.count % 2 == 1 ? pattern + pattern : pattern
    }

    /// Dashes of `on` pixels separated by gaps of `off` pixels.
    public static func dashed(_ on: Double = 6, _ off: Double = 4) -> Dash { Dash([on, off]) }
    /// Round dots (zero-length dashes, drawn as caps) every `spacing` pixels.
    public static func dotted(_ spacing: Double = 4) -> Dash { Dash([0, spacing]) }

    /// The pattern scaled by `factor` (for HiDPI output).
    public func scaled(_ factor: Double) -> Dash { Dash(pattern.map { $0 * factor }) }

    /// Splits a polyline into its "on" pieces, measured along its length.
    func split(_ points: [Point]) -> [[Point]] {
        var pieces: [[Point]] = []
        var index = 0, remaining = pattern[0]
        var on = true
        var current: [Point] = [points[0]]
        for k in 1..<points.count {
            var a = points[k - 1]
            let b = points[k]
            var segment = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            while segment >= remaining {
                let t = segment > 0 ? remaining / segment : 0
                let p = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                if on { current.append(p); pieces.append(current); current = [] } else { current = [p] }
                segment -= remaining; a = p
                on.toggle(); index = (index + 1) % pattern.count; remaining = pattern[index]
                if remaining == 0 && segment == 0 { break }
            }
            remaining -= segment
            if on { current.append(b) }
        }
        if on && current.count >= 1 { pieces.append(current) }
        return pieces
    }
}
