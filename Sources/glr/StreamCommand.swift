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
            """)

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

/// The run parameters shared by `glr stream` and `glr latents` (the document's parameter names).
struct StreamOptions: ParsableArguments {
    @Option(help: "permuted | rotated | split") var benchmark = "rotated"
    @Option(help: "naive | joint (offline upper bound) | cumulative (retrain on everything seen) | replay | ewc | latent-replay | glr")
    var strategy = "glr"
    @Option(help: "Total replay buffer capacity M.") var bufferSize = 6000
    @Option(help: "Epochs per experience.") var epochs = 2
    @Option(help: "Root seed.") var seed: UInt64 = 43769
    @Option(help: "Number of experiences.") var experiences = 5
    @Option(help: "Training images per experience (default: all).") var trainSize: Int?
    @Option(help: "Test images per experience (default: all).") var testSize: Int?
    @Option(help: "Minibatch size.") var batchSize = 64
    @Option(help: "SGD learning rate.") var lr: Float = 0.01
    @Option(help: "SGD momentum.") var momentum: Float = 0.9
    @Option(help: "SGD weight decay.") var weightDecay: Float = 5e-4
    @Option(help: "EWC penalty strength λ.") var ewcLambda: Float = 10
    @Option(help: "even | decay | unlimited") var sampling = "even"
    @Option(help: "Keep only the last G experiences in the buffer.") var window: Int?
    @Option(help: "conv2 | conv3 | head1") var freezeDepth = "conv3"
    @Option(help: "Generator covariance: diag | full | spherical") var covariance = "diag"
    @Option(help: "Generator components per class: a number, or bic") var components = "10"
    @Option(help: "Generator labels: class | component") var label = "class"
    @Flag(help: "GLR: draw generated samples once per generator instead of at every experience.") var noResample = false
    @Option(help: "cnn | mlp") var model = "cnn"
    @Option(help: "fashion-mnist or a directory of MNIST-format IDX files.") var data = "fashion-mnist"
    @Option(help: ArgumentHelp("Permuted: a JSON file of pixel permutations to use instead of drawing them from the seed.",
                               discussion: "A list of lists, or an object whose \"permutations\" key holds one (the peer's results/permutations.json): one permutation of 0..<784 per experience, output pixel j = input pixel p[j].",
                               valueName: "file"))
    var permutations: String?

    func configuration() throws -> StreamConfiguration {
        func pick<T: RawRepresentable>(_ value: String, _ name: String, _ all: [T]) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: value) else {
                throw ValidationError("--\(name) \(value) is not one of " + all.map(\.rawValue).joined(separator: ", "))
            }
            return v
        }
        var c = StreamConfiguration()
        c.benchmark = try pick(benchmark, "benchmark", BenchmarkKind.allCases)
        c.strategy = try pick(strategy, "strategy", StrategyKind.allCases)
        c.sampling = try pick(sampling, "sampling", SamplingPolicy.allCases)
        c.freezeDepth = try pick(freezeDepth, "freeze-depth", FreezeDepth.allCases)
        c.bufferSize = bufferSize
        c.epochs = epochs
        c.seed = seed
        c.experiences = experiences
        c.trainSize = trainSize
        c.testSize = testSize
        c.batchSize = batchSize
        c.learningRate = lr
        c.momentum = momentum
        c.weightDecay = weightDecay
        c.ewcLambda = ewcLambda
        c.window = window
        c.resample = !noResample
        c.model = model
        c.dataset = data
        if let permutations { c.permutations = try Self.readPermutations(permutations) }
        let componentSpec: GeneratorSpec.Components
        if components == "bic" {
            componentSpec = .bic([1, 2, 5, 10, 20])
        } else if let k = Int(components), k >= 1 {
            componentSpec = .fixed(k)
        } else {
            throw ValidationError("--components \(components) must be a positive number or bic")
        }
        c.generator = GeneratorSpec(kind: "gmm", covariance: try pick(covariance, "covariance", GeneratorSpec.Covariance.allCases),
                                    components: componentSpec, label: try pick(label, "label", GeneratorSpec.LabelScheme.allCases))
        return c
    }
}

extension StreamOptions {
    /// The permutations in a JSON file: a list of lists of integers, or an object with a
    /// "permutations" key holding one.
    static func readPermutations(_ path: String) throws -> [[Int]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--permutations \(path): no such file")
        }
        let json = try? JSONSerialization.jsonObject(with: data)
        let list = (json as? [[Int]]) ?? ((json as? [String: Any])?["permutations"] as? [[Int]])
        guard let list else {
            throw ValidationError("--permutations \(path): expected a JSON list of integer lists, or an object whose \"permutations\" key holds one")
        }
        return list
    }
}
