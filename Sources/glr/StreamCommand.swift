import ArgumentParser

/// `glr stream`: Run one continual-learning strategy over one benchmark.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stream", abstract: "Run one continual-learning strategy over one benchmark.")

    func run() throws {
        throw ValidationError("glr stream is still being built (continual).")
    }
}
