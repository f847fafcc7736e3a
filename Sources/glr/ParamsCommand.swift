import ArgumentParser

/// `glr params`: List an experiment file's parameters, types and defaults.
struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "params", abstract: "List an experiment file's parameters, types and defaults.")

    func run() throws {
        throw ValidationError("glr params is still being built (pipeline).")
    }
}
