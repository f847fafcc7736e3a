import Continual

/// Checks and converts the `generator:` mapping.
enum GeneratorValue {
    static let subkeys: [String: ValueType] = [
        "kind": .choice(["gmm"]),
        "covariance": .choice(GeneratorSpec.Covariance.allCases.map(\.rawValue)),
        "label": .choice(GeneratorSpec.LabelScheme.allCases.map(\.rawValue)),
    ]
    static let order = ["kind", "covariance", "components_per_class", "label"]

    /// A checked generator mapping, keys in canonical order.
    static func check(_ located: LocatedValue, key: String, cell: String) throws -> ParameterValue {
        guard case .map = located.value else {
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "'\(located.value)' is not a mapping",
                                         expected: ValueType.generator.expected)
        }
        var checked: [String: ParameterValue] = [:]
        for entry in located.entries {
            let subkey = "\(key).\(entry.key)"
            if entry.key == "components_per_class" {
                checked[entry.key] = try components(entry.value, key: subkey, cell: cell)
            } else if let type = subkeys[entry.key] {
                checked[entry.key] = try type.check(entry.value, key: subkey, cell: cell)
            } else {
                throw DocumentError.unknownKey(entry.keyLocation, cell: cell, key: subkey,
                                               suggestion: EditDistance.suggestion(for: entry.key, among: order).map { "\(key).\($0)" })
            }
        }
        return .map(order.compactMap { k in checked[k].map { ParameterEntry(key: k, value: $0) } })
    }

    private static func components(_ located: LocatedValue, key: String, cell: String) throws -> ParameterValue {
        let top = ParameterSchema.maxComponents
        let expected = "a number in 1...\(top), `bic`, or a list of candidate numbers for BIC"
        func fits(_ value: ParameterValue) -> Bool { if case .int(let n) = value { return n >= 1 && n <= top } else { return false } }
        switch located.value {
        case .int where fits(located.value): return located.value
        case .string("bic"): return located.value
        case .list(let items) where !items.isEmpty && items.allSatisfy(fits):
            return located.value
        case .int(let n) where n > top:
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "\(n) is above the maximum of \(top)", expected: expected)
        default:
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "'\(located.value)' is not accepted", expected: expected)
        }
    }

    /// The specification a checked mapping describes (missing keys take the defaults).
    static func spec(_ value: ParameterValue, base: GeneratorSpec = .default) -> GeneratorSpec {
        var spec = base
        if case .string(let k) = value["kind"] ?? .null { spec.kind = k }
        if case .string(let c) = value["covariance"] ?? .null, let cov = GeneratorSpec.Covariance(rawValue: c) { spec.covariance = cov }
        if case .string(let l) = value["label"] ?? .null, let label = GeneratorSpec.LabelScheme(rawValue: l) { spec.label = label }
        switch value["components_per_class"] {
        case .int(let n): spec.components = .fixed(n)
        case .string("bic"): spec.components = .bic(ParameterSchema.defaultBICCandidates)
        case .list(let items): spec.components = .bic(items.compactMap { if case .int(let n) = $0 { return n } else { return nil } })
        default: break
        }
        return spec
    }

    /// The mapping describing a specification.
    static func value(_ spec: GeneratorSpec) -> ParameterValue {
        let components: ParameterValue
        switch spec.components {
        case .fixed(let n): components = .int(n)
        case .bic(let list): components = .list(list.map { .int($0) })
        }
        return .map([
            ParameterEntry(key: "kind", value: .string(spec.kind)),
            ParameterEntry(key: "covariance", value: .string(spec.covariance.rawValue)),
            ParameterEntry(key: "components_per_class", value: components),
            ParameterEntry(key: "label", value: .string(spec.label.rawValue)),
        ])
    }
}
