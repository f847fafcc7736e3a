import ArgumentParser
import Foundation
import Pipeline

/// `glr plan`: show what a render would compute, by cell or as units of work.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show an experiment file's plan: cells and runs, or units of work (--units).",
        discussion: """
            --units lists the units a scheduler runs, in a stable order: index (what `glr run FILE --unit I` \
            and Slurm array tasks take), kind (shared-start or run), cache key, the units it waits for, \
            and whether the cache has it. Nothing runs.
            """)

    @Argument(help: "The experiment file (experiments/NAME.md).")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a declared parameter (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Option(help: "Cache directory (to tell what is cached).")
    var cache: String = ".glr-cache"

    @OptionGroup var sizes: PlanLimitOptions

    @Flag(help: "List units of work instead of cells.")
    var units = false

    @Flag(help: "With --units: print JSON.")
    var json = false

    func run() throws {
        let cacheURL = URL(fileURLWithPath: cache, isDirectory: true)
        var executor = DocumentExecutor(cacheDirectory: cacheURL, progress: .standardError())
        executor.limits = sizes.limits
        let store = FileManager.default.fileExists(atPath: cacheURL.path) ? try? DirectoryCacheStore(root: cacheURL) : nil
        do {
            let plan = try executor.plan(path: file, overrides: try OverrideParser.parse(overrides))
            if !units {
                print(PlanListing.text(plan, store: store))
                return
            }
            let graph = UnitGraph(plan: plan)
            print(json ? try UnitListing.json(graph, store: store) : UnitListing.text(graph, store: store))
        } catch {
            throw CommandFailure.exitCode(for: error) ?? error
        }
    }
}
