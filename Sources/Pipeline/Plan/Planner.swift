/// Validates a parsed document against the schema and resolves it into a plan.
/// Nothing runs; every error found is reported at once, in document order.
public struct Planner {
    /// The cell kinds.
    public var registry: StepRegistry
    /// Runs per sweep and per document.
    public var limits: PlanLimits

    /// Creates a planner over a registry.
    public init(registry: StepRegistry = .standard, limits: PlanLimits = .standard) {
        self.registry = registry
        self.limits = limits
    }

    /// Plans `document` with raw `--set` overrides; `fingerprint` gives a dataset's fingerprint,
    /// `shape` its image and class counts when known (for the size checks of `RunChecks`).
    /// - Throws: `DocumentError` (possibly `.multiple`) for every problem found.
    public func plan(_ document: SourceDocument, overrides: [String: String],
                     fingerprint: @escaping (String) throws -> String, shape: @escaping (String) -> DatasetShape? = { _ in nil }) throws -> Plan {
        let checkedOverrides = try checkOverrides(document, overrides)
        var context = PlanContext(file: document.path, overrides: checkedOverrides, limits: limits, fingerprint: fingerprint, shape: shape)
        var cells: [PlannedCell] = []
        var errors: [DocumentError] = []
        var declaredParameters: [ResolvedParameter] = []
        for cell in document.cells {
            guard let step = registry.step(cell.kind) else { continue }
            do {
                let entries = try YAMLReader.body(of: cell, file: document.path)
                let checked = try check(entries, step: step, cell: cell)
                let wasDeclared = context.declared != nil
                let planned = try step.plan(cell, entries: entries, checked: checked, context: &context)
                if !wasDeclared, context.declared != nil {
                    declaredParameters = planned.parameters.filter { p in context.declared!.contains { $0.name == p.name } }
                }
                cells.append(planned)
            } catch let error as DocumentError {
                errors += error.errors
                if step.role == .definesRuns, let name = cell.name { context.markFailed(name) }
            }
        }
        if !errors.isEmpty { throw errors.count == 1 ? errors[0] : DocumentError.multiple(errors) }
        return Plan(document: document, cells: cells, parameters: declaredParameters, declared: context.declared ?? [],
                    datasetFingerprints: context.fingerprints)
    }

    /// Checks every key of a cell body: known to the kind, and of the right type.
    func check(_ entries: [LocatedEntry], step: any CellStep, cell: SourceCell) throws -> [ParameterEntry] {
        let keys = step.keys + [ParameterSchema.echoKey]
        var checked: [ParameterEntry] = []
        var errors: [DocumentError] = []
        for entry in entries {
            guard let key = keys.first(where: { $0.name == entry.key }) else {
                errors.append(.unknownKey(entry.keyLocation, cell: cell.info, key: entry.key,
                                          suggestion: EditDistance.suggestion(for: entry.key, among: keys.map(\.name))))
                continue
            }
            do {
                checked.append(ParameterEntry(key: entry.key, value: try key.type.check(entry.value, key: entry.key, cell: cell.info)))
            } catch let error as DocumentError {
                errors += error.errors
            }
        }
        if !errors.isEmpty { throw DocumentError.multiple(errors) }
        return checked
    }

    /// The overrides typed by the declarations of the first cell that sets parameters.
    func checkOverrides(_ document: SourceDocument, _ overrides: [String: String]) throws -> [String: ParameterValue] {
        guard !overrides.isEmpty else { return [:] }
        var declared: [String] = []
        if let first = document.cells.first(where: { registry.step($0.kind)?.role == .setsParameters }) {
            declared = (try? YAMLReader.body(of: first, file: document.path))?.map(\.key) ?? []
        }
        var result: [String: ParameterValue] = [:]
        var errors: [DocumentError] = []
        for (key, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard declared.contains(key), let schema = ParameterSchema.runKey(key) else {
                errors.append(.unknownOverride(key: key, suggestion: EditDistance.suggestion(for: key, among: declared), declared: declared))
                continue
            }
            guard let located = YAMLReader.located(text) else {
                errors.append(.badOverride(key: key, value: text, problem: "it expands to more than \(YAMLReader.nodeBudget) YAML nodes",
                                           expected: schema.type.expected))
                continue
            }
            do {
                result[key] = try schema.type.check(located, key: key, cell: "--set")
            } catch DocumentError.badValue(_, _, _, let problem, _) {
                errors.append(.badOverride(key: key, value: text, problem: problem, expected: schema.type.expected))
            } catch {
                errors.append(.badOverride(key: key, value: text, problem: "'\(text)' does not fit the declared type", expected: schema.type.expected))
            }
        }
        if !errors.isEmpty { throw errors.count == 1 ? errors[0] : DocumentError.multiple(errors) }
        return result
    }
}
