import Foundation
import Pipeline
import Testing

/// Validation errors point at file:line:column and suggest fixes.
@Suite struct ValidationTests {
    func plan(_ text: String, overrides: [String: String] = [:]) throws -> Plan {
        let doc = try DocumentParser.parse(text: text, path: "e.md")
        return try Planner().plan(doc, overrides: overrides, fingerprint: { _ in "fp" })
    }

    func firstError(_ text: String, overrides: [String: String] = [:]) -> DocumentError? {
        do { _ = try plan(text, overrides: overrides) } catch let e as DocumentError { return e.errors.first } catch { return nil }
        return nil
    }

    @Test func unknownKeyPointsAtTheKeyWithSuggestion() throws {
        let text = "# T\n\n```params\nseed: 1\n```\n\n```run glr\nstrategy: glr\n  \nbufer_size: 600\n```\n"
        guard case .unknownKey(let at, let cell, let key, let suggestion)? = firstError(text) else { Issue.record("no error"); return }
        #expect(at.line == 10)
        #expect(at.column == 1)
        #expect(cell == "run glr")
        #expect(key == "bufer_size")
        #expect(suggestion == "buffer_size")
        #expect(DocumentError.unknownKey(at, cell: cell, key: key, suggestion: suggestion).description.hasPrefix("e.md:10:1: error"))
    }

    @Test func yamlSyntaxErrorMapsToFileLine() throws {
        let text = "```params\nseed: 1\nlr: [0.1, 0.2\n```\n"
        guard case .yamlSyntax(let at, _, _)? = firstError(text) else { Issue.record("no error"); return }
        #expect(at.line >= 3 && at.line <= 4)
    }

    @Test func badEnumValueSuggests() throws {
        let text = "```params\nstrategy: glrr\n```\n"
        guard case .badValue(let at, _, let key, let problem, _)? = firstError(text) else { Issue.record("no error"); return }
        #expect(at.line == 2)
        #expect(at.column == 11)
        #expect(key == "strategy")
        #expect(problem.contains("did you mean 'glr'"))
    }

    @Test func nestedGeneratorKeyIsLocated() throws {
        let text = "```run g\nstrategy: glr\ngenerator: {kind: gmm, covarince: full}\n```\n"
        guard case .unknownKey(let at, _, let key, let suggestion)? = firstError(text) else { Issue.record("no error"); return }
        #expect(at.line == 3)
        #expect(at.column == 24)
        #expect(key == "generator.covarince")
        #expect(suggestion == "generator.covariance")
    }

    @Test func unknownRunInTableNamesTheCell() throws {
        let text = "```run naive\nstrategy: naive\n```\n\n```table\nruns: [naive, glrr]\n```\n"
        guard case .unknownRun(let at, let cell, let name, _)? = firstError(text) else { Issue.record("no error"); return }
        #expect(at.line == 6)
        #expect(at.column == 15)
        #expect(cell == "table")
        #expect(name == "glrr")
        let text2 = "```run glr\nstrategy: glr\n```\n\n```table\nruns: [glrr]\n```\n"
        guard case .unknownRun(_, _, _, let suggestion)? = firstError(text2) else { Issue.record("no error"); return }
        #expect(suggestion == "glr")
    }

    @Test func runDefinedBelowIsUnknown() throws {
        let text = "```table\nruns: [later]\n```\n\n```run later\n```\n"
        guard case .unknownRun? = firstError(text) else { Issue.record("no error"); return }
    }

    @Test func everyErrorIsReported() throws {
        let text = "```params\nsed: 1\nlr: fast\n```\n\n```run\n```\n"
        do {
            _ = try plan(text)
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.errors.count == 3)
        }
    }

    @Test func duplicateAndMissingNames() throws {
        guard case .duplicateName(let at, _, let first)? = firstError("```run a\n```\n\n```run a\n```\n") else { Issue.record("no error"); return }
        #expect(at.line == 4)
        #expect(first == 1)
        guard case .missingKey(_, _, let key, _)? = firstError("```sweep s\nstrategy: glr\n```\n") else { Issue.record("no error"); return }
        #expect(key == "vary")
    }

    @Test func overridesAreTypedByTheDeclaration() throws {
        let text = "```params\nbuffer_size: 6000\nlr: 0.01\nseed: 1\n```\n\n```run r\nstrategy: replay\n```\n"
        let p = try plan(text, overrides: ["buffer_size": "600", "lr": "1e-1"])
        #expect(p.runs[0].configuration.bufferSize == 600)
        #expect(p.runs[0].configuration.learningRate == 0.1)
        #expect(p.parameters.first { $0.name == "buffer_size" }?.overridden == true)
        #expect(p.parameters.first { $0.name == "seed" }?.overridden == false)
        guard case .badOverride(let key, _, _, _)? = firstError(text, overrides: ["buffer_size": "lots"]) else { Issue.record("no error"); return }
        #expect(key == "buffer_size")
        guard case .unknownOverride(_, let suggestion, _)? = firstError(text, overrides: ["bufer_size": "6"]) else { Issue.record("no error"); return }
        #expect(suggestion == "buffer_size")
        // Declared in the schema but not in the document: still an error.
        guard case .unknownOverride? = firstError(text, overrides: ["epochs": "3"]) else { Issue.record("no error"); return }
    }

    @Test func listOverrideAndParsing() throws {
        let text = "```params\ngenerator: {kind: gmm, components_per_class: 5}\n```\n\n```run g\nstrategy: glr\n```\n"
        let p = try plan(text, overrides: ["generator": "{components_per_class: [2, 4]}"])
        #expect(p.runs[0].configuration.generator.components == .bic([2, 4]))
        #expect(throws: DocumentError.self) { try OverrideParser.parse(["novalue"]) }
        #expect(try OverrideParser.parse(["a=1", "b=[1, 2]"]) == ["a": "1", "b": "[1, 2]"])
    }

    @Test func paramsInForceAndSweepExpansion() throws {
        let text = """
        ```params
        seed: 3
        buffer_size: 100
        ```

        ```sweep s
        strategy: replay
        vary: {buffer_size: [10, 20], seed: [1, 2]}
        ```

        ```params
        seed: 9
        ```

        ```run late
        strategy: replay
        ```
        """
        let p = try plan(text)
        let names = p.runs.map(\.name)
        #expect(names == ["s[buffer_size=10,seed=1]", "s[buffer_size=10,seed=2]", "s[buffer_size=20,seed=1]", "s[buffer_size=20,seed=2]", "late"])
        #expect(p.runs[1].configuration.bufferSize == 10)
        #expect(p.runs[1].configuration.seed == 2)
        #expect(p.runs[4].configuration.seed == 9)
        #expect(p.runs[4].configuration.bufferSize == 100)
        #expect(p.parameters.map(\.name) == ["seed", "buffer_size"])
    }
}

@Suite struct PlotValidationTests {
    func error(_ text: String) -> DocumentError? {
        do {
            _ = try Planner().plan(try DocumentParser.parse(text: text, path: "p.md"), overrides: [:], fingerprint: { _ in "f" })
        } catch let e as DocumentError { return e.errors.first } catch { return nil }
        return nil
    }

    @Test func plotKindsAndRequiredKeys() {
        guard case .badValue(let at, _, "kind", let problem, _)? = error("```run a\n```\n\n```plot\nkind: acuracy-curves\nruns: [a]\n```\n") else {
            Issue.record("no error"); return
        }
        #expect(at.line == 5)
        #expect(problem.contains("accuracy-curves"))
        guard case .missingKey(let at2, _, "parameter", _)? = error("```run a\n```\n\n```plot\nkind: final-vs-parameter\nruns: [a]\n```\n") else {
            Issue.record("no error"); return
        }
        #expect(at2.line == 4)
        #expect(error("```params\nseed: 1\n```\n\n```plot\nkind: examples\n```\n") == nil)
        guard case .badValue(_, _, "columns", let p, _)? = error("```run a\n```\n\n```table\nruns: a\ncolumns: [final_acc]\n```\n") else {
            Issue.record("no error"); return
        }
        #expect(p.contains("final_accuracy"))
    }
}

extension DocumentError: Equatable {
    public static func == (a: DocumentError, b: DocumentError) -> Bool { a.description == b.description }
}

@Suite struct DatasetErrorTests {
    struct Missing: Error, CustomStringConvertible { var description: String { "no such directory" } }

    @Test func missingDatasetNamesTheCell() {
        let text = "```params\nseed: 1\n```\n\n```run a\ndataset: /nowhere\n```\n"
        do {
            _ = try Planner().plan(try DocumentParser.parse(text: text, path: "d.md"), overrides: [:], fingerprint: { _ in throw Missing() })
            Issue.record("no error")
        } catch let error as DocumentError {
            guard case .dataset(let at, let cell, let spec, let problem) = error else { Issue.record("wrong error \(error)"); return }
            #expect(at.line == 5)
            #expect(cell == "run a")
            #expect(spec == "/nowhere")
            #expect(problem == "no such directory")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
