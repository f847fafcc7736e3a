import Foundation

/// One axis of a chart: its label and, optionally, a fixed range and ticks.
public struct Axis: Sendable {
    /// The axis title ("" for none).
    public var label: String
    /// A fixed range; nil takes the data's range widened to nice ticks.
    public var range: ClosedRange<Double>?
    /// Explicit tick positions; nil picks 1-2-5 ticks (`NiceTicks`).
    public var ticks: [Double]?
    /// Labels for explicit `ticks` (same count); nil prints the values.
    public var tickLabels: [String]?
    /// Keep automatic ticks on whole numbers (e.g. experience indices).
    public var integerTicks: Bool
    /// Logarithmic scale (line charts and scatter plots): ticks at 1, 2, 5 × 10^k or at
    /// powers of ten; values ≤ 0 are left out.
    public var logScale: Bool

    /// An axis; every argument but the label is optional.
    public init(_ label: String = "", range: ClosedRange<Double>? = nil, ticks: [Double]? = nil,
                tickLabels: [String]? = nil, integerTicks: Bool = false, logScale: Bool = false) {
        self.label = label; self.range = range; self.ticks = ticks
        self.tickLabels = tickLabels; self.integerTicks = integerTicks; self.logScale = logScale
    }

    /// Smallest and largest value that can be drawn on this axis (finite, and positive
    /// on a log scale); (0, 1) or (1, 10) when there is none.
    func extent(_ values: [Double]) -> (Double, Double) {
        let usable = values.filter { $0.isFinite && (!logScale || $0 > 0) }
        guard let lo = usable.min(), let hi = usable.max() else { return logScale ? (1, 10) : (0, 1) }
        return (lo, hi)
    }

    /// The domain and the labelled ticks for data spanning `dataMin...dataMax`.
    func resolve(dataMin: Double, dataMax: Double) -> (domain: ClosedRange<Double>, ticks: [(Double, String)]) {
        if let ticks {
            let decimals = ticks.map(Axis.decimalsNeeded).max() ?? 0
            let labels = tickLabels ?? ticks.map { NiceTicks.format($0, decimals: decimals) }
            let lo = range?.lowerBound ?? min(ticks.min() ?? dataMin, dataMin)
            let hi = range?.upperBound ?? max(ticks.max() ?? dataMax, dataMax)
            return (Axis.widen(lo, hi), Array(zip(ticks, labels)))
        }
        if logScale { return resolveLog(dataMin: dataMin, dataMax: dataMax) }
        if let range {
            let nice = NiceTicks.within(lower: range.lowerBound, upper: range.upperBound, integer: integerTicks)
            return (Axis.widen(range.lowerBound, range.upperBound), nice.values.map { ($0, nice.label($0)) })
        }
        let lo = dataMin.isFinite ? dataMin : 0, hi = dataMax.isFinite ? dataMax : 1
        let nice = NiceTicks(lower: lo, upper: hi, integer: integerTicks)
        return (nice.range, nice.values.map { ($0, nice.label($0)) })
    }

    /// `lo...hi`, widened when empty so that mapping never divides by zero.
    static func widen(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        hi > lo ? lo...hi : (lo - 0.5)...(lo + 0.5)
    }

    /// The fewest decimals (at most 6) that print `v` exactly to within 10⁻⁹ relative.
    static func decimalsNeeded(_ v: Double) -> Int {
        guard v.isFinite else { return 0 }
        var scaled = v
        for d in 0...6 {
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return d }
            scaled *= 10
        }
        return 6
    }

    /// Domain and ticks of a log axis (`NiceTicks.logarithmic`); the domain spans whole
    /// decades unless `range` is set.
    func resolveLog(dataMin: Double, dataMax: Double) -> (domain: ClosedRange<Double>, ticks: [(Double, String)]) {
        let lo = max(range?.lowerBound ?? dataMin, 1e-300)
        let hi = max(range?.upperBound ?? dataMax, lo * 1.001)
        let all = NiceTicks.logarithmic(lower: lo, upper: hi)
        let domain = range == nil ? (all.first ?? lo)...(all.last ?? hi) : lo...hi
        let values = all.filter { $0 >= domain.lowerBound * (1 - 1e-9) && $0 <= domain.upperBound * (1 + 1e-9) }
        return (domain, values.map { ($0, NiceTicks.format($0, decimals: Axis.decimalsNeeded($0))) })
    }
}
