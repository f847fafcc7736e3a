import Foundation

/// How the report writes numbers: fixed decimals (POSIX, no locale), no negative zero,
/// digit grouping for integers.
enum NumberFormat {
    /// A metric a run does not define (the offline joint's forgetting, BWT, FWT): an en dash, never 0.
    static let undefined = "–"

    /// `value` with exactly `decimals` decimals (`0.8123` at 3 → `0.812`); `-0.000` becomes
    /// `0.000`; NaN is `n/a` and infinities `∞`/`−∞`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value < 0 ? "−∞" : "∞" }
        let text = String(format: "%.\(max(0, min(decimals, 17)))f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// A signed value with an explicit `+` for positive numbers (for BWT, FWT).
    static func signed(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        return value > 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "+" + text : text
    }

    /// `mean ± sd` with the same decimals for both (grouped digits at 0 decimals); the mean
    /// alone when sd is exactly 0 (a figure that does not vary over seeds, such as storage
    /// bytes); `n/a` alone when the mean is NaN.
    static func meanSD(_ mean: Double, _ sd: Double, decimals: Int) -> String {
        if mean.isNaN { return "n/a" }
        func text(_ value: Double) -> String {
            decimals == 0 && value.isFinite && value.magnitude < 1e15 ? grouped(Int(value.rounded())) : fixed(value, decimals: decimals)
        }
        return sd == 0 ? text(mean) : "\(text(mean)) ± \(text(sd))"
    }

    /// An integer with comma grouping: `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }
}
