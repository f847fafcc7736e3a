import ArgumentParser

/// `glr fit`: Fit a latent generator to latents and labels from .npy files; report time and log-likelihood.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fit", abstract: "Fit a latent generator to latents and labels from .npy files; report time and log-likelihood.")

    func run() throws {
        throw ValidationError("glr fit is still being built (generators).")
    }
}
