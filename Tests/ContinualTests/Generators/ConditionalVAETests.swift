import Continual
import Engine
import Foundation
import TestSupport
import Testing

/// The conditional VAE generator: its ELBO's values and gradients, training, samples,
/// determinism and checkpoint encoding. Expected values are computed here from the formulas,
/// never read from the code under test.
@Suite struct ConditionalVAETests {
    /// Two classes in 3-d: class 0 around (2, −1, 0) with sds (1, 0.5, 2), class 1 around
    /// (−3, 4, 1) with sds (0.3, 1, 1); 3 rows of class 0 for every row of class 1.
    static let centres: [[Double]] = [[2, -1, 0], [-3, 4, 1]]
    static let sds: [[Double]] = [[1, 0.5, 2], [0.3, 1, 1]]

    static func data(rowsPerClass: [Int] = [1500, 500], seed: UInt64 = 3) -> (latents: [Float], labels: [Int32]) {
        var rng = RandomStream(seed: seed)
        var latents: [Float] = []
        var labels: [Int32] = []
        for (c, count) in rowsPerClass.enumerated() {
            for _ in 0..<count {
                for j in 0..<3 { latents.append(Float(centres[c][j] + sds[c][j] * rng.nextNormal())) }
                labels.append(Int32(c))
            }
        }
        return (latents, labels)
    }

    static let small = VAESettings(latentSize: 2, hiddenWidth: 16, epochs: 40, learningRate: 3e-3, beta: 1)

    // MARK: - The ELBO

    /// With zero weights the encoder outputs its bias (μ, log σ²_q) and the decoder its bias m,
    /// so both terms have closed forms to compare with.
    @Test func termsMatchTheirClosedForms() {
        var rng = RandomStream(seed: 1)
        let net = VAENetwork(dimension: 2, classCount: 2, latentSize: 2, hiddenWidth: 3, rng: &rng)
        for p in [net.encoderHidden.weight, net.encoderOut.weight, net.decoderHidden.weight, net.decoderOut.weight] {
            p.value = [Float](repeating: 0, count: p.count)
        }
        net.encoderOut.bias.value = [0.5, -1, 0.2, -0.4]   // μ = (0.5, −1), log σ²_q = (0.2, −0.4)
        net.decoderOut.bias.value = [1, -2]                // m
        net.logVariance.value = [0.3, -0.7, 0, 0]          // s of class 0, class 1
        let x: [Float] = [1.5, -1, 0.25, 3]
        let t = net.terms(x, classIndex: [0, 1], epsilon: [0.3, -0.2, 1, 2])
        let kl = 0.5 * ((Foundation.exp(0.2) + 0.25 - 1 - 0.2) + (Foundation.exp(-0.4) + 1 - 1 + 0.4))
        for i in 0..<2 { expectClose(t.kl[i], kl, absolute: 1e-6, relative: 1e-6) }
        func logNormal(_ v: Double, mean: Double, s: Double) -> Double {
            let variance = VAENetwork.varianceFloor + Foundation.exp(s)
            return -0.5 * (Foundation.log(2 * Double.pi) + Foundation.log(variance) + (v - mean) * (v - mean) / variance)
        }
        expectClose(t.reconstruction[0], logNormal(1.5, mean: 1, s: 0.3) + logNormal(-1, mean: -2, s: -0.7), absolute: 1e-5, relative: 1e-6)
        expectClose(t.reconstruction[1], logNormal(0.25, mean: 1, s: 0) + logNormal(3, mean: -2, s: 0), absolute: 1e-5, relative: 1e-6)
        // Against a class prior N(a, diag v): KL = ½ Σ [log v − log σ² + (σ² + (μ − a)²)/v − 1].
        let prior = CodePrior(means: [0, 0, 0.2, -0.5], variances: [1, 1, 2, 0.5])
        let withPrior = net.terms(x, classIndex: [0, 1], epsilon: [0.3, -0.2, 1, 2], prior: prior)
        let klClass1 = 0.5 * ((Foundation.log(2) - 0.2 + (Foundation.exp(0.2) + 0.09) / 2 - 1)
                              + (Foundation.log(0.5) + 0.4 + (Foundation.exp(-0.4) + 0.25) / 0.5 - 1))
        expectClose(withPrior.kl[0], kl, absolute: 1e-6, relative: 1e-6)
        expectClose(withPrior.kl[1], klClass1, absolute: 1e-6, relative: 1e-6)
    }

    /// The gradient of the batch mean of −log p(x | z, y) + β·KL against central differences,
    /// for β = 0 (reconstruction alone), 1 (the ELBO) and 0.5, on every parameter, with the
    /// standard normal code prior and with a class prior.
    @Test(arguments: [(Float(0), false), (1, false), (0.5, false), (1, true)])
    func elboGradientsMatchFiniteDifferences(beta: Float, classPrior: Bool) {
        let (net, x, epsilon) = Self.smoothCase()
        let classes = [0, 1, 1, 0, 1, 0]
        let prior = classPrior ? CodePrior(means: [0.3, -0.2, -1, 0.5], variances: [0.5, 2, 1.5, 0.7]) : nil
        for p in net.parameters { p.zeroGrad() }
        _ = net.terms(x, classIndex: classes, epsilon: epsilon, prior: prior, beta: beta, backward: true)
        let tensors = net.parameters.enumerated().map { CheckedTensor.parameter($1, name: "\($0):\($1.name)") }
        let report = gradientCheck(tensors, epsilon: 3e-3, floor: 1e-2) {
            let t = net.terms(x, classIndex: classes, epsilon: epsilon, prior: prior)
            var loss = 0.0
            for i in 0..<classes.count { loss += -t.reconstruction[i] + Double(beta) * t.kl[i] }
            return loss / Double(classes.count)
        }
        #expect(report.maxRelativeError < 2e-2, "\(report.summary(tolerance: 2e-2))")
    }

    /// A small network (D = 3, C = 2, L = 2, H = 5), 6 rows and their code noise, from the first
    /// seed whose hidden pre-activations all stay 0.05 or more away from ReLU's kink (computed
    /// here from the layers and the reparameterisation), so central differences of step 3·10⁻³
    /// never straddle it.
    static func smoothCase() -> (VAENetwork, [Float], [Float]) {
        let classes = [0, 1, 1, 0, 1, 0]
        for seed in UInt64(7)... {
            var rng = RandomStream(seed: seed)
            let net = VAENetwork(dimension: 3, classCount: 2, latentSize: 2, hiddenWidth: 5, rng: &rng)
            for i in 0..<net.logVariance.count { net.logVariance.value[i] = Float(rng.nextUniform(-0.5, 0.5)) }
            var x = [Float](repeating: 0, count: 6 * 3)
            for i in 0..<x.count { x[i] = Float(rng.nextNormal()) }
            var epsilon = [Float](repeating: 0, count: 6 * 2)
            for i in 0..<epsilon.count { epsilon[i] = Float(rng.nextNormal()) }
            func withOneHot(_ v: [Float], width: Int) -> Tensor {
                var out: [Float] = []
                for i in 0..<6 { out += v[(i * width)..<((i + 1) * width)]; out += classes[i] == 0 ? [1, 0] : [0, 1] }
                return Tensor(shape: [6, width + 2], data: out)
            }
            let hidden = net.encoderHidden.forward(withOneHot(x, width: 3)).data
            let encoded = net.encoderOut.forward(Tensor(shape: [6, 5], data: hidden.map { max($0, 0) })).data
            var z = [Float](repeating: 0, count: 12)
            for i in 0..<6 {
                for k in 0..<2 {
                    z[i * 2 + k] = encoded[i * 4 + k] + Float(Foundation.exp(0.5 * Double(encoded[i * 4 + 2 + k]))) * epsilon[i * 2 + k]
                }
            }
            let decoderHidden = net.decoderHidden.forward(withOneHot(z, width: 2)).data
            if (hidden + decoderHidden).allSatisfy({ abs($0) >= 0.05 }) { return (net, x, epsilon) }
        }
        fatalError("unreachable")
    }

    // MARK: - Fitting and sampling

    @Test func elboRisesOverTraining() throws {
        let d = ConditionalVAETests.data()
        let fit = try ConditionalVAE.fit(latents: d.latents, labels: d.labels, dimension: 3, settings: ConditionalVAETests.small,
                                         rng: RandomStream(seed: 5))
        let trace = fit.elboTrace
        #expect(trace.count == 40)
        // The exact log-density of the data under the true model is about −Σ log σ − 1.5 log 2πe
        // ≈ −4.26 nats for class 0 and −3.05 for class 1; a good fit approaches it from below.
        #expect(trace.last! > trace.first! + 1, "ELBO trace \(trace.first!) → \(trace.last!)")
        let late: Double = trace.suffix(10).reduce(0, +) / 10
        let early: Double = trace.prefix(10).reduce(0, +) / 10
        #expect(late > early)
        let heldOut = ConditionalVAETests.data(rowsPerClass: [300, 300], seed: 99)
        let elbo = LatentFidelity.meanLogLikelihood(of: fit.generator, latents: heldOut.latents, labels: heldOut.labels)
        #expect(elbo > -6 && elbo < -3.0, "held-out ELBO \(elbo)")
        #expect(fit.generator.logLikelihoodIsLowerBound)
    }

    @Test func samplesMatchTheDatasMomentsPerClass() throws {
        let d = ConditionalVAETests.data()
        let generator = try ConditionalVAE.fit(latents: d.latents, labels: d.labels, dimension: 3, settings: ConditionalVAETests.small,
                                               rng: RandomStream(seed: 5)).generator
        var rng = RandomStream(seed: 8)
        let drawn = generator.sample(count: 8000, rng: &rng)
        let class0 = drawn.labels.filter { $0 == 0 }.count
        #expect(abs(Double(class0) / 8000 - 0.75) < 0.02, "class 0 drew \(class0) of 8000 with prior 0.75")
        for c in 0..<2 {
            let rows = drawn.labels.indices.filter { drawn.labels[$0] == Int32(c) }
            for j in 0..<3 {
                let values = rows.map { Double(drawn.latents[$0 * 3 + j]) }
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
                let sd = ConditionalVAETests.sds[c][j]
                #expect(abs(mean - ConditionalVAETests.centres[c][j]) < 0.25 * sd, "class \(c) dim \(j): mean \(mean)")
                #expect(variance / (sd * sd) > 0.6 && variance / (sd * sd) < 1.6, "class \(c) dim \(j): variance \(variance) vs \(sd * sd)")
            }
        }
    }

    @Test func fitAndSampleAreDeterministicForASeed() throws {
        let d = ConditionalVAETests.data(rowsPerClass: [200, 100])
        var settings = ConditionalVAETests.small
        settings.epochs = 3
        let spec = GeneratorSpec.vae(settings)
        let a = try spec.fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 11))
        let b = try spec.fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 11))
        let c = try spec.fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 12))
        #expect(a.encoded() == b.encoded())
        #expect(a.encoded() != c.encoded())
        var r1 = RandomStream(seed: 4), r2 = RandomStream(seed: 4)
        let s1 = a.sample(count: 50, rng: &r1), s2 = b.sample(count: 50, rng: &r2)
        #expect(s1.latents.map(\.bitPattern) == s2.latents.map(\.bitPattern) && s1.labels == s2.labels)
        #expect(a.logLikelihood(d.latents, labels: d.labels) == b.logLikelihood(d.latents, labels: d.labels))
    }

    // MARK: - Encoding and storage

    @Test func checkpointEncodingRoundTripsBitIdentically() throws {
        let d = ConditionalVAETests.data(rowsPerClass: [100, 60])
        var settings = ConditionalVAETests.small
        settings.epochs = 2
        let spec = GeneratorSpec.vae(settings)
        let fitted = try spec.fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 2))
        let decoded = try spec.decode(fitted.encoded())
        #expect(decoded.encoded() == fitted.encoded())
        #expect(decoded.logLikelihood(d.latents, labels: d.labels) == fitted.logLikelihood(d.latents, labels: d.labels))
        var r1 = RandomStream(seed: 9), r2 = RandomStream(seed: 9)
        #expect(decoded.sample(count: 20, rng: &r1).latents.map(\.bitPattern) == fitted.sample(count: 20, rng: &r2).latents.map(\.bitPattern))
        var other = settings
        other.hiddenWidth = 8
        #expect(throws: GeneratorError.self) { try GeneratorSpec.vae(other).decode(fitted.encoded()) }
        #expect(throws: GeneratorError.self) { try spec.decode(Array(fitted.encoded().dropLast(3))) }
        #expect(throws: GeneratorError.self) { try GeneratorSpec().decode(fitted.encoded()) }
    }

    @Test func storageCountsEveryParameterAtFourBytes() throws {
        let d = ConditionalVAETests.data(rowsPerClass: [50, 50])
        var settings = VAESettings(latentSize: 4, hiddenWidth: 7, epochs: 1)
        settings.learningRate = 1e-3
        let generator = try GeneratorSpec.vae(settings).fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 1))
        // D = 3, C = 2, L = 4, H = 7: encoder (3+2)·7 + 7 and 7·8 + 8, decoder (4+2)·7 + 7 and 7·3 + 3,
        // decoder log-variances 2·3, priors 2, shift and scale 3 + 3, code prior 2 · 2·4.
        let values = (35 + 7) + (56 + 8) + (42 + 7) + (21 + 3) + 6 + 2 + 6 + 16
        #expect(generator.storageBytes == 4 * values)
    }

    @Test func unknownClassGetsMinusInfinityAndBadInputThrows() throws {
        let d = ConditionalVAETests.data(rowsPerClass: [40, 40])
        let generator = try GeneratorSpec.vae(VAESettings(epochs: 1)).fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 1))
        let values = generator.logLikelihood([0, 0, 0, 1, 1, 1], labels: [0, 7])
        #expect(values[0].isFinite && values[1] == -.infinity)
        #expect(throws: GeneratorError.emptyData) {
            try GeneratorSpec.vae().fit(latents: [], labels: [], dimension: 3, rng: RandomStream(seed: 1))
        }
        #expect(throws: GeneratorError.self) {
            try GeneratorSpec.vae(VAESettings(latentSize: 0)).fit(latents: d.latents, labels: d.labels, dimension: 3, rng: RandomStream(seed: 1))
        }
    }
}
