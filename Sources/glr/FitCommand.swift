import ArgumentParser
import Continual
import Data
import Engine
import Foundation
import Pipeline

/// `glr fit`: fits a latent generator to latents and labels from .npy files and reports fit time,
/// EM iterations and mean log-likelihoods per sample (train and held-out).
///
/// The printed lines match `scripts/gmm-vs-sklearn.py`, which runs scikit-learn on the same files.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a latent generator to latents and labels from .npy files; report time and log-likelihood.")

    @Option(help: "N×D float32 latents (.npy).") var latents: String
    @Option(help: "N int32/int64 labels (.npy).") var labels: String
    @Option(help: "Held-out latents (.npy).") var testLatents: String?
    @Option(help: "Held-out labels (.npy).") var testLabels: String?
    @Option(help: "Covariance: diag | full | spherical.") var covariance: String = "diag"
    @Option(help: "Components per class: a number, or bic:1,2,5,10.") var components: String = "10"
    @Option(help: "Label scheme: class | component.") var label: String = "class"
    @Option(help: "Seed of the fit's random stream.") var seed: UInt64 = 43769
    @Option(help: "Variance floor relative to the data's mean variance (0 = scikit-learn's model; default: what a stream uses, 2e-5 for label class, 0 for label component).") var varianceFloor: Double?
    @Option(help: "Fit this many times and report the median seconds.") var `repeat`: Int = 1
    @Option(help: "Threads fitting the class mixtures (0: the engine's workers: 2, or GLR_THREADS).") var workers: Int = 0
    @Option(help: "k-means initialisations per mixture (the best after the screening iterations is kept).") var initialisations: Int = MixtureFitOptions.default.initialisations
    @Option(help: "EM iterations per initialisation before the best is chosen (0: to convergence).") var screening: Int = MixtureFitOptions.default.screeningIterations
    @Option(help: "Maximum Lloyd iterations of each k-means initialisation.") var kmeansIterations: Int = MixtureFitOptions.default.kMeansIterations
    @Option(help: "EM tolerance on the mean log-likelihood per sample.") var tolerance: Double = MixtureFitOptions.default.tolerance
    @Option(help: "Maximum EM iterations.") var maxIterations: Int = MixtureFitOptions.default.maxIterations
    @Option(help: "Write the figures as JSON to this file.") var json: String?

    func run() throws {
        let spec = try makeSpec()
        let (x, xShape) = try NPYFile.readFloat32(URL(fileURLWithPath: latents))
        let (y, _) = try NPYFile.readInt32(URL(fileURLWithPath: labels))
        guard xShape.count == 2 else { throw ValidationError("\(latents): expected a 2-D array N×D, got shape \(xShape)") }
        let d = xShape[1]
        var options = spec.fitOptions
        let varianceFloor = self.varianceFloor ?? options.relativeVarianceFloor
        options.relativeVarianceFloor = varianceFloor
        options.workers = workers
        options.initialisations = initialisations
        options.screeningIterations = screening
        options.tolerance = tolerance
        options.kMeansIterations = kmeansIterations
        options.maxIterations = maxIterations
        let classCount = Set(y).count
        print("fit: \(spec.kind) \(covariance) components=\(components) label=\(label) on \(xShape[0])×\(d) (\(classCount) classes), variance floor \(varianceFloor), "
              + "\(initialisations) initialisation(s) screened by \(screening) EM iterations, \(workers > 0 ? workers : EngineThreading.workers) worker(s), \(spec.fittingVersion)")
        var seconds: [Double] = []
        var result: (generator: any LatentGenerator, report: GeneratorFitReport)?
        for _ in 0..<max(1, `repeat`) {
            let r = try spec.fitReporting(latents: x, labels: y, dimension: d, rng: RandomStream(seed: seed).derived("fit"), options: options)
            seconds.append(r.report.seconds)
            result = r
        }
        let (generator, report) = result!
        let median = seconds.sorted()[seconds.count / 2]
        print("fit seconds: \(format(median, 3))" + (seconds.count > 1 ? "  (all: \(seconds.map { format($0, 3) }.joined(separator: " ")))" : ""))
        print("em iterations per class: \(report.mixtures.map { String($0.iterations) }.joined(separator: " "))")
        print("components per class: \(report.mixtures.map { String($0.components) }.joined(separator: " "))")
        print("train mean log-likelihood per sample: \(format(report.trainLogLikelihood, 4))")
        var heldOut: Double?
        if let tl = testLatents, let ty = testLabels {
            let (xt, _) = try NPYFile.readFloat32(URL(fileURLWithPath: tl))
            let (yt, _) = try NPYFile.readInt32(URL(fileURLWithPath: ty))
            let value = LatentFidelity.meanLogLikelihood(of: generator, latents: xt, labels: yt)
            heldOut = value
            print("held-out mean log-likelihood per sample: \(format(value, 4))")
        }
        print("storage bytes: \(generator.storageBytes)")
        let digest = CacheKey.hex(generator.encoded())
        print("parameters sha256: \(digest)")
        if let path = json {
            let object: [String: Any] = [
                "seconds": median, "seconds_all": seconds,
                "iterations": report.mixtures.map { $0.iterations }, "converged": report.mixtures.map { $0.converged },
                "components": report.mixtures.map { $0.components },
                "train_mean_log_likelihood": report.trainLogLikelihood,
                "held_out_mean_log_likelihood": heldOut ?? NSNull(),
                "storage_bytes": generator.storageBytes, "variance_floor": varianceFloor,
                "parameters_sha256": digest, "initialisations": initialisations, "screening_iterations": screening,
                "version": spec.fittingVersion,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: path))
        }
    }

    private func makeSpec() throws -> GeneratorSpec {
        guard let cov = GeneratorSpec.Covariance(rawValue: covariance) else {
            throw ValidationError("--covariance \(covariance): use diag, full or spherical")
        }
        guard let scheme = GeneratorSpec.LabelScheme(rawValue: label) else {
            throw ValidationError("--label \(label): use class or component")
        }
        let parsed: GeneratorSpec.Components
        if components.hasPrefix("bic:") {
            let list = components.dropFirst(4).split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !list.isEmpty, list.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--components \(components): write bic: followed by positive counts, e.g. bic:1,2,5,10")
            }
            parsed = .bic(list)
        } else if let k = Int(components), k > 0 {
            parsed = .fixed(k)
        } else {
            throw ValidationError("--components \(components): use a positive number or bic:1,2,5,10")
        }
        return GeneratorSpec(kind: "gmm", covariance: cov, components: parsed, label: scheme)
    }

    private func format(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
}
