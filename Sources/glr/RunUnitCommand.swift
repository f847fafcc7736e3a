import ArgumentParser
import Foundation
import Pipeline

/// `glr run`: compute one unit of work into the cache (what a scheduler's task runs).
struct RunUnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Compute one unit of an experiment file's plan into the cache.",
        discussion: """
            Units are listed by `glr plan FILE --units`. A unit already cached returns at once; a run \
            whose shared start is missing computes it first. A failing unit stores no result, names \
            its cell and run on stderr and exits 1. Many `glr run`s may share one cache, on one \
            machine or on a shared filesystem: each key is computed once.
            """)

    @Argument(help: "The experiment file (experiments/NAME.md).")
    var file: String

    @Option(help: "The unit: its index in `glr plan --units`, its cache key, or a key prefix (≥ 8 hex digits).")
    var unit: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a declared parameter (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Option(help: "Cache directory.")
    var cache: String = ".glr-cache"

    @OptionGroup var sizes: PlanLimitOptions

    func run() throws {
        var executor = DocumentExecutor(cacheDirectory: URL(fileURLWithPath: cache, isDirectory: true), progress: .standardError())
        executor.limits = sizes.limits
        Interruption.shared.install(message: "The unit's last complete checkpoint is in the cache; run the same command again to resume.")
        do {
            let (unit, cached) = try UnitRunner(executor: executor).compute(path: file, overrides: try OverrideParser.parse(overrides),
                                                                           unit: self.unit)
            print("unit \(unit.index) \(unit.key) \(cached ? "cached" : "computed")")
        } catch {
            if let code = CommandFailure.exitCode(for: error, resume: "Run the same command again to resume.") { throw code }
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))  // the unit failed (`UnitFailure`): no result was stored
            throw ExitCode.failure
        }
    }
}
