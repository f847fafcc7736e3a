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
            2 when the check could not be made.
            """)

    @Argument(help: "The experiment file (experiments/NAME.md), or a report folder whose results.json records it.")
    var target: String

    @Option(help: "The report folder holding results.json (default: reports/NAME).")
    var report: String?

    @Option(help: "Absolute tolerance for numbers: |expected − got| ≤ X passes (default 0: exact).")
    var tolerance: Double = 0

    @Option(help: "Check only these cells (comma-separated names) and what they depend on.")
    var cells: String?

    func validate() throws {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw ValidationError("--tolerance must be a finite number ≥ 0, got \(tolerance)")
        }
    }

    func run() throws {
        let (file, results) = try locate()
        let recorded: (path: String, overrides: [String: String])
        do { recorded = try ReportChecker.source(of: results) } catch {
            fail("\(error)")
        }
        let selection = cells.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("glr-check-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: cache) }

        let overrides = recorded.overrides.keys.sorted().map { "\($0)=\(recorded.overrides[$0]!)" }
        FileHandle.standardError.write(Data(("check: recomputing \(file)" + (overrides.isEmpty ? "" : " with --set \(overrides.joined(separator: " --set "))")
            + " in an empty cache \(cache.path)\n").utf8))
        let document: ExecutedDocument
        do {
            document = try DocumentExecutor(cacheDirectory: cache, progress: .standardError())
                .execute(path: file, overrides: recorded.overrides, cells: selection)
        } catch let error as DocumentError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(65)
        }
        let outcome: CheckOutcome
        do { outcome = try ReportChecker.check(document, against: results, tolerance: tolerance, cells: selection) } catch {
            fail("\(error)")
        }
        print(outcome.report())
        if !outcome.passed { throw ExitCode.failure }
    }

    /// The experiment file and results.json: from FILE.md and --report (default reports/NAME),
    /// or from a report folder whose results.json records the file.
    func locate() throws -> (file: String, results: URL) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            let results = URL(fileURLWithPath: target).appendingPathComponent("results.json")
            do { return (try ReportChecker.source(of: results).path, results) } catch { fail("\(error)") }
        }
        guard FileManager.default.fileExists(atPath: target) else {
            fail("\(target): no such experiment file or report folder; give experiments/NAME.md or reports/NAME")
        }
        let name = URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent
        let folder = report ?? "reports/\(name)"
        let results = URL(fileURLWithPath: folder).appendingPathComponent("results.json")
        guard FileManager.default.fileExists(atPath: results.path) else {
            fail("\(results.path) not found; render the report first (glr render \(target)) or pass --report DIR")
        }
        return (target, results)
    }

    /// Prints `message` on stderr and exits with status 2 (the check could not be made).
    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
