/// The accepted range of a parameter the engine uses as a 32-bit float (`lr`, `momentum`,
/// `weight_decay`, `ewc_lambda`), checked on the value *after* conversion to `Float`: it
/// must be finite (|x| < 3.4e38), not rounded to 0 when written non-zero (below 1.4e-45),
/// and inside [lower, upper) or (lower, …) as declared.
public struct FloatInterval: Sendable {
    /// The lower bound.
    public var lower: Float
    /// Whether the lower bound itself is excluded (`lr` > 0).
    public var lowerOpen: Bool
    /// The upper bound, excluded (`momentum` < 1); nil: none below the largest finite Float.
    public var upperOpen: Float?

    /// An interval from `lower` (excluded when `lowerOpen`) up to `upperOpen` (excluded).
    public init(lower: Float, lowerOpen: Bool = false, upperOpen: Float? = nil) {
        self.lower = lower
        self.lowerOpen = lowerOpen
        self.upperOpen = upperOpen
    }

    /// `a number > 0 (finite as a 32-bit float)`, `a number in [0, 1)`.
    public var expected: String {
        let low = Double(lower).formatted
        if let upper = upperOpen { return "a number in \(lowerOpen ? "(" : "[")\(low), \(Double(upper).formatted))" }
        return "a number \(lowerOpen ? ">" : "≥") \(low) that a 32-bit float holds (below 3.4e38)"
    }

    /// What is wrong with `value` as a Float, nil when it is accepted.
    public func problem(_ value: Double) -> String? {
        let f = Float(value)
        guard f.isFinite else { return "\(value) overflows a 32-bit float (the largest is 3.4e38)" }
        if f == 0 && value != 0 { return "\(value) rounds to 0 as a 32-bit float" }
        if f < lower || (lowerOpen && f == lower) { return "\(value) is \(lowerOpen ? "not above" : "below") \(Double(lower).formatted)" }
        if let upper = upperOpen, f >= upper {
            return f == upper && value < Double(upper) ? "\(value) rounds to \(Double(upper).formatted) as a 32-bit float" : "\(value) is not below \(Double(upper).formatted)"
        }
        return nil
    }
}

extension Double {
    /// Short text for a bound: `0` rather than `0.0`.
    public var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
