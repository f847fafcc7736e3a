import ArgumentParser

/// `glr latents`: Write one experience's training latents and labels as .npy files.
struct LatentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "latents", abstract: "Write one experience's training latents and labels as .npy files.")

    func run() throws {
        throw ValidationError("glr latents is still being built (continual).")
    }
}
