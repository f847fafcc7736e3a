import ArgumentParser
import Foundation
import Pipeline
import Report

/// `glr check`: recompute a report from scratch (empty temporary cache) and compare every
/// number with its results.json.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Recompute a report from scratch and compare every number.",
        discussion: """
            Executes the experiment file with an empty temporary cache (and the --set overrides the \
            report was rendered with, as results.json records them), then compares every number with \
            results.json: exactly by default, within --tolerance otherwise. Timing is not compared. \
            Prints PASS or FAIL per cell with each differing number; exits 1 on any difference, \
            2 when the check could not be made. SIGINT or SIGTERM stops the check and its worker \
            processes, removes the temporary cache and exits 130 or 143.
            """)

    @Argument(help: "The experiment file (experiments/NAME.md), or a report folder whose results.json records it.")
    var target: String

    @Option(help: "The report folder holding results.json (default: reports/NAME).")
    var report: String?

    @Option(help: "Absolute tolerance for numbers: |expected − got| ≤ X passes (default 0: exact).")
    var tolerance: Double = 0

    @Option(help: "Check only these cells (comma-separated names) and what they depend on.")
    var cells: String?

    @Option(name: .shortAndLong, help: "Units recomputed at once, in worker processes (default: cores/2).")
    var jobs: Int = UnitWorkers.defaultJobs

    @Flag(inversion: .prefixedNo, help: "With -j 1: compute runs that train a head alone two at a time on threads of this process, one core each, sharing the frozen backbone's latents (the same bits; only their seconds grow, which a check does not compare).")
    var sideBySide = true

    @Option(help: "Spot check: recompute only K runs chosen at random (and what they depend on).")
    var sample: Int?

    @Option(help: "With --sample: the seed that chooses the runs (the same seed chooses the same runs).")
    var seed: UInt64 = 1

    func validate() throws {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw ValidationError("--tolerance must be a finite number ≥ 0, got \(tolerance)")
        }
        guard jobs >= 1 else { throw ValidationError("-j/--jobs must be at least 1, got \(jobs)") }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1, got \(sample)") }
        guard sample == nil || cells == nil else { throw ValidationError("give --sample or --cells, not both") }
    }

    func run() throws {
        let (file, results) = try locate()
        let recorded: (path: String, overrides: [String: String])
        do { recorded = try ReportChecker.source(of: results) } catch {
            try fail("\(error)")
        }
        let selection = cells.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("glr-check-\(UUID().uuidString)", isDirectory: true)
        // Interrupted inside a run, the process exits there (skipping the defer): the cache is
        // removed before; interrupted elsewhere, `Interrupted` is thrown and caught below.
        let interrupted = "The check was stopped and nothing was kept: its temporary cache \(cache.path) was removed."
        Interruption.shared.install(message: interrupted)
        Interruption.shared.beforeExit { try? FileManager.default.removeItem(at: cache) }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: cache) }
        do {
            try check(file: file, results: results, recorded: recorded, selection: selection, cache: cache)
        } catch let error as Interrupted {
            try? FileManager.default.removeItem(at: cache)
            FileHandle.standardError.write(Data("\(error) \(interrupted)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }

    /// Recomputes the report in the empty `cache` (all of it, the `selection`'s cells, or a
    /// sample) and compares it with `results`.
    /// - Throws: `Interrupted` when SIGINT or SIGTERM arrived; `ExitCode` for the outcome.
    func check(file: String, results: URL, recorded: (path: String, overrides: [String: String]), selection: Set<String>?,
               cache: URL) throws {
        let overrides = recorded.overrides.keys.sorted().map { "\($0)=\(recorded.overrides[$0]!)" }
        FileHandle.standardError.write(Data(("check: recomputing \(file)" + (overrides.isEmpty ? "" : " with --set \(overrides.joined(separator: " --set "))")
            + " in an empty cache \(cache.path)\n").utf8))
        var executor = DocumentExecutor(cacheDirectory: cache, progress: .standardError())
        if jobs > 1 { executor.workers = UnitWorkers(executable: Executable.url, jobs: jobs) }
        if sideBySide { executor.unitThreads = UnitThreads() }
        if let sample {
            try checkSample(sample, file: file, overrides: recorded.overrides, results: results, executor: executor)
            return
        }
        let document: ExecutedDocument
        do {
            document = try executor.execute(path: file, overrides: recorded.overrides, cells: selection)
        } catch let error as DocumentError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(65)
        }
        try Interruption.shared.check()  // after the last safe point: no verdict on an interrupted check
        let outcome: CheckOutcome
        do { outcome = try ReportChecker.check(document, against: results, tolerance: tolerance, cells: selection) } catch {
            try fail("\(error)")
        }
        print(outcome.report())
        if !outcome.passed { throw ExitCode.failure }
    }

    /// Recomputes `count` runs chosen with `seed` (and their shared starts) in the executor's
    /// empty cache and compares them with results.json; prints the choice and an estimate of
    /// a full check's time.
    func checkSample(_ count: Int, file: String, overrides: [String: String], results: URL, executor: DocumentExecutor) throws {
        let saved: JSONValue
        do { saved = try ReportChecker.load(results) } catch { try fail("\(error)") }
        let cache = executor.cacheDirectory!
        let datasets = DatasetProvider(cacheDirectory: cache)
        let graph: UnitGraph
        do { graph = UnitGraph(plan: try executor.plan(path: file, overrides: overrides, datasets: datasets)) } catch let error as DocumentError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(65)
        }
        let chosen = SampledCheck.choose(graph, count: count, seed: seed)
        let closure = graph.closure(chosen.map(\.index))
        let estimate = SampledCheck.fullCheckEstimate(saved)
        let sampleSeconds = chosen.compactMap { u in SampledCheck.savedRun(u.name, in: saved)?["seconds"]?.numericValue }.reduce(0, +)
        print("sample (seed \(seed)): \(chosen.count) of \(graph.runs.count) runs, units \(closure.map { String($0.index) }.joined(separator: ", ")):")
        for unit in chosen { print("  \(unit.index)  \(unit.name)") }
        print(String(format: "a full check recomputes %d runs: about %.0f s by results.json's timings; this sample about %.0f s", estimate.runs, estimate.seconds, sampleSeconds))
        let store = try DirectoryCacheStore(root: cache)
        let context = ExecutionContext(store: store, backend: executor.backend, datasets: datasets, progress: executor.progress, document: file)
        context.units = graph
        try executor.computeUnits(closure, path: file, overrides: overrides, context: context, store: store)
        var runs: [NamedRun] = []
        for unit in chosen {
            do { runs.append(try context.result(of: unit.run)) } catch let error as Interrupted {
                throw error
            } catch {
                try fail("\(unit.label) could not be recomputed: \(error)")
            }
        }
        try Interruption.shared.check()
        let outcome = try SampledCheck.compare(runs, saved: saved, tolerance: tolerance)
        print(outcome.report())
        if !outcome.passed { throw ExitCode.failure }
    }

    /// The experiment file and results.json: from FILE.md and --report (default reports/NAME),
    /// or from a report folder whose results.json records the file.
    func locate() throws -> (file: String, results: URL) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            let results = URL(fileURLWithPath: target).appendingPathComponent("results.json")
            do { return (try ReportChecker.source(of: results).path, results) } catch { try fail("\(error)") }
        }
        guard FileManager.default.fileExists(atPath: target) else {
            try fail("\(target): no such experiment file or report folder; give experiments/NAME.md or reports/NAME")
        }
        let name = URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent
        let folder = report ?? "reports/\(name)"
        let results = URL(fileURLWithPath: folder).appendingPathComponent("results.json")
        guard FileManager.default.fileExists(atPath: results.path) else {
            try fail("\(results.path) not found; render the report first (glr render \(target)) or pass --report DIR")
        }
        return (target, results)
    }

    /// Prints `message` on stderr and ends the command with status 2 (the check could not be
    /// made). It throws rather than exits, so the temporary cache is removed on the way out.
    func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        throw ExitCode(2)
    }
}
