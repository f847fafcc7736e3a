import ArgumentParser
import Foundation
import Pipeline

/// `glr cache`: List, clear or garbage-collect the run cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "List, clear or garbage-collect the run cache.",
        subcommands: [List.self, Clear.self, GC.self])

    /// The cache directory option shared by the subcommands.
    struct Location: ParsableArguments {
        @Option(help: "The cache directory.")
        var cache: String = ".glr-cache"

        func store() throws -> DirectoryCacheStore {
            guard FileManager.default.fileExists(atPath: cache) else {
                throw ValidationError("no cache at \(cache) (glr render creates it; use --cache DIR for another one)")
            }
            return try DirectoryCacheStore(root: URL(fileURLWithPath: cache, isDirectory: true))
        }
    }

    /// `glr cache list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cached results and resumable checkpoints.")
        @OptionGroup var location: Location

        func run() throws {
            let lines = try CacheMaintenance.list(try location.store())
            print(lines.isEmpty ? "\(location.cache): empty" : lines.joined(separator: "\n"))
        }
    }

    /// `glr cache clear`.
    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove every cache entry.")
        @OptionGroup var location: Location

        func run() throws {
            let store = try location.store()
            let n = try CacheMaintenance.clear(store)
            print("removed \(n) entries from \(location.cache)")
        }
    }

    /// `glr cache gc`.
    struct GC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc", abstract: "Remove entries no given experiment references and/or older than DAYS.",
            discussion: "With experiment files: removes entries none of them references (with their default parameters). With --older-than: removes entries older than DAYS. With both: entries matching both.")
        @OptionGroup var location: Location
        @Option(name: .customLong("older-than"), help: "Age in days.")
        var olderThan: Double?
        @Argument(help: "Experiment files whose runs to keep.")
        var experiments: [String] = []

        func run() throws {
            guard olderThan != nil || !experiments.isEmpty else {
                throw ValidationError("give experiment files to keep, --older-than DAYS, or both (glr cache clear removes everything)")
            }
            let store = try location.store()
            var referenced: Set<String>?
            if !experiments.isEmpty {
                let executor = DocumentExecutor(cacheDirectory: store.root, progress: .silent)
                var keys: Set<String> = []
                for file in experiments {
                    do {
                        keys.formUnion(try executor.plan(path: file, overrides: [:]).referencedKeys)
                    } catch let error as DocumentError {
                        throw ValidationError(error.description)
                    }
                }
                referenced = keys
            }
            let removed = try CacheMaintenance.collect(store, referenced: referenced, olderThan: olderThan.map { $0 * 86400 })
            print("removed \(removed.count) entries" + (removed.isEmpty ? "" : ":\n  " + removed.joined(separator: "\n  ")))
        }
    }
}
