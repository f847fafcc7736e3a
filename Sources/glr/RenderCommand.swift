import ArgumentParser

/// `glr render`: Run an experiment file's cells and render its report.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Run an experiment file's cells and render its report.")

    func run() throws {
        throw ValidationError("glr render is still being built (pipeline).")
    }
}
