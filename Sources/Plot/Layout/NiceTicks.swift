import Foundation

/// Axis ticks at "nice" steps of 1, 2 or 5 times a power of ten.
public struct NiceTicks: Equatable, Sendable {
    /// Tick values, ascending, exactly multiples of `step` (computed as integer × mantissa × 10^k).
    public let values: [Double]
    /// Distance between ticks.
    public let step: Double

    /// The fewest-tick-but-at-least-readable ticks that cover `lower...upper`.
    ///
    /// Picks the smallest step `m·10^k` (m ∈ {1, 2, 5}) for which the ticks from
    /// `floor(lower/step)·step` to `ceil(upper/step)·step` number at most `maxCount`.
    /// E.g. 0...1 → 0, 0.2, ..., 1; 0...37 → 0, 10, 20, 30, 40. With `integer` the step is
    /// at least 1. A degenerate range is widened by ±0.5 (or ±10 % of its magnitude).
    public init(lower: Double, upper: Double, maxCount: Int = 6, integer: Bool = false) {
        var lo = lower.isFinite ? lower : 0, hi = upper.isFinite ? upper : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            let pad = lo == 0 ? 0.5 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let count = max(2, maxCount)
        var exponent = Int((log10((hi - lo) / Double(count))).rounded(.down)) - 1
        while true {
            for mantissa in [1, 2, 5] {
                if integer && (exponent < 0 || (exponent == 0 && mantissa < 1)) { continue }
                let step = NiceTicks.value(Double(mantissa), exponent)
                let first = (lo / step + 1e-9).rounded(.down)
                let last = (hi / step - 1e-9).rounded(.up)
                if last - first + 1 <= Double(count) {
                    let a = Int(first), b = Int(last)
                    values = (a...b).map { NiceTicks.value(Double($0 * mantissa), exponent) }
                    self.step = step
                    return
                }
            }
            exponent += 1
        }
    }

    /// Ticks within `lower...upper` only (for an axis whose range is fixed by the caller).
    public static func within(lower: Double, upper: Double, maxCount: Int = 6, integer: Bool = false) -> NiceTicks {
        let all = NiceTicks(lower: lower, upper: upper, maxCount: maxCount, integer: integer)
        let slack = all.step * 1e-9
        return NiceTicks(values: all.values.filter { $0 >= lower - slack && $0 <= upper + slack }, step: all.step)
    }

    /// Ticks of a logarithmic axis covering `lower...upper` (both > 0), from the decade
    /// at or below `lower` to the one at or above `upper`: 1, 2, 5 × 10^k when that spans
    /// at most two decades, powers of ten up to six decades, every other power beyond.
    /// E.g. 10...5000 → 10, 100, 1000, 10000; 1...50 → 1, 2, 5, 10, 20, 50, 100.
    public static func logarithmic(lower: Double, upper: Double) -> [Double] {
        let lo = max(min(lower, upper), 1e-300), hi = max(lower, upper, lo)
        let k0 = Int(log10(lo).rounded(.down))
        var k1 = max(Int(log10(hi).rounded(.up)), k0 + 1)
        if k1 - k0 > 6 && (k1 - k0) % 2 == 1 { k1 += 1 }  // end on a labelled power
        let mantissas: [Double] = k1 - k0 <= 2 ? [1, 2, 5] : [1]
        let every = k1 - k0 > 6 ? 2 : 1
        var values: [Double] = []
        for k in stride(from: k0, through: k1, by: every) {
            for m in mantissas where k < k1 || m == 1 { values.append(value(m, k)) }
        }
        return values
    }

    /// Ticks from explicit values.
    public init(values: [Double], step: Double) { self.values = values; self.step = step }

    /// First and last tick (the axis range they suggest).
    public var range: ClosedRange<Double> { (values.first ?? 0)...(values.last ?? 1) }

    /// `v` printed with as many decimals as the step needs ("0.2", "10", "−0.05").
    public func label(_ v: Double) -> String { NiceTicks.format(v, decimals: decimals) }

    /// Decimals needed to print multiples of `step` exactly.
    public var decimals: Int {
        var d = 0, s = step
        while d < 10 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) { s *= 10; d += 1 }
        return d
    }

    /// `v` with `decimals` decimals, no negative zero, and a real minus sign.
    public static func format(_ v: Double, decimals: Int) -> String {
        let text = String(format: "%.\(max(0, decimals))f", v + 0.0)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            return digits.allSatisfy { $0 == "0" || $0 == "." } ? String(digits) : "\u{2212}" + digits
        }
        return text
    }

    /// `m × 10^k` computed so that e.g. 3 × 10⁻¹ is the double nearest 0.3.
    static func value(_ m: Double, _ k: Int) -> Double {
        k >= 0 ? m * pow(10, Double(k)) : m / pow(10, Double(-k))
    }
}
