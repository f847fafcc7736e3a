import Continual
import Pipeline
import Testing

/// Planning and execution go by a kind's role and its declarations, never by its name: a
/// renamed parameters step still takes `--set`, and a plot's figure kind says what it needs.
@Suite struct CellRoleTests {
    /// `params` under another name.
    struct SettingsStep: CellStep {
        let inner = ParamsStep()
        var kind: String { "settings" }
        var doc: String { inner.doc }
        var keys: [SchemaKey] { inner.keys }
        var role: CellRole { inner.role }
        func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
            var planned = try inner.plan(cell, entries: entries, checked: checked, context: &context)
            planned.step = self
            return planned
        }
        func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput { try inner.execute(cell, context: context) }
    }

    static let registry = StepRegistry(steps: [SettingsStep(), RunStep(), PlotStep()])

    func plan(_ text: String, overrides: [String: String] = [:]) throws -> Plan {
        let document = try DocumentParser.parse(text: text, path: "roles.md", kinds: Self.registry.kinds)
        return try Planner(registry: Self.registry).plan(document, overrides: overrides, fingerprint: { _ in "fp" })
    }

    @Test func aRenamedParametersStepDeclaresWhatSetOverrides() throws {
        let plan = try plan("```settings\nseed: 3\n```\n\n```run a\nstrategy: naive\n```\n", overrides: ["seed": "4"])
        #expect(plan.runs[0].configuration.seed == 4)
        #expect(plan.parameters.map(\.name) == ["seed"])
        #expect(plan.cells.map(\.step.kind) == ["settings", "run"], "each planned cell carries the step that executes it")
    }

    @Test func plotKeysFollowFigureKinds() throws {
        let kindKey = try #require(PlotStep().keys.first { $0.name == "kind" })
        guard case .choice(let names) = kindKey.type else { Issue.record("kind is not a choice"); return }
        #expect(names == FigureKind.names)
        #expect(kindKey.defaultText == FigureKind.standard.rawValue)
        let accepted = Set(PlotStep().keys.map(\.name))
        for kind in FigureKind.allCases {
            for (key, _) in kind.requiredKeys { #expect(accepted.contains(key), "\(kind) requires \(key)") }
        }
    }

    @Test func onlyAFigureOfExamplesReadsTheBenchmarksImages() throws {
        let text = "```settings\nseed: 1\n```\n\n```run a\nstrategy: naive\n```\n\n```plot\nkind: examples\n```\n\n```plot\nruns: [a]\n```\n"
        let plan = try plan(text)
        #expect(plan.cells[2].examplesOf?.seed == 1)
        #expect(plan.cells[3].examplesOf == nil)
    }
}
