import Continual
import Engine
import Foundation
import Testing

/// Several k-means initialisations, and fits that do not depend on the thread count.
@Suite struct MixtureInitialisationTests {
    /// Latents shaped like the backbone's at a small size: 4 classes, D = 24, rectified
    /// (about a third exact zeros), several overlapping modes per class.
    static func latents(rowsPerClass: Int = 400, seed: UInt64 = 21) -> (latents: [Float], labels: [Int32]) {
        let d = 24
        var rng = RandomStream(seed: seed)
        var modes = RandomStream(seed: seed + 1)
        var latents: [Float] = []
        var labels: [Int32] = []
        for c in 0..<4 {
            let centres = (0..<(6 * d)).map { _ in 0.3 + 0.6 * modes.nextNormal() }
            for _ in 0..<rowsPerClass {
                let m = rng.nextInt(below: 6)
                for j in 0..<d { latents.append(Float(max(0, centres[m * d + j] + 0.3 * rng.nextNormal()))) }
                labels.append(Int32(c))
            }
        }
        return (latents, labels)
    }

    @Test func parametersAreBitIdenticalWithOneAndTwoWorkers() throws {
        let data = Self.latents()
        let spec = GeneratorSpec(components: .fixed(5))
        var encodings: [[UInt8]] = []
        for workers in [1, 2, 3] {
            for floor in [0.0, MixtureFitOptions.default.relativeVarianceFloor] {
                var options = MixtureFitOptions.default
                options.workers = workers
                options.relativeVarianceFloor = floor
                let fit = try spec.fitReporting(latents: data.latents, labels: data.labels, dimension: 24, rng: RandomStream(seed: 3), options: options)
                encodings.append(fit.generator.encoded())
            }
        }
        #expect(encodings[0] != encodings[1], "the floor changes the fit")
        for i in 2..<encodings.count { #expect(encodings[i] == encodings[i % 2], "fit \(i) differs") }
    }

    @Test func keptInitialisationIsTheBestOfThoseRunToConvergence() throws {
        // With screening to convergence, the kept run is the best of all; initialisation 0 alone
        // is what `initialisations: 1` fits, so several can only be as good or better.
        let data = Self.latents()
        let spec = GeneratorSpec(components: .fixed(6))
        var improved = 0
        for seed in 1...4 as ClosedRange<UInt64> {
            var one = MixtureFitOptions.sklearn
            one.initialisations = 1
            var several = one
            several.initialisations = 4
            several.screeningIterations = 0
            let a = try spec.fitReporting(latents: data.latents, labels: data.labels, dimension: 24, rng: RandomStream(seed: seed), options: one).report
            let b = try spec.fitReporting(latents: data.latents, labels: data.labels, dimension: 24, rng: RandomStream(seed: seed), options: several).report
            for (x, y) in zip(a.mixtures, b.mixtures) {
                // Selection is by the last E-step's value, within the EM tolerance of the final one.
                #expect(y.meanLogLikelihood >= x.meanLogLikelihood - several.tolerance, "class \(x.label ?? -1): \(y.meanLogLikelihood) < \(x.meanLogLikelihood)")
                if y.meanLogLikelihood > x.meanLogLikelihood + 1e-6 { improved += 1 }
            }
        }
        #expect(improved > 0, "several initialisations never found a better optimum: they are not being used")
    }

    @Test func screenedFitRecordsOneMonotoneTrace() throws {
        let data = Self.latents(rowsPerClass: 300)
        var options = MixtureFitOptions.default
        options.tolerance = 0
        options.maxIterations = 30
        let report = try GeneratorSpec(components: .fixed(5)).fitReporting(latents: data.latents, labels: data.labels, dimension: 24,
                                                                           rng: RandomStream(seed: 5), options: options).report
        for record in report.mixtures {
            // The kept run's trace covers its screening iterations and the continuation.
            #expect(record.iterations == 30 && record.trace.count == 30)
            for i in 1..<record.trace.count {
                #expect(record.trace[i] >= record.trace[i - 1] - 1e-6 * (1 + abs(record.trace[i - 1])), "iteration \(i)")
            }
        }
    }
}
