import ArgumentParser
import Data
import Engine
import Benchmarks
import Foundation
import Pipeline

/// `glr train`: Train the reference CNN (or an MLP) on a dataset.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the reference CNN (or an MLP) on a dataset.",
        discussion: """
            Minibatch SGD with momentum and weight decay (PyTorch's rule). Initialisation, \
            subsampling and per-epoch shuffling draw from streams derived from --seed, so the \
            same arguments give bit-identical results on the same machine and thread count. \
            Prints per-epoch training loss and test accuracy; a progress bar on stderr when \
            it is a terminal, plain lines otherwise.
            """)

    @Option(help: "Model: cnn (the reference CNN) or mlp (784-256-128-10).")
    var model = "cnn"
    @Option(help: "Dataset: fashion-mnist (the default) or a directory of MNIST-format IDX files.")
    var data = DatasetLoader.defaultName
    @Option(help: "Passes over the training set.")
    var epochs = 2
    @Option(help: "Minibatch size.")
    var batchSize = 64
    @Option(help: "Learning rate.")
    var lr: Float = 0.01
    @Option(help: "SGD momentum.")
    var momentum: Float = 0.9
    @Option(help: "Weight decay (L2, PyTorch's SGD semantics).")
    var weightDecay: Float = 5e-4
    @Option(help: "Seed of every random stream of the run.")
    var seed: UInt64 = 43769
    @Option(help: "Train on a class-balanced subsample of this many images (default: all).")
    var trainSize: Int?
    @Option(help: "Test on a class-balanced subsample of this many images (default: all).")
    var testSize: Int?
    @Option(help: "Also write the outcome as JSON to this file.")
    var json: String?
    @Option(help: "Threads that run the batch shards (default: 2, or GLR_THREADS).")
    var threads: Int?

    func validate() throws {
        guard ["cnn", "mlp"].contains(model) else { throw ValidationError("--model must be cnn or mlp, got '\(model)'") }
        guard epochs >= 0 else { throw ValidationError("--epochs must be ≥ 0, got \(epochs)") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive, got \(batchSize)") }
        guard lr >= 0, momentum >= 0, weightDecay >= 0 else { throw ValidationError("--lr, --momentum and --weight-decay must be ≥ 0") }
        if let n = trainSize, n <= 0 { throw ValidationError("--train-size must be positive, got \(n)") }
        if let n = testSize, n <= 0 { throw ValidationError("--test-size must be positive, got \(n)") }
        if let n = threads, n <= 0 { throw ValidationError("--threads must be positive, got \(n)") }
    }

    func run() throws {
        if let n = threads { EngineThreading.workers = n }
        EngineThreading.applyBLASThreads()
        AllocatorTuning.apply()
        let started = monotonicSeconds()
        let log = TrainLog()
        let dataset = try DatasetLoader.load(data)
        let root = RandomStream(seed: seed)
        let train = try split(dataset.train, size: trainSize, name: "train", mean: dataset.mean, std: dataset.std, rng: root.derived("subsample").derived("train"))
        let test = try split(dataset.test, size: testSize, name: "test", mean: dataset.mean, std: dataset.std, rng: root.derived("subsample").derived("test"))
        var initRNG = root.derived("init")
        let net = model == "cnn"
            ? Sequential.referenceCNN(rng: &initRNG)
            : Sequential.mlp(inputSize: train.pixelsPerImage, hidden: [256, 128], classes: 10, rng: &initRNG)
        let sgd = SGD(parameters: net.parameters, learningRate: lr, momentum: momentum, weightDecay: weightDecay)
        log.line("glr train: \(model) on \(dataset.name) (\(train.count) train / \(test.count) test), \(epochs) epochs, batch \(batchSize), lr \(lr), momentum \(momentum), weight decay \(weightDecay), seed \(seed); \(EngineThreading.mode.rawValue) × \(EngineThreading.workers), BLAS \(BLASInfo.coreName)")

        var epochResults: [EpochResult] = []
        var testResult = (accuracy: 0.0, meanLoss: 0.0)
        let shuffle = root.derived("shuffle")
        for epoch in 0..<epochs {
            var rng = shuffle.derived(epoch)
            let t0 = monotonicSeconds()
            let loss = net.trainEpoch(optimizer: sgd, inputs: train.pixels, sampleShape: train.sampleShape, labels: train.labels,
                                      batchSize: batchSize, rng: &rng) { p in
                log.progress(epoch: epoch + 1, epochs: epochs, done: p.samplesDone, total: p.samplesTotal, loss: p.meanLoss, since: t0)
            }
            let trainSeconds = monotonicSeconds() - t0
            testResult = net.evaluate(inputs: test.pixels, sampleShape: test.sampleShape, labels: test.labels, batchSize: 1000)
            epochResults.append(EpochResult(epoch: epoch + 1, trainLoss: loss, testAccuracy: testResult.accuracy,
                                            testLoss: testResult.meanLoss, seconds: trainSeconds,
                                            samplesPerSecond: Double(train.count) / trainSeconds))
            log.line(String(format: "epoch %d/%d  train loss %.4f  test accuracy %.4f  test loss %.4f  %.1f s (%.0f samples/s)",
                            epoch + 1, epochs, loss, testResult.accuracy, testResult.meanLoss, trainSeconds, Double(train.count) / trainSeconds))
        }
        if epochs == 0 {
            testResult = net.evaluate(inputs: test.pixels, sampleShape: test.sampleShape, labels: test.labels, batchSize: 1000)
            log.line(String(format: "untrained: test accuracy %.4f  test loss %.4f", testResult.accuracy, testResult.meanLoss))
        }
        let outcome = TrainOutcome(model: model, dataset: dataset.name, fingerprint: dataset.fingerprint, seed: seed, epochs: epochs,
                                   batchSize: batchSize, learningRate: lr, momentum: momentum, weightDecay: weightDecay,
                                   trainSize: train.count, testSize: test.count, testAccuracy: testResult.accuracy,
                                   testLoss: testResult.meanLoss, seconds: monotonicSeconds() - started, threading: EngineThreading.mode.rawValue,
                                   threads: EngineThreading.workers, blasCore: BLASInfo.coreName, epochResults: epochResults)
        if let path = json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try encoder.encode(outcome).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ValidationError("cannot write --json \(path): \(error.localizedDescription); check the directory exists and is writable")
            }
        }
    }

    /// Normalised images of a split, optionally a seeded class-balanced subsample.
    private func split(_ raw: RawImages, size: Int?, name: String, mean: Float, std: Float, rng: RandomStream) throws -> LabeledImages {
        var indices = Array(0..<raw.count)
        if let n = size {
            guard n <= raw.count else { throw ValidationError("--\(name)-size \(n) exceeds the \(raw.count) \(name) images") }
            indices = Subsample.balancedIndices(labels: raw.labels, count: n, rng: rng)
        }
        return raw.normalized(indices: indices, mean: mean, std: std)
    }
}

/// One epoch's figures in `glr train --json`.
struct EpochResult: Codable {
    var epoch: Int
    var trainLoss: Double, testAccuracy: Double, testLoss: Double, seconds: Double, samplesPerSecond: Double
    enum CodingKeys: String, CodingKey {
        case epoch, seconds
        case trainLoss = "train_loss", testAccuracy = "test_accuracy", testLoss = "test_loss", samplesPerSecond = "samples_per_s"
    }
}

/// The outcome written by `glr train --json` (keys include `test_accuracy`, `test_loss`, `seconds`).
struct TrainOutcome: Codable {
    var model: String, dataset: String, fingerprint: String, seed: UInt64, epochs: Int, batchSize: Int
    var learningRate: Float, momentum: Float, weightDecay: Float, trainSize: Int, testSize: Int
    var testAccuracy: Double, testLoss: Double, seconds: Double
    var threading: String, threads: Int, blasCore: String
    var epochResults: [EpochResult]
    enum CodingKeys: String, CodingKey {
        case model, dataset, fingerprint, seed, epochs, momentum, seconds, threading, threads
        case batchSize = "batch_size", learningRate = "lr", weightDecay = "weight_decay", trainSize = "train_size", testSize = "test_size"
        case testAccuracy = "test_accuracy", testLoss = "test_loss", blasCore = "blas_core", epochResults = "per_epoch"
    }
}

/// Output of `glr train`: result lines on stdout; progress on stderr through the one
/// `ProgressReporter` (a bar with ETA on a terminal, a plain line every tenth of an epoch otherwise).
final class TrainLog {
    private let reporter = ProgressReporter.standardError()

    func line(_ s: String) {
        reporter.finish()
        print(s)
        fflush(stdout)
    }

    func progress(epoch: Int, epochs: Int, done: Int, total: Int, loss: Double, since t0: Double) {
        let rate = Double(done) / max(monotonicSeconds() - t0, 1e-9)
        reporter.bar("epoch \(epoch)/\(epochs)", done: done, total: total, samplesPerSecond: rate,
                     remaining: Double(total - done) / max(rate, 1e-9), detail: String(format: "loss %.4f", loss), plainLines: 10)
    }
}
