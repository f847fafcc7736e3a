import ArgumentParser
import Foundation
import Pipeline
import Report

/// `glr render`: Run an experiment file's cells and render its report.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Run an experiment file's cells and render its report.",
        discussion: "Runs what is not cached (resuming interrupted runs), then writes OUT/NAME/. Exits non-zero naming any failed cell.")

    @Argument(help: "The experiment file (experiments/NAME.md).")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a declared parameter (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Option(help: "Reports directory; the report goes to OUT/NAME/.")
    var out: String = "reports"

    @Option(help: "Cache directory.")
    var cache: String = ".glr-cache"

    @Flag(name: .customLong("no-cache"), help: "Use no cache: compute every run, store nothing.")
    var noCache = false

    @Flag(name: .customLong("dry-run"), help: "Print the plan (runs, keys, cached or not) and run nothing.")
    var dryRun = false

    @Option(name: .shortAndLong, help: "Units computed at once, in worker processes (default: cores/2; each keeps two cores busy).")
    var jobs: Int = UnitWorkers.defaultJobs

    @Flag(name: .customLong("side-by-side"), help: "With -j 1: compute runs that train a head alone two at a time on threads of this process, one core each, sharing the frozen backbone's latents. The same numbers, sooner; but those runs' seconds, which the report shows, then include the sharing.")
    var sideBySide = false

    @Flag(name: .customLong("from-cache"), help: "Compute nothing: assemble the report from cache hits (after glr submit); a missing unit fails its cell and names the command that computes it.")
    var fromCache = false

    @Flag(help: "Write one self-contained HTML file.")
    var embed = false

    @OptionGroup var sizes: PlanLimitOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("-j/--jobs must be at least 1, got \(jobs)") }
        guard !(fromCache && noCache) else { throw ValidationError("--from-cache reads the cache: drop --no-cache") }
    }

    func run() throws {
        let cacheURL = noCache ? nil : URL(fileURLWithPath: cache, isDirectory: true)
        var executor = DocumentExecutor(cacheDirectory: cacheURL, progress: .standardError())
        executor.limits = sizes.limits
        if jobs > 1 { executor.workers = UnitWorkers(executable: Executable.url, jobs: jobs) }
        if sideBySide { executor.unitThreads = UnitThreads() }
        if fromCache {
            let limits = sizes.limits
            executor.fromCache = { [file, cache, overrides] unit in
                Executable.runCommand(file: file, unit: unit.index, cache: cache, overrides: overrides, limits: limits)
            }
        }
        let command = CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        let resume = "The finished runs and the current run's last complete checkpoint are in the cache; re-run the same command to resume: \(command)"
        Interruption.shared.install(message: resume)
        do {
            let parsed = try OverrideParser.parse(overrides)
            if dryRun {
                print(try PlanListing.text(executor.plan(path: file, overrides: parsed),
                                           store: cacheURL.flatMap { try? DirectoryCacheStore(root: $0) }))
                return
            }
            let directory = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(DocumentParser.name(of: file), isDirectory: true)
            try ReportDestination.check(directory)
            try ReportWriter.checkTemplates(nil)  // a broken template stops the render before it computes
            let document = try executor.execute(path: file, overrides: parsed)
            try Interruption.shared.check()  // not published: a re-run renders it from the cache
            _ = try ReportWriter.write(document, to: directory, embed: embed, templates: nil)
            FileHandle.standardError.write(Data("report: \(directory.path)/\n".utf8))
            let failed = document.failedCells
            if !failed.isEmpty {
                let names = failed.map { "'\($0.info)' (\(file):\($0.line))" }.joined(separator: ", ")
                FileHandle.standardError.write(Data("error: failed cells: \(names); the report marks them\n".utf8))
                throw ExitCode.failure
            }
        } catch {
            throw CommandFailure.exitCode(for: error, resume: resume) ?? error
        }
    }
}
