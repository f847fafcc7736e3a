import ArgumentParser

/// `glr cache`: List, clear or garbage-collect the run cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cache", abstract: "List, clear or garbage-collect the run cache.")

    func run() throws {
        throw ValidationError("glr cache is still being built (pipeline).")
    }
}
