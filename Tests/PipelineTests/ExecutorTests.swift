import Continual
import Data
import Foundation
import Pipeline
import TestSupport
import Testing

/// Executor and cache behaviour with a scripted trainer (the real one is in StreamRunnerTests).
@Suite(.removesTemporaryDirectories) struct ExecutorTests {
    struct Setup {
        var dir: URL
        var data: URL
        var cache: URL
        var path: String

        /// A document in a fresh directory; its tiny dataset is `other`'s when given (the
        /// dataset's path is part of every run's configuration, so setups compared run by run
        /// share one), else a new one in that directory.
        init(extra: String = "", dataOf other: Setup? = nil) throws {
            dir = try temporaryDirectory()
            if let other {
                data = other.data
            } else {
                data = dir.appendingPathComponent("data", isDirectory: true)
                try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
                try writeTinyDataset(in: data)
            }
            cache = dir.appendingPathComponent("cache", isDirectory: true)
            path = try writeDocument(Self.document(data: data.path, extra: extra), in: dir)
        }

        static func document(data: String, extra: String) -> String {
            """
            # Scripted

            ```params
            dataset: \(data)
            model: mlp
            experiences: 3
            seed: 11
            buffer_size: 50
            ```

            ```run naive
            strategy: naive
            ```

            \(extra)

            ```run replay
            strategy: replay
            ```

            ```sweep rs
            strategy: replay
            vary: {buffer_size: [10, 20]}
            ```

            ```table
            runs: [naive, replay, rs]
            columns: [final_accuracy, buffer_size]
            ```
            """
        }

        func executor(_ backend: ScriptedBackend, progress: ProgressReporter = .silent) -> DocumentExecutor {
            DocumentExecutor(cacheDirectory: cache, progress: progress, backend: backend)
        }
    }

    @Test func warmRenderRunsNothingAndIsIdentical() throws {
        let s = try Setup()
        let cold = ScriptedBackend()
        let first = try s.executor(cold).execute(path: s.path, overrides: [:])
        #expect(cold.runs.count == 4)
        let warm = ScriptedBackend()
        let second = try s.executor(warm).execute(path: s.path, overrides: [:])
        #expect(warm.runs.isEmpty)
        let a = runs(of: first), b = runs(of: second)
        #expect(Set(a.keys) == Set(b.keys))
        for (name, run) in a {
            #expect(b[name]?.result == run.result)
            #expect(b[name]?.cacheHit == true)
            #expect(run.cacheHit == false)
        }
        #expect(cells(of: second).filter { $0.kind == "run" }.allSatisfy { $0.cacheHit })
        guard case .table(let table)? = cells(of: second).last?.output else { Issue.record("no table"); return }
        #expect(table.rows.count == 4)
        #expect(table.columns == ["run", "final_accuracy", "buffer_size"])
        #expect(table.rows[2] [0] == .text("rs[buffer_size=10]"))
    }

    @Test func corruptEntryIsReportedAndRecomputed() throws {
        let s = try Setup()
        let first = try s.executor(ScriptedBackend()).execute(path: s.path, overrides: [:])
        let key = runs(of: first)["naive"]!.cacheKey
        let url = s.cache.appendingPathComponent("entries/\(key).result")
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: url)
        let replay = runs(of: first)["replay"]!.cacheKey
        let url2 = s.cache.appendingPathComponent("entries/\(replay).result")
        let full = try Data(contentsOf: url2)
        try full.prefix(full.count / 2).write(to: url2)

        let backend = ScriptedBackend()
        let progress = ProgressReporter.silent
        let second = try s.executor(backend, progress: progress).execute(path: s.path, overrides: [:])
        #expect(backend.runs.count == 2)
        #expect(progress.lines.contains { $0.contains(key) && $0.contains("corrupt") })
        #expect(progress.lines.contains { $0.contains(replay) && $0.contains("truncated") })
        #expect(runs(of: second)["naive"]?.result == runs(of: first)["naive"]?.result)
        #expect(runs(of: second)["replay"]?.result == runs(of: first)["replay"]?.result)
    }

    @Test func interruptedRunResumesAndMatches() throws {
        let s = try Setup()
        let clean = try Setup(dataOf: s)
        let reference = try clean.executor(ScriptedBackend()).execute(path: clean.path, overrides: [:])

        let interrupted = ScriptedBackend()
        interrupted.stopAfterExperience = 1
        let broken = try s.executor(interrupted).execute(path: s.path, overrides: [:])
        #expect(!broken.failedCells.isEmpty)
        let progress = ProgressReporter.silent
        let resumer = ScriptedBackend()
        let resumed = try s.executor(resumer, progress: progress).execute(path: s.path, overrides: [:])
        #expect(resumed.failedCells.isEmpty)
        #expect(resumer.resumedFrom.count == 3)  // the sweep stops at its first failing run
        #expect(resumer.resumedFrom.allSatisfy { $0 == 1 })
        #expect(progress.lines.contains("  resuming run naive after experience 2/3"))
        let a = runs(of: reference), b = runs(of: resumed)
        for (name, run) in a { #expect(b[name]?.result == run.result) }
    }

    @Test func failingCellSkipsDependantsOnly() throws {
        let s = try Setup()
        let backend = ScriptedBackend()
        backend.failStrategy = .replay
        let document = try s.executor(backend).execute(path: s.path, overrides: [:])
        let byName = Dictionary(uniqueKeysWithValues: cells(of: document).map { ($0.name, $0.status) })
        #expect(byName["naive"] == .ok)
        if case .failed(let message)? = byName["replay"] { #expect(message.contains("scripted failure")) } else { Issue.record("replay not failed") }
        #expect(byName["table-5"] == .skipped("cell 'replay' failed"))
        #expect(document.failedCells.map(\.name) == ["replay", "rs"])
    }

    @Test func overrideRerunsOnlyDependentRuns() throws {
        let s = try Setup()
        _ = try s.executor(ScriptedBackend()).execute(path: s.path, overrides: [:])
        let backend = ScriptedBackend()
        _ = try s.executor(backend).execute(path: s.path, overrides: ["buffer_size": "600"])
        #expect(backend.runs == ["replay-600-11"])
    }

    @Test func insertingAnUnrelatedCellKeepsKeysAndResults() throws {
        let s = try Setup()
        let t = try Setup(extra: "```run extra\nstrategy: ewc\nseed: 99\n```\n\n```params\nlr: 0.5\n```", dataOf: s)
        let a = runs(of: try s.executor(ScriptedBackend()).execute(path: s.path, overrides: [:]))
        let plan = try t.executor(ScriptedBackend()).plan(path: t.path, overrides: [:])
        #expect(plan.runs.first { $0.name == "naive" }?.key == a["naive"]?.cacheKey)
        // The later params cell changes lr for runs after it: their keys differ, as they should.
        #expect(plan.runs.first { $0.name == "replay" }?.key != a["replay"]?.cacheKey)
    }

    @Test func noCacheStoresNothing() throws {
        let s = try Setup()
        let backend = ScriptedBackend()
        _ = try DocumentExecutor(cacheDirectory: nil, progress: .silent, backend: backend).execute(path: s.path, overrides: [:])
        #expect(backend.runs.count == 4)
        #expect(!FileManager.default.fileExists(atPath: s.cache.path))
    }

    @Test func selectedCellsRunWithTheirInputs() throws {
        let s = try Setup()
        let backend = ScriptedBackend()
        let document = try s.executor(backend).execute(path: s.path, overrides: [:], cells: ["replay"])
        #expect(backend.runs == ["replay-50-11"])
        #expect(cells(of: document).first { $0.name == "naive" }?.status == .skipped("not selected"))
    }
}

@Suite(.removesTemporaryDirectories) struct DatasetFingerprintTests {
    @Test func changedDataFilesChangeRunKeys() throws {
        let dir = try temporaryDirectory()
        let data = dir.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try writeTinyDataset(in: data)
        let path = try writeDocument("```params\ndataset: \(data.path)\nmodel: mlp\n```\n\n```run a\nstrategy: naive\n```\n", in: dir)
        let executor = DocumentExecutor(cacheDirectory: dir.appendingPathComponent("cache"), progress: .silent, backend: ScriptedBackend())
        let first = try executor.plan(path: path, overrides: [:])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("cache/datasets.json").path))
        #expect(try executor.plan(path: path, overrides: [:]).runs[0].key == first.runs[0].key)
        Thread.sleep(forTimeInterval: 0.02)
        try writeTinyDataset(in: data, salt: 1)
        let second = try executor.plan(path: path, overrides: [:])
        #expect(second.runs[0].key != first.runs[0].key)
        #expect(second.datasetFingerprints[data.path] == (try DatasetLoader.fingerprint(data.path)))
    }
}
