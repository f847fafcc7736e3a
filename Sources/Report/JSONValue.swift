// results.json's value tree: a small JSON model with a deterministic writer (sorted keys,
// shortest round-trip number text) so that an unchanged number always gives unchanged text.

/// A JSON value as results.json stores it. Integers and doubles are kept apart so that a
/// byte count stays `6000` and an accuracy keeps its shortest round-trip text (`0.8123`).
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer written without a decimal point.
    case integer(Int)
    /// A finite double written with Swift's shortest round-trip text (non-finite values are
    /// stored as the strings `"nan"`, `"inf"`, `"-inf"` by `JSONValue.number`).
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; written with its keys sorted.
    case object([String: JSONValue])

    /// A double as JSON: finite values as numbers, non-finite ones as strings (JSON has no NaN).
    public static func number(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("nan") }
        if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
        return .double(value)
    }

    /// A float as JSON through its own shortest text (`Float(0.1)` → `0.1`, not `0.10000000149011612`).
    public static func number(_ value: Float) -> JSONValue {
        guard value.isFinite else { return number(Double(value)) }
        return .double(Double(value.description) ?? Double(value))
    }

    /// The numeric value of an integer or double, nil otherwise.
    public var numericValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Member of an object, nil for other values or missing keys.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The items of an `.array`, nil otherwise.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The string of a `.string`, nil otherwise.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
