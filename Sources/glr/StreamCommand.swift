import ArgumentParser
import Continual
import Data
import Engine
import Foundation
import Pipeline

/// `glr stream`: Run one continual-learning strategy over one benchmark.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream", abstract: "Run one continual-learning strategy over one benchmark.",
        discussion: """
            Prints the accuracy matrix R[i][j] (after experience i, on test set j) and the metrics; --json writes the full result.
            Runs that differ only in strategy settings train experience 1 identically: the state after it is kept in the cache \
            directory (entries KEY.start, as `glr render` keeps them) and reused by the next such run, with bit-identical \
            results; its seconds are reported as originally measured. --no-cache trains it every time.
            """ + "\n\n" + ParameterFlags.help)

    @OptionGroup var options: StreamOptions
    @Option(help: "Write the result as JSON to this file.") var json: String?
    @Option(help: "The cache directory where the state after experience 1 is shared between runs.") var cache: String = ".glr-cache"
    @Flag(help: "Share nothing: train experience 1 in this run.") var noCache = false

    func run() throws {
        let c = try options.configuration()
        let dataset = try DatasetLoader.load(c.dataset)
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: dataset)
        let runner = try StreamRunner(configuration: c, benchmark: benchmark)
        let progress = ProgressReporter.standardError()
        // No cache lock: only whole shared-start entries are read and written (atomic renames,
        // checksummed), so a render holding the lock on the same directory is not waited for.
        let sharedStart = noCache ? nil : CacheSharedStartStore(
            store: try DirectoryCacheStore(root: URL(fileURLWithPath: cache, isDirectory: true)),
            datasetFingerprint: dataset.fingerprint) { progress.log($0) }
        let result = try runner.run(resumeFrom: nil, sharedStart: sharedStart, checkpoint: { _, _ in },
                                    progress: { progress.stream($0, run: c.strategy.rawValue) })
        progress.finish()
        print(StreamCommand.summary(result, configuration: c))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            try encoder.encode(result).write(to: URL(fileURLWithPath: json))
        }
    }

    /// The accuracy matrix and metrics as text.
    static func summary(_ r: StreamResult, configuration c: StreamConfiguration) -> String {
        func f(_ x: Double) -> String { String(format: "%.4f", x) }
        var lines = ["\(c.strategy.rawValue) on \(c.benchmark.rawValue) \(c.dataset), \(c.experiences) experiences, seed \(c.seed)",
                     "accuracy R[i][j] (rows: after experience i; last column: mean)"]
        for (i, row) in r.accuracyMatrix.enumerated() {
            let label = c.strategy.isOffline ? "all" : "i=\(i)"  // the offline joint's one row: after training on everything
            lines.append("\(label): " + row.map(f).joined(separator: " ") + " | " + f(StreamMetrics.finalAverage([row])))
        }
        if let last = r.lossMatrix.last { lines.append("loss after last: " + last.map(f).joined(separator: " ")) }
        lines.append("final average accuracy \(f(r.finalAverageAccuracy))  loss \(f(r.finalAverageLoss))")
        if let meanForgetting = r.meanForgetting, let bwt = r.bwt, let fwt = r.fwt {
            lines.append("forgetting " + r.forgetting.map(f).joined(separator: " ") + "  mean \(f(meanForgetting))")
            lines.append("BWT \(f(bwt))  FWT \(f(fwt))  (random init: " + r.randomInitAccuracy.map(f).joined(separator: " ") + ")")
        } else {
            lines.append("forgetting, BWT, FWT: not defined (offline upper bound: trained once on all experiences, no per-experience history)")
        }
        lines.append("storage bytes " + r.storageBytes.map(String.init).joined(separator: " "))
        lines.append("seconds per experience " + r.secondsPerExperience.map { String(format: "%.1f", $0) }.joined(separator: " ")
                     + String(format: "  total %.1f", r.seconds))
        if let fid = r.fidelity {
            lines.append("generator log-lik train " + fid.trainLogLikelihood.map { String(format: "%.1f", $0) }.joined(separator: " ")
                         + "  held-out " + fid.heldOutLogLikelihood.map { String(format: "%.1f", $0) }.joined(separator: " "))
            lines.append("train-synthetic-test-real " + fid.trainSyntheticTestReal.map(f).joined(separator: " "))
            lines.append("nn distance sample→real " + fid.nearestNeighbourSampleToReal.map { String(format: "%.2f", $0) }.joined(separator: " ")
                         + "  real→real " + fid.nearestNeighbourRealToReal.map { String(format: "%.2f", $0) }.joined(separator: " "))
            lines.append("fit seconds " + fid.fitSeconds.map { String(format: "%.1f", $0) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

/// The run parameters shared by `glr stream` and `glr latents`: one flag per declared run
/// parameter, named after its document key, with the document's defaults (`ParameterFlags`).
struct StreamOptions: ParsableArguments {
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Run parameters as --NAME VALUE, listed above.", valueName: "run-parameters"))
    var parameters: [String] = []

    /// Rejects a bad run parameter before the command runs (with the command's usage).
    func validate() throws { _ = try configuration() }

    /// The configuration the flags describe.
    func configuration() throws -> StreamConfiguration {
        do { return try ParameterFlags.configuration(parameters) } catch let error as ParameterFlagError {
            throw ValidationError(error.description)
        }
    }
}
