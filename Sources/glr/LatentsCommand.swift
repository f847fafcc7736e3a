import ArgumentParser
import Continual
import Data
import Foundation
import Pipeline

/// `glr latents`: Write one experience's training latents and labels as .npy files.
struct LatentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latents", abstract: "Write one experience's training latents and labels as .npy files.",
        discussion: """
        Trains experience 0 exactly as a stream's first experience, then writes the chosen experience's training \
        latents (N×D float32) to --out and its labels (int32) to the same name ending in -labels.npy; --test-out \
        does the same for its test set.
        """ + "\n\n" + ParameterFlags.help)

    @OptionGroup var options: StreamOptions
    @Option(help: "The experience whose latents to write (0-based).") var experience = 0
    @Option(help: "Where to write the training latents (.npy).") var out: String
    @Option(help: "Where to write the test latents (.npy).") var testOut: String?

    func run() throws {
        let c = try options.configuration()
        let dataset = try DatasetLoader.load(c.dataset)
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: dataset)
        let runner = try StreamRunner(configuration: c, benchmark: benchmark)
        let progress = ProgressReporter.standardError()
        let latents = try runner.latentsAfterFirstExperience(of: experience, progress: { progress.stream($0, run: "latents") })
        progress.finish()
        try LatentsCommand.write(latents.train, to: out)
        if let testOut { try LatentsCommand.write(latents.test, to: testOut) }
        print("wrote \(latents.train.count)×\(latents.train.sampleSize) training latents to \(out)"
              + (testOut.map { ", \(latents.test.count) test latents to \($0)" } ?? ""))
    }

    /// Writes latents to `path` and labels to `path` with "-labels" before ".npy".
    static func write(_ samples: SampleSet, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try NPYFile.write(samples.values, shape: [samples.count, samples.sampleSize], to: url)
        try NPYFile.write(samples.labels, shape: [samples.count], to: labelsURL(for: url))
    }

    /// FILE.npy → FILE-labels.npy.
    static func labelsURL(for url: URL) -> URL {
        let base = url.pathExtension == "npy" ? url.deletingPathExtension() : url
        return base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + "-labels.npy")
    }
}
