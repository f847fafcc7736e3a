import Continual

/// The type of a cell key's value, with its check and normalisation.
public indirect enum ValueType: Sendable {
    /// An integer in minimum...maximum.
    case integer(minimum: Int, maximum: Int = .max)
    /// An integer in minimum...maximum, or `null` / `all` for "no limit".
    case optionalInteger(minimum: Int, maximum: Int = .max)
    /// A number ≥ minimum (integers accepted).
    case number(minimum: Double)
    /// A number used as a 32-bit float: finite once converted, inside the interval, and not
    /// rounded to 0 when it was not 0 (1e-46 is 0 as a Float; 3.5e38 overflows).
    case float(FloatInterval)
    /// `true` or `false`.
    case boolean
    /// One of these words.
    case choice([String])
    /// Any text.
    case text
    /// A generator mapping: {kind: gmm, covariance, components_per_class, label} or
    /// {kind: vae, latent_size, hidden_width, epochs, lr, beta}.
    case generator
    /// A list of run or sweep names (a single name is accepted).
    case runNames
    /// A list of table columns: metrics or parameter names.
    case columns
    /// A mapping from run parameters to lists of values.
    case vary
    /// A list of {label, points: [[x, y], ...]} reference curves.
    case references

    /// A short human description, used in errors and `glr params --all`.
    public var expected: String {
        switch self {
        case .integer(let m, let top): return top == .max ? "an integer ≥ \(m)" : "an integer in \(m)...\(top)"
        case .optionalInteger(let m, let top): return (top == .max ? "an integer ≥ \(m)" : "an integer in \(m)...\(top)") + ", or null for all"
        case .float(let interval): return interval.expected
        case .number(let m): return m == -.infinity ? "a number" : "a number ≥ \(m.formatted)"
        case .boolean: return "true or false"
        case .choice(let words): return words.joined(separator: " | ")
        case .text: return "text"
        case .generator: return GeneratorValue.expected
        case .runNames: return "a list of run or sweep names defined above, e.g. [naive, glr]"
        case .columns: return "a list of " + (ParameterSchema.metricColumns + ["PARAMETER"]).joined(separator: ", ")
        case .vary: return "a mapping from parameters to lists of values, e.g. {buffer_size: [600, 6000]}"
        case .references: return "a list of {label: TEXT, points: [[x, y], ...]}"
        }
    }

    /// Checks a value and returns it normalised (numbers as `.double`, single names as lists).
    /// - Throws: `DocumentError` pointing at the offending part of the value.
    public func check(_ located: LocatedValue, key: String, cell: String) throws -> ParameterValue {
        let value = located.value
        func bad(_ problem: String, at: SourceLocation? = nil) -> DocumentError {
            .badValue(at ?? located.location, cell: cell, key: key, problem: problem, expected: expected)
        }
        switch self {
        case .integer(let minimum, let maximum):
            guard case .int(let v) = value else { throw bad("'\(value)' is not an integer") }
            guard v >= minimum else { throw bad("\(v) is below \(minimum)") }
            guard v <= maximum else { throw bad("\(v) is above \(maximum)") }
            return value
        case .optionalInteger(let minimum, let maximum):
            if case .null = value { return .null }
            if case .string("all") = value { return .null }
            guard case .int(let v) = value else { throw bad("'\(value)' is not an integer") }
            guard v >= minimum else { throw bad("\(v) is below \(minimum)") }
            guard v <= maximum else { throw bad("\(v) is above \(maximum)") }
            return value
        case .number(let minimum):
            var number = value.number
            if number == nil, case .string(let text) = value { number = Double(text) }  // `1e-2`: a string to YAML 1.1
            guard let v = number, v.isFinite else { throw bad("'\(value)' is not a number") }
            guard v >= minimum else { throw bad("\(v) is below \(minimum.formatted)") }
            return .double(v)
        case .float(let interval):
            var number = value.number
            if number == nil, case .string(let text) = value { number = Double(text) }
            guard let v = number, v.isFinite else { throw bad("'\(value)' is not a number") }
            if let problem = interval.problem(v) { throw bad(problem) }
            return .double(v)
        case .boolean:
            guard case .bool = value else { throw bad("'\(value)' is not true or false") }
            return value
        case .choice(let words):
            guard case .string(let s) = value, words.contains(s) else {
                let hint = EditDistance.suggestion(for: "\(value)", among: words).map { " (did you mean '\($0)'?)" } ?? ""
                throw bad("'\(value)' is not one of them\(hint)")
            }
            return value
        case .text:
            switch value {
            case .string, .int, .double: return .string("\(value)")
            default: throw bad("'\(value)' is not text")
            }
        case .generator:
            return try GeneratorValue.check(located, key: key, cell: cell)
        case .runNames:
            if case .string = value { return .list([value]) }
            guard case .list(let items) = value, !items.isEmpty else { throw bad("'\(value)' is not a list of names") }
            for (index, item) in items.enumerated() {
                guard case .string = item else { throw bad("'\(item)' is not a name", at: located.items[index].location) }
            }
            return value
        case .columns:
            guard case .list(let items) = value, !items.isEmpty else { throw bad("'\(value)' is not a list of columns") }
            let allowed = ParameterSchema.metricColumns + ParameterSchema.runKeys.map(\.name)
            for (index, item) in items.enumerated() {
                guard case .string(let s) = item, allowed.contains(s) else {
                    let hint = EditDistance.suggestion(for: "\(item)", among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                    throw bad("'\(item)' is not a column\(hint)", at: located.items[index].location)
                }
            }
            return value
        case .vary:
            return try VaryValue.check(located, key: key, cell: cell)
        case .references:
            guard case .list = value else { throw bad("'\(value)' is not a list") }
            for item in located.items {
                guard case .string = item.value["label"] ?? .null, case .list(let points) = item.value["points"] ?? .null else {
                    throw bad("each reference needs `label` and `points`", at: item.location)
                }
                for point in points {
                    guard case .list(let xy) = point, xy.count == 2, xy.allSatisfy({ $0.number != nil }) else {
                        throw bad("point '\(point)' is not [x, y]", at: item.location)
                    }
                }
            }
            return value
        }
    }
}
