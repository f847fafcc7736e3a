import Yams

/// Turns YAML text into located values with Yams' node API, mapping marks to file positions.
public enum YAMLReader {
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
        let located = convert(node, origin: origin)
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

    /// Parses a `--set` value: `600`, `0.01`, `[600, 6000]`, `glr`, `{kind: gmm}`.
    public static func value(_ text: String) -> ParameterValue { located(text).value }

    /// Parses a `--set` value with the positions of its parts (relative to `--set`).
    public static func located(_ text: String) -> LocatedValue {
        let origin = SourceLocation(file: "--set", line: 1, column: 1)
        guard let node = try? Yams.compose(yaml: text) else { return LocatedValue(value: .string(text), location: origin) }
        return convert(node, origin: origin)
    }

    static func convert(_ node: Node, origin: SourceLocation) -> LocatedValue {
        let location = shift(node.mark, origin)
        switch node {
        case .scalar(let scalar):
            return LocatedValue(value: scalarValue(node, scalar), location: location)
        case .sequence(let sequence):
            let items = sequence.map { convert($0, origin: origin) }
            return LocatedValue(value: .list(items.map(\.value)), location: location, items: items)
        case .mapping(let mapping):
            let entries = mapping.map { pair in
                LocatedEntry(key: pair.key.string ?? "\(pair.key)", keyLocation: shift(pair.key.mark, origin),
                             value: convert(pair.value, origin: origin))
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
