import Foundation

/// How the report writes numbers: fixed decimals (POSIX, no locale), no negative zero,
/// digit grouping for integers.
enum NumberFormat {
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

    /// `mean ± sd` with the same decimals for both; `n/a` alone when the mean is NaN.
    static func meanSD(_ mean: Double, _ sd: Double, decimals: Int) -> String {
        mean.isNaN ? "n/a" : "\(fixed(mean, decimals: decimals)) ± \(fixed(sd, decimals: decimals))"
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
