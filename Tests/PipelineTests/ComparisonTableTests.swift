import Foundation
import Pipeline
import TestSupport
import Testing

/// A `table` cell's `compare:` file: another tool's figures beside glr's, read exactly, cited,
/// and every bad file an error at the cell's `file:line:column`.
@Suite(.removesTemporaryDirectories) struct ComparisonTableTests {
    /// Writes `text` as `figures.json` in a new directory and returns the document path beside it.
    func documentBesideFigures(_ text: String) throws -> String {
        let directory = try temporaryDirectory("glr-compare")
        try Data(text.utf8).write(to: directory.appendingPathComponent("figures.json"))
        return directory.appendingPathComponent("e.md").path
    }

    static let peer = """
        {"source": "a peer", "command": "python peer.py", "seeds": [7], "versions": {"torch": "2.15.0", "threads": 2},
         "comparison": {"label": "peer", "values": {"replay": {"final_accuracy": 0.7186600000000001}, "naive": {"final_loss": 1.5}}}}
        """

    @Test func figuresAreReadToTheLastBitAndCited() throws {
        let figures = try ComparisonFigures.load("figures.json", besides: try documentBesideFigures(Self.peer))
        // JSONSerialization on Linux reads this literal as 0.7186600000000003; the table must not.
        #expect(figures.value(run: "replay", metric: "final_accuracy")?.bitPattern == (0.7186600000000001).bitPattern)
        #expect(figures.covers("final_accuracy") && figures.covers("final_loss") && !figures.covers("bwt"))
        #expect(figures.note.contains("figures.json") && figures.note.contains("python peer.py") && figures.note.contains("torch 2.15.0"))
    }

    @Test func aComparedMetricGetsAColumnBesideItBlankWhereTheFileHasNoFigure() throws {
        let figures = try ComparisonFigures.load("figures.json", besides: try documentBesideFigures(Self.peer))
        let suite = TableBuilderTests()
        let runs = [suite.run("replay[seed=1]", cell: "replay", seed: 1, accuracy: 0.75), suite.run("other", cell: "other", seed: 1, accuracy: 0.25)]
        let table = TableBuilder.table(runs: runs, columns: ["final_accuracy", "bwt"], caption: nil, aggregateSeeds: true, comparison: figures)
        #expect(table.columns == ["run", "final_accuracy", "final_accuracy (peer)", "bwt"])
        #expect(table.rows[0][1] == .number(0.75, decimals: 4))
        #expect(table.rows[0][2] == .number(0.7186600000000001, decimals: 4))
        #expect(table.rows[1][2] == .text(""))
        #expect(table.notes.last == figures.note)
        let without = TableBuilder.table(runs: runs, columns: ["bwt"], caption: nil, aggregateSeeds: true, comparison: figures)
        #expect(without.columns == ["run", "bwt"] && without.notes.isEmpty, "no covered column: no comparison column, no citation")
    }

    @Test(arguments: [
        ("[1, 2]", "not a JSON object"),
        ("{\"comparison\": {\"label\": \"p\"}}", "comparison.values"),
        ("{\"comparison\": {\"label\": \"p\", \"values\": {\"r\": {\"final_accuracy\": \"high\"}}}}", "comparison.values.r.final_accuracy"),
        ("{\"comparison\": {\"label\": \"p\", \"values\": {\"r\": {\"final_accuracy\": true}}}}", "comparison.values.r.final_accuracy"),
        ("{\"comparison\": {\"label\": \"\", \"values\": {}}}", "comparison.label"),
        ("{\"comparison\": {\"label\": \"p\", \"values\": {\"r\": {\"final_accuracy\": 0.5}}", "not a JSON object"),
    ])
    func aMalformedFileSaysWhatIsWrong(text: String, named: String) throws {
        let document = try documentBesideFigures(text)
        #expect {
            _ = try ComparisonFigures.load("figures.json", besides: document)
        } throws: { error in
            guard case .malformed(_, let why) = error as? ComparisonFiguresError else { return false }
            return why.contains(named)
        }
    }

    @Test func aMissingFileADirectoryOrADeviceIsAnErrorAtTheCompareValue() throws {
        let runs = "```params\nexperiences: 2\n```\n\n```run naive\nstrategy: naive\n```\n\n"
        for target in ["nowhere.json", ".", "/dev/zero"] {
            let text = runs + "```table\nruns: [naive]\ncompare: \(target)\n```\n"
            let doc = try DocumentParser.parse(text: text, path: "e.md")
            do {
                _ = try Planner().plan(doc, overrides: [:], fingerprint: { _ in "fp" })
                Issue.record("planned a table comparing with \(target)")
            } catch let error as DocumentError {
                guard case .badValue(let at, _, let key, let problem, _)? = error.errors.first else { Issue.record("\(error)"); continue }
                #expect(key == "compare")
                #expect(at.line == 11 && at.column == 10, "\(at)")
                #expect(problem.contains("no file"))
            }
        }
    }

    /// parse → plan → execute: the plan carries the figures, so executing the table cell
    /// does not read the file again (here it is gone by then).
    @Test func theFileIsReadWhenPlanningOnly() throws {
        let directory = try temporaryDirectory("glr-compare")
        let data = directory.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try writeTinyDataset(in: data)
        let figures = directory.appendingPathComponent("figures.json")
        try Data(Self.peer.utf8).write(to: figures)
        let path = try writeDocument("""
            ```params
            dataset: \(data.path)
            model: mlp
            experiences: 2
            ```

            ```run naive
            strategy: naive
            ```

            ```table
            runs: [naive]
            columns: [final_loss]
            compare: figures.json
            ```

            """, in: directory)
        let executor = DocumentExecutor(cacheDirectory: nil, progress: .silent, backend: ScriptedBackend())
        let table = try #require(try executor.plan(path: path, overrides: [:]).cells.last)
        #expect(table.comparison == (try ComparisonFigures.load("figures.json", besides: path)))
        try FileManager.default.removeItem(at: figures)
        let context = ExecutionContext(store: nil, backend: ScriptedBackend(), datasets: DatasetProvider(cacheDirectory: nil),
                                       progress: .silent, document: path)
        guard case .table(let output) = try table.step.execute(table, context: context) else {
            Issue.record("the table cell gave no table")
            return
        }
        #expect(output.columns == ["run", "final_loss", "final_loss (peer)"])
        guard case .number(let theirs, _)? = output.rows.first?[2] else {
            Issue.record("no peer figure in \(output.rows)")
            return
        }
        #expect(theirs == 1.5)
    }

    @Test func aTooLargeFileIsRefusedBeforeItIsRead() throws {
        let document = try documentBesideFigures(String(repeating: " ", count: ComparisonFigures.maxBytes + 1))
        #expect(throws: ComparisonFiguresError.self) { _ = try ComparisonFigures.load("figures.json", besides: document) }
    }
}
