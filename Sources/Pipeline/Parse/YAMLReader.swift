import Yams

/// Turns YAML text into located values with Yams' node API, mapping marks to file positions.
///
/// Alias budget ("billion laughs"): Yams composes an alias as a shared reference to the
/// anchored node, so a few lines of nested aliases stand for billions of nodes. Conversion
/// counts every node it expands, aliases included, and stops with a located error past
/// `nodeBudget` nodes per cell body or `--set` value, before materialising more.
public enum YAMLReader {
    /// The most YAML nodes one cell body or `--set` value may expand to (aliases counted
    /// each time they are used): 100,000, far above any real cell (the largest in
    /// `experiments/` has under 200).
    public static let nodeBudget = 100_000

    /// Parses a cell body; positions are shifted so line 1 of the body is `cell.bodyLine`.
    /// An empty body is an empty mapping.
    public static func body(of cell: SourceCell, file: String) throws -> [LocatedEntry] {
        let origin = SourceLocation(file: file, line: cell.bodyLine, column: cell.column)
        let node: Node?
        do {
            node = try Yams.compose(yaml: cell.body)
        } catch let error as YamlError {
            let (mark, problem) = describe(error)
            throw DocumentError.yamlSyntax(shift(mark, origin), cell: cell.info, problem: problem)
        }
        guard let node else { return [] }
        var count = nodeBudget, budget = nodeBudget
        guard fits(node, budget: &count), let located = convert(node, origin: origin, budget: &budget) else {
            throw DocumentError.yamlTooLarge(shift(node.mark, origin), cell: cell.info, budget: nodeBudget)
        }
        if case .null = located.value { return [] }
        guard case .map = located.value else {
            throw DocumentError.notAMapping(located.location, cell: cell.info)
        }
        var seen: [String: Int] = [:]
        for entry in located.entries {
            if let first = seen[entry.key] {
                throw DocumentError.badValue(entry.keyLocation, cell: cell.info, key: entry.key,
                                             problem: "the key is repeated (first at line \(first))", expected: "each key once")
            }
            seen[entry.key] = entry.keyLocation.line
        }
        return located.entries
    }

    /// Parses a `--set` value: `600`, `0.01`, `[600, 6000]`, `glr`, `{kind: gmm}`; nil when
    /// it expands past `nodeBudget` nodes.
    public static func value(_ text: String) -> ParameterValue? { located(text)?.value }

    /// Parses a `--set` value with the positions of its parts (relative to `--set`); nil
    /// when it expands past `nodeBudget` nodes.
    public static func located(_ text: String) -> LocatedValue? {
        let origin = SourceLocation(file: "--set", line: 1, column: 1)
        guard let node = try? Yams.compose(yaml: text) else { return LocatedValue(value: .string(text), location: origin) }
        var budget = nodeBudget
        guard fits(node, budget: &budget) else { return nil }
        budget = nodeBudget
        return convert(node, origin: origin, budget: &budget)
    }

    /// Whether a node expands to at most `budget` nodes, counted without allocating (so an
    /// alias bomb is refused in microseconds, before `convert` materialises anything).
    static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let sequence): return sequence.allSatisfy { fits($0, budget: &budget) }
        case .mapping(let mapping):
            for pair in mapping {
                budget -= 1
                guard budget >= 0, fits(pair.value, budget: &budget) else { return false }
            }
            return true
        }
    }

    /// The located value of a node, spending one unit of `budget` per node expanded; nil
    /// once the budget is spent (nothing more is materialised).
    static func convert(_ node: Node, origin: SourceLocation, budget: inout Int) -> LocatedValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let location = shift(node.mark, origin)
        switch node {
        case .scalar(let scalar):
            return LocatedValue(value: scalarValue(node, scalar), location: location)
        case .sequence(let sequence):
            var items: [LocatedValue] = []
            for child in sequence {
                guard let item = convert(child, origin: origin, budget: &budget) else { return nil }
                items.append(item)
            }
            return LocatedValue(value: .list(items.map(\.value)), location: location, items: items)
        case .mapping(let mapping):
            var entries: [LocatedEntry] = []
            for pair in mapping {
                budget -= 1  // the key
                guard budget >= 0, let value = convert(pair.value, origin: origin, budget: &budget) else { return nil }
                entries.append(LocatedEntry(key: pair.key.string ?? "\(pair.key)", keyLocation: shift(pair.key.mark, origin), value: value))
            }
            return LocatedValue(value: .map(entries.map { ParameterEntry(key: $0.key, value: $0.value.value) }),
                                location: location, entries: entries)
        case .alias:
            return LocatedValue(value: .null, location: location)
        }
    }

    private static func scalarValue(_ node: Node, _ scalar: Node.Scalar) -> ParameterValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        if node.null != nil { return .null }
        if let b = node.bool { return .bool(b) }
        if let i = node.int { return .int(i) }
        if let d = node.float { return .double(d) }
        return .string(scalar.string)
    }

    private static func shift(_ mark: Mark?, _ origin: SourceLocation) -> SourceLocation {
        guard let mark else { return origin }
        return SourceLocation(file: origin.file, line: origin.line + mark.line - 1, column: origin.column + mark.column - 1)
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = context.map { "\(problem) (\($0.text))" } ?? problem
            return (mark, text)
        default:
            return (nil, "\(error)")
        }
    }
}
