/// Text listings of the schema and of a document's parameters (`glr params`).
public enum ParameterListing {
    /// Every key of every cell kind: name, type, default, doc.
    public static func schema(registry: StepRegistry = .standard) -> String {
        var out: [String] = []
        var printedRunKeys = false
        for step in registry.steps {
            out.append("\(step.kind): \(step.doc)")
            let own = step.keys.filter { key in ParameterSchema.runKey(key.name) == nil }
            for key in own { out.append(line(key)) }
            if step.keys.contains(where: { ParameterSchema.runKey($0.name) != nil }) {
                out.append(printedRunKeys ? "  (and every run parameter, see params)" : "  run parameters:")
                if !printedRunKeys { for key in ParameterSchema.runKeys { out.append(line(key)) } }
                printedRunKeys = true
            }
            out.append("")
        }
        out.append("any cell:")
        out.append(line(ParameterSchema.echoKey))
        out.append("")
        out.append("table columns: " + ParameterSchema.metricColumns.joined(separator: ", ") + ", or any run parameter")
        return out.joined(separator: "\n")
    }

    /// The parameters a document's first `params` cell declares, with types and values.
    public static func document(_ document: SourceDocument) throws -> String {
        guard let first = document.cells.first(where: { StepRegistry.standard.step($0.kind)?.role == .setsParameters }) else {
            return "\(document.path): no `params` cell, so no parameters to override."
        }
        let entries = try YAMLReader.body(of: first, file: document.path)
        var out = ["\(document.path): parameters declared at line \(first.line) (override with --set KEY=VALUE)"]
        let width = max(12, entries.map(\.key.count).max() ?? 0)
        let valueWidth = max(8, entries.map { "\($0.value.value)".count }.max() ?? 0)
        for entry in entries {
            let type = ParameterSchema.runKey(entry.key)?.type.expected ?? "(not a run parameter)"
            let name = entry.key.padding(toLength: width, withPad: " ", startingAt: 0)
            let value = "\(entry.value.value)".padding(toLength: valueWidth, withPad: " ", startingAt: 0)
            out.append("  \(name)  \(value)  \(type)")
        }
        return out.joined(separator: "\n")
    }

    static func line(_ key: SchemaKey) -> String {
        let name = key.name.padding(toLength: 16, withPad: " ", startingAt: 0)
        let value = key.defaultText.isEmpty ? "" : " (default \(key.defaultText))"
        return "  \(name) \(key.type.expected)\(value)\n  \(String(repeating: " ", count: 16)) \(key.doc)"
    }
}
