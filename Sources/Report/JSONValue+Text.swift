// Writing a JSONValue as text: two-space indentation, keys sorted by their UTF-8 bytes,
// arrays of scalars and of small scalar objects on one line (matrices stay readable), "\n" at the end.
// Foundation reads JSON (`JSONValue+Reading`), but this writer stays hand-written: it is what
// keeps results.json byte-stable (integers apart from doubles, Swift's shortest round-trip
// number text, this layout), which JSONEncoder's output does not promise across versions.

extension JSONValue {
    /// The value as deterministic, pretty-printed JSON text ending with a newline.
    public func formatted() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The value on one line (used in messages).
    public var compactText: String {
        switch self {
        case .array(let items): return "[" + items.map(\.compactText).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted(by: JSONValue.keyOrder).map { "\(JSONValue.quoted($0)): \(members[$0]!.compactText)" }
                .joined(separator: ", ") + "}"
        default:
            var out = ""
            write(into: &out, indent: 0)
            return out
        }
    }

    /// Key order of objects: byte-wise on UTF-8, independent of locale.
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Scalars, and small objects of scalars (a table's `{mean, sd}`), are written inline.
    private var isInline: Bool {
        switch self {
        case .array: return false
        case .object(let members): return members.count <= 4 && members.values.allSatisfy(\.isScalar)
        default: return true
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .double(let d): out += JSONValue.text(of: d)
        case .string(let s): out += JSONValue.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isInline) {
                out += "[" + items.map(\.compactText).joined(separator: ", ") + "]"
                return
            }
            let pad = String(repeating: " ", count: indent + 2)
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 2)
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "{\n"
            let keys = members.keys.sorted(by: JSONValue.keyOrder)
            for (k, key) in keys.enumerated() {
                out += pad + JSONValue.quoted(key) + ": "
                members[key]!.write(into: &out, indent: indent + 2)
                out += k + 1 < keys.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// Shortest round-trip text of a finite double (`0.8123`, `1e-05`, `5.0`): parsing it back
    /// gives the same bits, so an unchanged number always gives unchanged text.
    static func text(of value: Double) -> String {
        value == 0 ? "0.0" : value.description   // -0.0 is written as 0.0
    }

    /// A JSON string literal with the mandatory escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
