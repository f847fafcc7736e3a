import ArgumentParser

/// The `glr` command: train, stream, render, check, bench.
@main
struct GLR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glr",
        abstract: "Generative Latent Replay for continual learning, with literate experiment reports.",
        subcommands: [
            RenderCommand.self, CheckCommand.self, PlanCommand.self, RunUnitCommand.self, SubmitCommand.self, ParamsCommand.self, CacheCommand.self,
            StreamCommand.self, LatentsCommand.self, FitCommand.self, TrainCommand.self, BenchCommand.self,
        ]
    )
}
