import Continual
import Foundation
import Pipeline
import TestSupport
import Testing

/// The plan as units of work (`UnitGraph`), `glr run --unit`'s computation (`UnitRunner`)
/// and the Slurm array script, with the scripted trainer on a tiny dataset.
@Suite(.removesTemporaryDirectories) struct UnitGraphTests {
    static func document(data: URL) -> String {
        """
        ```params
        dataset: \(data.path)
        model: mlp
        experiences: 2
        ```

        ```run a
        strategy: naive
        ```

        ```sweep b
        strategy: replay
        vary: {buffer_size: [4, 8]}
        ```

        ```run j
        strategy: joint
        ```

        ```run c
        strategy: naive
        seed: 9
        ```

        ```run a2
        strategy: naive
        ```

        """
    }

    /// A tiny dataset, a document, and an executor on a cache in one temporary folder.
    static func fixture(_ backend: RunBackend = ScriptedBackend()) throws -> (dir: URL, path: String, executor: DocumentExecutor) {
        let dir = try temporaryDirectory()
        let data = dir.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try writeTinyDataset(in: data)
        let path = try writeDocument(document(data: data), in: dir)
        let executor = DocumentExecutor(cacheDirectory: dir.appendingPathComponent("cache"), progress: .silent, backend: backend)
        return (dir, path, executor)
    }

    @Test func sharedStartComesFirstAndRunsAreDistinct() throws {
        let (dir, path, executor) = try Self.fixture()
        let graph = UnitGraph(plan: try executor.plan(path: path, overrides: [:]))
        // a, b[4], b[8] share seed 43769's start; j (joint) shares none; c (seed 9) is alone; a2 = a.
        #expect(graph.units.map(\.kind) == [.sharedStart, .run, .run, .run, .run, .run])
        #expect(graph.units.map(\.name) == ["shared-start[a +2]", "a", "b[buffer_size=4]", "b[buffer_size=8]", "j", "c"])
        #expect(graph.units.map(\.dependencies) == [[], [0], [0], [0], [], []])
        #expect(graph.units.map(\.index) == Array(0..<6))
        let again = UnitGraph(plan: try executor.plan(path: path, overrides: [:]))
        #expect(again.units.map(\.key) == graph.units.map(\.key), "stable across plans")
        #expect(try graph.unit("2").name == "b[buffer_size=4]")
        #expect(try graph.unit(graph.units[3].key).index == 3)
        #expect(try graph.unit(String(graph.units[5].key.prefix(10))).index == 5)
        #expect(throws: UnitError.self) { try graph.unit("6") }
        var digits = graph  // a key whose prefix is all decimal digits is still a key prefix, not an index
        digits.units[4].key = "6710034474" + String(graph.units[4].key.dropFirst(10))
        #expect(try digits.unit("6710034474").index == 4)
        #expect(try digits.unit("67100344").index == 4)
        #expect(graph.closure([2]).map(\.index) == [0, 2])
        let json = try UnitListing.json(graph, store: nil)
        #expect(json.contains("\"kind\" : \"shared-start\"") && json.contains("\"dependencies\" : [\n        0\n      ]"))
    }

    @Test func runUnitIsIdempotentAndFailureStoresNothing() throws {
        let backend = ScriptedBackend()
        let (dir, path, executor) = try Self.fixture(backend)
        let runner = UnitRunner(executor: executor)
        let first = try runner.compute(path: path, overrides: [:], unit: "1")
        #expect(first.cached == false && first.unit.name == "a")
        let second = try runner.compute(path: path, overrides: [:], unit: "1")
        #expect(second.cached == true)
        #expect(backend.runs.count == 1, "the second call computed nothing")

        backend.failStrategy = .replay
        do {
            _ = try runner.compute(path: path, overrides: [:], unit: "2")
            Issue.record("a failing unit did not throw")
        } catch let failure as UnitFailure {
            #expect(failure.description.contains("cell 'b', run 'b[buffer_size=4]' (unit 2"), "\(failure)")
            #expect(failure.description.contains("\(path):"), "names the file and line: \(failure)")
        }
        let store = try DirectoryCacheStore(root: executor.cacheDirectory!)
        #expect(!store.exists(RunRecord.resultEntry(UnitGraph(plan: try executor.plan(path: path, overrides: [:])).units[2].key)))
    }

    @Test func renderFromCacheNamesTheMissingUnitAndItsCommand() throws {
        let (dir, path, executor) = try Self.fixture()
        _ = try UnitRunner(executor: executor).compute(path: path, overrides: [:], unit: "1")
        var assembling = executor
        assembling.fromCache = { "glr run doc.md --unit \($0.index) --cache cache" }
        let document = try assembling.execute(path: path, overrides: [:])
        let failed = document.failedCells.map(\.name)
        #expect(failed == ["b", "j", "c"], "a is cached, a2 is a: \(failed)")
        guard case .failed(let message) = document.failedCells[0].status else { return }
        #expect(message.contains("unit 2 (b[buffer_size=4], cell b at line") && message.contains("glr run doc.md --unit 2 --cache cache"), "\(message)")
    }

    @Test func unwritableCacheFailsBeforeAnyUnit() throws {
        let backend = ScriptedBackend()
        let (dir, path, _) = try Self.fixture(backend)
        let file = dir.appendingPathComponent("not-a-folder")
        try Data().write(to: file)
        let executor = DocumentExecutor(cacheDirectory: file.appendingPathComponent("cache"), progress: .silent, backend: backend)
        #expect(throws: CacheError.self) { try executor.execute(path: path, overrides: [:]) }
        #expect(throws: CacheError.self) { try UnitRunner(executor: executor).compute(path: path, overrides: [:], unit: "0") }
        #expect(backend.runs.isEmpty)
    }

    @Test func slurmScriptRunsTheTaskUnitOnTheSharedCache() {
        #expect(SlurmArrayScript.arraySpec([5, 1, 2, 3, 7, 8]) == "1-3,5,7-8")
        let command = SlurmArrayScript.Command(glr: "/opt/glr/bin/glr", document: "experiments/x y.md", cache: "/shared/cache",
                                               overrides: ["seed": "7"], limits: PlanLimits(runsPerSweep: 1_000, runsPerDocument: 20_000),
                                               workingDirectory: "/home/me/glr")
        let script = SlurmArrayScript(jobName: "glr-x-runs", units: [1, 2, 3], logDirectory: "/home/me/glr/reports/x.slurm/logs", command: command,
                                      options: .init(partition: "cpu", time: "1:00:00", cpusPerTask: 2, maxParallel: 16))
        let text = script.text
        #expect(text.hasPrefix("#!/bin/bash\n"))
        #expect(text.contains("#SBATCH --array=1-3%16\n"))
        #expect(text.contains("#SBATCH --partition=cpu\n") && text.contains("#SBATCH --time=1:00:00\n") && text.contains("#SBATCH --cpus-per-task=2\n"))
        #expect(text.contains("exec /opt/glr/bin/glr run 'experiments/x y.md' --unit \"$SLURM_ARRAY_TASK_ID\" --cache /shared/cache --set seed=7 --max-runs 20000\n"))
    }
}
