import ArgumentParser

/// `glr check`: Recompute a report from scratch and compare every number.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Recompute a report from scratch and compare every number.")

    func run() throws {
        throw ValidationError("glr check is still being built (report).")
    }
}
