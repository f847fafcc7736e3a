import Foundation

extension JSONValue {
    /// Parses JSON text (results.json, or a value JSONEncoder wrote) with Foundation. A number
    /// written without a fraction or exponent becomes `.integer`, any other `.double` with the
    /// value its text rounds to, so a parsed results.json is written back to the same bytes.
    /// Two Foundation readers share the work: `JSONSerialization` says how each number was
    /// written (its `NSNumber` type), `JSONDecoder` gives the exact doubles (the former is off by
    /// an ulp on some texts on Linux).
    /// - Throws: `ReportError.invalidJSON` naming `source` (a path) and the byte offset.
    public static func parse(_ text: String, source: String) throws -> JSONValue {
        let data = Data(text.utf8)
        let shape: Any
        let exact: DecodedJSON
        do {
            shape = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            exact = try JSONDecoder().decode(DecodedJSON.self, from: data)
        } catch {
            let offset = (error as NSError).userInfo["NSJSONSerializationErrorIndex"] as? Int ?? 0
            throw ReportError.invalidJSON(source: source, offset: offset, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let value = merge(shape, exact) else {
            throw ReportError.invalidJSON(source: source, offset: 0, message: "Foundation's two readers disagree on its structure")
        }
        return value
    }

    /// The value of `shape` (what `JSONSerialization` returned) with the doubles of `exact`.
    private static func merge(_ shape: Any, _ exact: DecodedJSON) -> JSONValue? {
        switch (shape, exact) {
        case (is NSNull, .null): return .null
        case (let string as String, .string): return .string(string)
        case (let items as [Any], .array(let exactItems)) where items.count == exactItems.count:
            let merged = zip(items, exactItems).compactMap { merge($0, $1) }
            return merged.count == items.count ? .array(merged) : nil
        case (let members as [String: Any], .object(let exactMembers)) where members.count == exactMembers.count:
            var merged: [String: JSONValue] = [:]
            for (key, member) in members {
                guard let e = exactMembers[key], let m = merge(member, e) else { return nil }
                merged[key] = m
            }
            return .object(merged)
        case (let number as NSNumber, .bool(let b)) where String(cString: number.objCType) == "c": return .bool(b)
        case (let number as NSNumber, .number(let d)):
            switch String(cString: number.objCType) {
            case "d", "f", "Q": return .double(d)  // "Q": an integer beyond Int, kept as its double
            default: return .integer(number.intValue)
            }
        default: return nil
        }
    }
}

/// A JSON value as `JSONDecoder` reads it: every number as its correctly rounded double.
private enum DecodedJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array([DecodedJSON]), object([String: DecodedJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([DecodedJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: DecodedJSON].self))
        }
    }
}
