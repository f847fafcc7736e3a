/// A sequential colour map: piecewise-linear interpolation between control colours.
public struct ColorMap: Sendable {
    /// Control colours at evenly spaced positions 0, 1/(n−1), ..., 1.
    public let stops: [Color]

    /// A map through `stops` (at least two).
    public init(stops: [Color]) {
        precondition(stops.count >= 2, "A colour map needs at least two stops, got \(stops.count)")
        self.stops = stops
    }

    /// The colour at `t` (clamped to 0...1; NaN gives the first stop).
    public func color(at t: Double) -> Color {
        let u = t.isNaN ? 0 : min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(u), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], u - Double(i))
    }

    /// Viridis (van der Walt and Smith, matplotlib), approximated by 9 control points:
    /// perceptually uniform, colour-blind safe, dark purple (0) to yellow (1).
    public static let viridis = ColorMap(stops: [
        Color(hex: 0x440154), Color(hex: 0x472D7B), Color(hex: 0x3B528B), Color(hex: 0x2C728E),
        Color(hex: 0x21918C), Color(hex: 0x28AE80), Color(hex: 0x5EC962), Color(hex: 0xADDC30),
        Color(hex: 0xFDE725),
    ])
}
