import Continual
import Data
import Foundation
import Pipeline
import TestSupport
import Testing

/// Messages from issue 16: no follow-on errors, near-miss cell kinds, a checksummed dataset
/// memo, and cache locations checked before anything runs.
@Suite(.removesTemporaryDirectories) struct MessageTests {
    @Test func missingDatasetGivesOnlyItsOwnError() throws {
        let text = "# N\n\n```params\ndataset: /nonexistent\n```\n\n```run a\nstrategy: naive\n```\n\n```sweep s\nvary: {seed: [1, 2]}\n```\n\n"
            + "```table\nruns: [a, s]\n```\n\n```plot\nruns: [a, \"s[seed=1]\"]\n```\n"
        let document = try DocumentParser.parse(text: text, path: "n.md")
        var errors: [DocumentError] = []
        do { _ = try Planner().plan(document, overrides: [:], fingerprint: DatasetLoader.fingerprint) } catch let error as DocumentError {
            errors = error.errors
        }
        #expect(errors.count == 2, "\(errors)")  // one per cell that uses the dataset, none for the readers
        #expect(errors.allSatisfy { "\($0)".contains("uses dataset '/nonexistent'") })
    }

    @Test(arguments: [("plto", "plot", 7), ("lpot", "plot", 7), ("rnu", "run", 7)])
    func nearMissKindIsALocatedWarning(typo: String, kind: String, line: Int) throws {
        let text = "# K\n\n```params\nseed: 1\n```\n\n```\(typo)\nruns: [a]\n```\n"
        let document = try DocumentParser.parse(text: text, path: "k.md")
        #expect(document.warnings == ["k.md:\(line):1: warning: the fence '\(typo)' is shown verbatim; did you mean the cell kind '\(kind)'? "
                                      + "(If it is code in another language, ignore this.)"])
        #expect(document.cells.count == 1)
    }

    @Test func realLanguagesNearAKindAreQuiet() throws {
        let text = "```rust\nfn main() {}\n```\n\n```ruby\nputs 1\n```\n\n```dot\ndigraph {}\n```\n"
        #expect(try DocumentParser.parse(text: text, path: "k.md").warnings.isEmpty)
    }

    @Test func tamperedDatasetMemoIsDiscarded() throws {
        let dir = try temporaryDirectory()
        let data = dir.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try writeTinyDataset(in: data)
        let cache = dir.appendingPathComponent("cache", isDirectory: true)
        let truth = try DatasetLoader.fingerprint(data.path)
        #expect(try DatasetProvider(cacheDirectory: cache).fingerprint(data.path) == truth)
        let memo = cache.appendingPathComponent("datasets.json")
        let text = try String(contentsOf: memo, encoding: .utf8)
        #expect(text.contains("\"sha256\""))
        try text.replacingOccurrences(of: truth, with: String(repeating: "0", count: truth.count)).write(to: memo, atomically: true, encoding: .utf8)
        #expect(try DatasetProvider(cacheDirectory: cache).fingerprint(data.path) == truth)
        try Data("{not json".utf8).write(to: memo)
        #expect(try DatasetProvider(cacheDirectory: cache).fingerprint(data.path) == truth)
        #expect(try String(contentsOf: memo, encoding: .utf8).contains(truth))  // rewritten whole
    }

    @Test func cacheThatIsAFileFailsBeforeAnyRun() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("occupied")
        try Data("x".utf8).write(to: file)
        let path = try writeDocument("```run a\nstrategy: naive\n```\n", in: dir)
        let backend = ScriptedBackend()
        let executor = DocumentExecutor(cacheDirectory: file.appendingPathComponent("cache"), progress: .silent, backend: backend)
        var message = "no error"
        do { _ = try executor.execute(path: path, overrides: [:]) } catch { message = "\(error)" }
        #expect(message.contains("cache: \(file.path)/cache: \(file.path) is a file, not a directory"), "\(message)")
        #expect(backend.runs.isEmpty)
    }

    @Test func unwritableCacheNamesThePath() throws {
        guard access("/sys", W_OK) != 0 || mkdir("/sys/glr-probe", 0o755) != 0 else { return }  // needs an unwritable folder
        #expect(WritableDirectory.problem(URL(fileURLWithPath: "/sys/glr-cache"))?.hasPrefix("cannot create /sys/glr-cache: ") == true)
    }
}
