import ArgumentParser

/// `glr train`: Train the reference CNN (or an MLP) on a dataset.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train the reference CNN (or an MLP) on a dataset.")

    func run() throws {
        throw ValidationError("glr train is still being built (engine).")
    }
}
