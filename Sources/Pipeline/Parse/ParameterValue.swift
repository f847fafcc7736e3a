/// A value from a cell body or a `--set` override: YAML's scalars, lists and mappings.
public indirect enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    /// An integer.
    case int(Int)
    /// A floating-point number.
    case double(Double)
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// YAML null (`null`, `~` or empty).
    case null
    /// A list.
    case list([ParameterValue])
    /// A mapping, in source order.
    case map([ParameterEntry])

    /// YAML flow text: `600`, `0.01`, `glr`, `[600, 6000]`, `{kind: gmm, covariance: diag}`.
    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return v == v.rounded() && abs(v) < 1e15 ? String(format: "%.1f", v) : String(v)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as a number, if it is one.
    public var number: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        default: return nil
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> ParameterValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first(where: { $0.key == key })?.value
    }
}

/// One key and value of a mapping value.
public struct ParameterEntry: Hashable, Sendable {
    /// The key.
    public var key: String
    /// The value.
    public var value: ParameterValue

    /// Creates an entry.
    public init(key: String, value: ParameterValue) {
        self.key = key
        self.value = value
    }
}

import Foundation
