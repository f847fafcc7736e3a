import Foundation
import Pipeline
import TestSupport
import Testing

/// Several glr processes on one cache, with the real trainer on subsampled Fashion-MNIST:
/// concurrent renders compute each run once, `-j 2` equals `-j 1`, a killed unit leaves
/// no entry and its lock is taken over.
@Suite(.serialized, .removesTemporaryDirectories) struct ScaleOutProcessTests {
    /// Four runs sharing one start (naive, replay, ewc, and a second seed alone).
    static let sweep = """
        # Sweep

        ```params
        benchmark: permuted
        experiences: 2
        epochs: 1
        train_size: 300
        test_size: 100
        batch_size: 32
        model: mlp
        buffer_size: 100
        ```

        ```run naive
        strategy: naive
        ```

        ```sweep replay
        strategy: replay
        vary: {buffer_size: [50, 100]}
        ```

        ```run ewc
        strategy: ewc
        ```

        ```run other-seed
        strategy: naive
        seed: 5
        ```

        ```table
        runs: [naive, replay, ewc, other-seed]
        columns: [final_accuracy, final_loss]
        ```

        """

    static var available: URL? {
        guard let glr = InterruptionTests.glr, FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            print("ScaleOutProcessTests: skipped (no glr executable beside the tests, or no Fashion-MNIST)")
            return nil
        }
        return glr
    }

    /// Starts glr with `arguments` in `dir`, stderr to a file.
    static func start(_ glr: URL, _ arguments: [String], in dir: URL, path: String? = nil,
                      stdout: URL? = nil) throws -> (process: Process, stderr: URL) {
        let process = Process()
        process.executableURL = glr
        process.arguments = arguments
        process.currentDirectoryURL = dir
        if let path { process.environment = ProcessInfo.processInfo.environment.merging(["PATH": path]) { $1 } }
        let errFile = dir.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errFile)
        if let stdout {
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        try process.run()
        return (process, errFile)
    }

    /// Runs glr to the end: exit status, stderr and stdout.
    @discardableResult
    static func run(_ glr: URL, _ arguments: [String], in dir: URL, path: String? = nil) throws -> (code: Int32, stderr: String, stdout: String) {
        let out = dir.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        let (process, errFile) = try start(glr, arguments, in: dir, path: path, stdout: out)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errFile, encoding: .utf8)) ?? "",
                (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }

    /// results.json without what legitimately differs between renders (timings, cache
    /// hits, provenance): every number and string of every cell.
    static func comparable(_ url: URL) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        func strip(_ value: Any) -> Any {
            if let dictionary = value as? [String: Any] {
                var kept: [String: Any] = [:]
                for (key, inner) in dictionary where !(key == "seconds" || key.hasSuffix("_seconds") || key.hasPrefix("seconds_")
                                                       || key == "cache_hit" || key == "provenance" || key == "wall_seconds") {
                    kept[key] = strip(inner)
                }
                return kept
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        return (strip(object) as? [String: Any] ?? [:]) as NSDictionary
    }

    @Test func parallelRenderEqualsSerialRender() throws {
        guard let glr = Self.available else { return }
        let dir = try temporaryDirectory("glr-jobs")
        try Self.sweep.write(to: dir.appendingPathComponent("sweep.md"), atomically: true, encoding: .utf8)
        let serial = try Self.run(glr, ["render", "sweep.md", "-j", "1", "--cache", "c1", "--out", "o1"], in: dir)
        #expect(serial.code == 0, "\(serial.stderr)")
        let parallel = try Self.run(glr, ["render", "sweep.md", "-j", "2", "--cache", "c2", "--out", "o2"], in: dir)
        #expect(parallel.code == 0, "\(parallel.stderr)")
        #expect(parallel.stderr.contains("computing 6 units with 2 worker processes"), "\(parallel.stderr)")
        #expect(parallel.stderr.contains("[unit 0 shared-start[naive +3]]"), "progress names each running unit")
        #expect(parallel.stderr.contains("runs: 0 computed, 5 cached"), "the report is assembled from the workers' entries")
        let one = try Self.comparable(dir.appendingPathComponent("o1/sweep/results.json"))
        let two = try Self.comparable(dir.appendingPathComponent("o2/sweep/results.json"))
        #expect((one["cells"] as? NSDictionary)?.count == 6)
        #expect(one == two, "results of -j 2 differ from -j 1")
    }

    @Test func overlappingRendersComputeEachRunOnce() throws {
        guard let glr = Self.available else { return }
        let dir = try temporaryDirectory("glr-overlap")
        let header = "```params\nbenchmark: permuted\nexperiences: 2\nepochs: 1\ntrain_size: 300\ntest_size: 100\nbatch_size: 32\nmodel: mlp\n```\n\n"
        try (header + "```run naive\nstrategy: naive\n```\n\n```run replay\nstrategy: replay\nbuffer_size: 100\n```\n")
            .write(to: dir.appendingPathComponent("one.md"), atomically: true, encoding: .utf8)
        try (header + "```run replay\nstrategy: replay\nbuffer_size: 100\n```\n\n```run naive\nstrategy: naive\n```\n\n```run ewc\nstrategy: ewc\n```\n")
            .write(to: dir.appendingPathComponent("two.md"), atomically: true, encoding: .utf8)
        let first = try Self.start(glr, ["render", "one.md", "-j", "1", "--cache", "shared", "--out", "out"], in: dir)
        let second = try Self.start(glr, ["render", "two.md", "-j", "1", "--cache", "shared", "--out", "out"], in: dir)
        first.process.waitUntilExit()
        second.process.waitUntilExit()
        let logs = [first.stderr, second.stderr].map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
        #expect(first.process.terminationStatus == 0, "\(logs[0])")
        #expect(second.process.terminationStatus == 0, "\(logs[1])")
        let computed = logs.flatMap { $0.split(separator: "\n") }.filter { $0.contains(": done in ") }
        #expect(computed.count == 3, "naive, replay and ewc are computed once between the two renders: \(computed)")
        for name in ["naive", "replay", "ewc"] {
            #expect(computed.filter { $0.hasPrefix("  \(name): done in") }.count == 1, "\(name)\n\(logs[0])\n---\n\(logs[1])")
        }
    }

    @Test func killedUnitLeavesNoEntryAndItsLockIsTakenOver() throws {
        guard let glr = Self.available else { return }
        let dir = try temporaryDirectory("glr-kill")
        try Self.sweep.replacingOccurrences(of: "train_size: 300", with: "train_size: 3000")
            .write(to: dir.appendingPathComponent("sweep.md"), atomically: true, encoding: .utf8)
        let unit = "4"  // ewc, which depends on the shared start (unit 0)
        let killed = try Self.start(glr, ["run", "sweep.md", "--unit", unit, "--cache", "cache"], in: dir)
        let locks = dir.appendingPathComponent("cache/locks")
        var lockFile: String?
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, killed.process.isRunning, lockFile == nil {
            // The run's own lock (the shared start's comes and goes first): wait for the second.
            let log = (try? String(contentsOf: killed.stderr, encoding: .utf8)) ?? ""
            if log.contains("ewc: experience 1/2") || log.contains("ewc: experience 2/2") {
                lockFile = (try? FileManager.default.contentsOfDirectory(atPath: locks.path))?.first { $0.hasSuffix(".lock") }
            }
            usleep(5_000)
        }
        kill(killed.process.processIdentifier, SIGKILL)
        killed.process.waitUntilExit()
        let log = (try? String(contentsOf: killed.stderr, encoding: .utf8)) ?? ""
        guard let lockFile else { Issue.record("the unit finished or never locked before it could be killed: \(log)"); return }
        let key = String(lockFile.dropLast(5))
        let entries = dir.appendingPathComponent("cache/entries")
        #expect(!FileManager.default.fileExists(atPath: entries.appendingPathComponent("\(key).result").path), "a killed unit left a result")
        let holder = LockHolder(text: (try? String(contentsOf: locks.appendingPathComponent(lockFile), encoding: .utf8)) ?? "")
        #expect(holder?.pid == killed.process.processIdentifier, "the lock names the killed process")

        let again = try Self.run(glr, ["run", "sweep.md", "--unit", unit, "--cache", "cache"], in: dir)
        #expect(again.code == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: entries.appendingPathComponent("\(key).result").path))
        #expect(!FileManager.default.fileExists(atPath: locks.appendingPathComponent(lockFile).path), "the lock was taken over and released")
        let idempotent = try Self.run(glr, ["run", "sweep.md", "--unit", unit, "--cache", "cache"], in: dir)
        #expect(idempotent.code == 0 && idempotent.stderr.contains("already in the cache"), "\(idempotent.stderr)")
    }

    @Test func submitWithoutSbatchSaysHowToInstallAndDryRunPrintsTheScripts() throws {
        guard let glr = Self.available else { return }
        let dir = try temporaryDirectory("glr-submit")
        try Self.sweep.write(to: dir.appendingPathComponent("sweep.md"), atomically: true, encoding: .utf8)
        let refused = try Self.run(glr, ["submit", "sweep.md", "--slurm", "--cache", "shared"], in: dir, path: "/nonexistent")
        #expect(refused.code == 69, "\(refused.stderr)")
        #expect(refused.stderr.contains("sbatch is not on PATH") && refused.stderr.contains("apt-get install slurm-client"), "\(refused.stderr)")
        let dry = try Self.run(glr, ["submit", "sweep.md", "--slurm", "--cache", "shared", "--dry-run", "--max-parallel", "3"], in: dir, path: "/nonexistent")
        #expect(dry.code == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("#SBATCH --array=0%3") && dry.stdout.contains("#SBATCH --array=1-5%3"), "\(dry.stdout)")
        #expect(dry.stdout.contains("--unit \"$SLURM_ARRAY_TASK_ID\""))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reports/sweep.slurm").path), "a dry run writes nothing")
    }

    @Test func sampledCheckRecomputesChosenRunsAndFailsOnADifference() throws {
        guard let glr = Self.available else { return }
        let dir = try temporaryDirectory("glr-sample")
        try Self.sweep.write(to: dir.appendingPathComponent("sweep.md"), atomically: true, encoding: .utf8)
        let rendered = try Self.run(glr, ["render", "sweep.md", "--cache", "cache", "--out", "out"], in: dir)
        #expect(rendered.code == 0, "\(rendered.stderr)")
        let check = ["check", "sweep.md", "--report", "out/sweep", "--sample", "2", "--seed", "3"]
        let passed = try Self.run(glr, check, in: dir)
        #expect(passed.code == 0, "\(passed.stdout)\n\(passed.stderr)")
        #expect(passed.stdout.contains("sample (seed 3): 2 of 5 runs"), "\(passed.stdout)")
        #expect(passed.stdout.contains("a full check recomputes 5 runs: about"), "\(passed.stdout)")
        let again = try Self.run(glr, check + ["-j", "2"], in: dir)  // worker processes, same verdict
        #expect(again.code == 0 && again.stderr.contains("worker processes"), "\(again.stdout)\n\(again.stderr)")
        let chosen = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.contains("PASS") } }
        #expect(chosen(again.stdout) == chosen(passed.stdout), "the same seed chooses the same runs")
        // One changed digit in every run's final accuracy: the sampled runs must notice.
        let results = dir.appendingPathComponent("out/sweep/results.json")
        var text = try String(contentsOf: results, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "(\"final_average_accuracy\" ?: ?0\\.)(\\d)")
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed()
        #expect(matches.count >= 5)
        for match in matches {
            let digit = Range(match.range(at: 2), in: text)!
            text.replaceSubrange(digit, with: text[digit] == "9" ? "8" : "9")
        }
        try text.write(to: results, atomically: true, encoding: .utf8)
        let failed = try Self.run(glr, check, in: dir)
        #expect(failed.code == 1, "\(failed.stdout)\n\(failed.stderr)")
        #expect(failed.stdout.contains("final_average_accuracy"), "\(failed.stdout)")
    }
}
