import Continual
import Engine
import Foundation
import Testing

@Suite struct MixtureEMTests {
    @Test(arguments: GeneratorSpec.Covariance.allCases)
    func logLikelihoodNeverDecreases(covariance: GeneratorSpec.Covariance) throws {
        let truth = try GeneratorTestData.knownMixture(covariance)
        let x = GeneratorTestData.draws(from: truth, count: 600, seed: 1)
        let labels = [Int32](repeating: 0, count: 600)
        let spec = GeneratorSpec(covariance: covariance, components: .fixed(4))
        // Tolerance 0 so EM runs all iterations and the whole trace is checked.
        var options = MixtureFitOptions.default
        options.tolerance = 0
        options.maxIterations = 40
        let (_, report) = try spec.fitReporting(latents: x, labels: labels, dimension: 3, rng: RandomStream(seed: 2), options: options)
        let trace = report.mixtures[0].trace
        #expect(trace.count == 40)
        for i in 1..<trace.count {
            #expect(trace[i] >= trace[i - 1] - 1e-6 * (1 + abs(trace[i - 1])), "iteration \(i): \(trace[i - 1]) -> \(trace[i])")
        }
        #expect(report.mixtures[0].meanLogLikelihood >= trace.last! - 1e-6 * (1 + abs(trace.last!)))
    }

    @Test(arguments: GeneratorSpec.Covariance.allCases)
    func recoversKnownMixture(covariance: GeneratorSpec.Covariance) throws {
        let truth = try GeneratorTestData.knownMixture(covariance)
        let n = 4000
        let x = GeneratorTestData.draws(from: truth, count: n, seed: 3)
        let spec = GeneratorSpec(covariance: covariance, components: .fixed(3))
        let fitted = try #require(try spec.fit(latents: x, labels: [Int32](repeating: 0, count: n), dimension: 3,
                                               rng: RandomStream(seed: 4)) as? ClassConditionalMixture)
        let m = fitted.mixtures[0]
        let d = 3
        for k in 0..<3 {
            // Match by nearest mean.
            let trueMean = Array(truth.means[(k * d)..<((k + 1) * d)])
            var best = 0
            var bestDistance = Double.infinity
            for j in 0..<3 {
                var s = 0.0
                for t in 0..<d { s += (m.means[j * d + t] - trueMean[t]) * (m.means[j * d + t] - trueMean[t]) }
                if s < bestDistance { bestDistance = s; best = j }
            }
            // Tolerances: several standard errors at n·π_k ≥ 800 rows per component.
            #expect(bestDistance.squareRoot() < 0.2, "component \(k): mean off by \(bestDistance.squareRoot())")
            #expect(abs(m.weights[best] - truth.weights[k]) < 0.03, "component \(k): weight \(m.weights[best]) vs \(truth.weights[k])")
            switch covariance {
            case .diag:
                for t in 0..<d {
                    let (a, b) = (m.covariances[best * d + t], truth.covariances[k * d + t])
                    #expect(abs(a - b) < 0.15 * b, "component \(k) dim \(t): variance \(a) vs \(b)")
                }
            case .spherical:
                let (a, b) = (m.covariances[best], truth.covariances[k])
                #expect(abs(a - b) < 0.1 * b, "component \(k): variance \(a) vs \(b)")
            case .full:
                for t in 0..<(d * d) {
                    let (a, b) = (m.covariances[best * d * d + t], truth.covariances[k * d * d + t])
                    #expect(abs(a - b) < 0.15 * max(abs(b), 0.5), "component \(k) entry \(t): covariance \(a) vs \(b)")
                }
            }
        }
    }

    @Test func bicPicksTrueComponentCount() throws {
        let truth = try GeneratorTestData.knownMixture(.diag)
        let x = GeneratorTestData.draws(from: truth, count: 1500, seed: 5)
        let spec = GeneratorSpec(covariance: .diag, components: .bic([1, 2, 3, 4, 6]))
        let (generator, report) = try spec.fitReporting(latents: x, labels: [Int32](repeating: 0, count: 1500), dimension: 3,
                                                       rng: RandomStream(seed: 6))
        #expect(report.mixtures[0].components == 3, "BIC values \(report.mixtures[0].bicValues)")
        #expect(report.mixtures[0].bicCandidates == [1, 2, 3, 4, 6])
        // BIC = −2 log L + p ln N with p = 2KD + K − 1 for diag.
        let logL = report.mixtures[0].meanLogLikelihood * 1500
        let expected = -2 * logL + Double(2 * 3 * 3 + 3 - 1) * log(1500.0)
        #expect(abs(report.mixtures[0].bicValues[2] - expected) < 1e-6 * abs(expected))
        #expect((generator as? ClassConditionalMixture)?.mixtures[0].componentCount == 3)
    }

    @Test func fittedLogLikelihoodMatchesNaiveDensity() throws {
        // Independent reference: evaluate the fitted mixture's density term by term.
        let truth = try GeneratorTestData.knownMixture(.diag)
        let x = GeneratorTestData.draws(from: truth, count: 300, seed: 7)
        let g = try #require(try GeneratorSpec(components: .fixed(3)).fit(latents: x, labels: [Int32](repeating: 0, count: 300),
                                                                          dimension: 3, rng: RandomStream(seed: 8)) as? ClassConditionalMixture)
        let m = g.mixtures[0]
        let values = g.logLikelihood(x, labels: [Int32](repeating: 0, count: 300))
        for i in 0..<300 {
            var p = 0.0
            for k in 0..<3 {
                var logN = log(m.weights[k])
                for j in 0..<3 {
                    let v = m.covariances[k * 3 + j]
                    let t = Double(x[i * 3 + j]) - m.means[k * 3 + j]
                    logN += -0.5 * (t * t / v + log(2 * Double.pi * v))
                }
                p += exp(logN)
            }
            #expect(abs(values[i] - log(p)) < 1e-9 * (1 + abs(log(p))))
        }
    }

    @Test func fitIsDeterministicAndIndependentOfParallelism() throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0], [5, 5], [0, 6]], scale: 1, counts: [200, 150, 100], seed: 9)
        var serial = MixtureFitOptions.default
        serial.workers = 1
        var parallel = MixtureFitOptions.default
        parallel.workers = 2
        let spec = GeneratorSpec(components: .fixed(3))
        let a = try spec.fitReporting(latents: data.latents, labels: data.labels, dimension: 2, rng: RandomStream(seed: 10), options: parallel).generator
        let b = try spec.fitReporting(latents: data.latents, labels: data.labels, dimension: 2, rng: RandomStream(seed: 10), options: serial).generator
        #expect(a.encoded() == b.encoded())
        let c = try spec.fit(latents: data.latents, labels: data.labels, dimension: 2, rng: RandomStream(seed: 11))
        #expect(a.encoded() != c.encoded())
    }

    @Test func rejectsBadInput() {
        let spec = GeneratorSpec()
        #expect(throws: GeneratorError.unknownKind("flow")) {
            try GeneratorSpec(kind: "flow").fit(latents: [0, 1], labels: [0], dimension: 2, rng: RandomStream(seed: 1))
        }
        #expect(throws: GeneratorError.shapeMismatch(latentCount: 3, labelCount: 1, dimension: 2)) {
            try spec.fit(latents: [0, 1, 2], labels: [0], dimension: 2, rng: RandomStream(seed: 1))
        }
        #expect(throws: GeneratorError.emptyData) {
            try spec.fit(latents: [], labels: [], dimension: 2, rng: RandomStream(seed: 1))
        }
        #expect(throws: GeneratorError.invalidComponents("got [0]")) {
            try GeneratorSpec(components: .fixed(0)).fit(latents: [0, 1], labels: [0], dimension: 2, rng: RandomStream(seed: 1))
        }
    }
}
