/// Checks a sweep's `vary:` mapping and expands it into combinations.
enum VaryValue {
    /// A checked mapping from run parameters to non-empty lists of checked values.
    static func check(_ located: LocatedValue, key: String, cell: String) throws -> ParameterValue {
        guard case .map = located.value, !located.entries.isEmpty else {
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "'\(located.value)' is not a non-empty mapping",
                                         expected: ValueType.vary.expected)
        }
        var entries: [ParameterEntry] = []
        for entry in located.entries {
            guard let schema = ParameterSchema.runKey(entry.key) else {
                throw DocumentError.unknownKey(entry.keyLocation, cell: cell, key: "\(key).\(entry.key)",
                                               suggestion: EditDistance.suggestion(for: entry.key, among: ParameterSchema.runKeys.map(\.name)).map { "\(key).\($0)" })
            }
            let items: [LocatedValue]
            if case .list(let list) = entry.value.value, !list.isEmpty {
                items = entry.value.items
            } else {
                items = [entry.value]
            }
            let values = try items.map { try schema.type.check($0, key: "\(key).\(entry.key)", cell: cell) }
            entries.append(ParameterEntry(key: entry.key, value: .list(values)))
        }
        return .map(entries)
    }

    /// How many combinations `vary` has (the product of its list lengths), nil when the
    /// product overflows `Int`; computed without building them.
    static func count(_ vary: ParameterValue) -> Int? {
        guard case .map(let entries) = vary else { return 1 }
        var total = 1
        for entry in entries {
            guard case .list(let values) = entry.value else { continue }
            let (product, overflow) = total.multipliedReportingOverflow(by: values.count)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// Cartesian product in `vary` order, the first key varying slowest.
    static func combinations(_ vary: ParameterValue) -> [[ParameterEntry]] {
        guard case .map(let entries) = vary else { return [[]] }
        var result: [[ParameterEntry]] = [[]]
        for entry in entries {
            guard case .list(let values) = entry.value else { continue }
            result = result.flatMap { prefix in values.map { prefix + [ParameterEntry(key: entry.key, value: $0)] } }
        }
        return result
    }
}
