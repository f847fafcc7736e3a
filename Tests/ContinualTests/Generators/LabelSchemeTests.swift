import Continual
import Engine
import Foundation
import Testing

@Suite struct LabelSchemeTests {
    static let centres: [[Double]] = [[0, 0, 0, 0], [10, 0, 0, 0], [0, 10, 0, 0]]

    /// Mean of each class's rows.
    static func classMeans(_ latents: [Float], _ labels: [Int32], classes: Int, dimension d: Int) -> [[Double]] {
        var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: classes)
        var counts = [Int](repeating: 0, count: classes)
        for i in 0..<labels.count {
            let c = Int(labels[i])
            counts[c] += 1
            for j in 0..<d { means[c][j] += Double(latents[i * d + j]) }
        }
        return means.enumerated().map { c, m in m.map { $0 / Double(counts[c]) } }
    }

    @Test func classConditionalSamplesCarryTheirClass() throws {
        let data = GeneratorTestData.blobs(centres: Self.centres, scale: 1, counts: [500, 300, 200], seed: 21)
        let generator = try GeneratorSpec(components: .fixed(2)).fit(latents: data.latents, labels: data.labels, dimension: 4,
                                                                     rng: RandomStream(seed: 22))
        var rng = RandomStream(seed: 23)
        let (samples, labels) = generator.sample(count: 5000, rng: &rng)
        #expect(samples.count == 5000 * 4 && labels.count == 5000)
        let means = Self.classMeans(data.latents, data.labels, classes: 3, dimension: 4)
        var wrong = 0
        var counts = [Int](repeating: 0, count: 3)
        for i in 0..<5000 {
            counts[Int(labels[i])] += 1
            let nearest = (0..<3).min { GeneratorTestData.squaredDistance(samples, row: i, to: means[$0]) < GeneratorTestData.squaredDistance(samples, row: i, to: means[$1]) }!
            if nearest != Int(labels[i]) { wrong += 1 }
        }
        // Classes 10 apart with unit spread: a sample closer to another class is a > 5σ event.
        #expect(wrong == 0)
        // Frequencies follow the priors 0.5 / 0.3 / 0.2 (binomial sd ≤ 0.0071 at n = 5000; tolerance 0.025).
        for (c, prior) in [0.5, 0.3, 0.2].enumerated() {
            #expect(abs(Double(counts[c]) / 5000 - prior) < 0.025, "class \(c): \(counts[c])")
        }
        let cc = try #require(generator as? ClassConditionalMixture)
        #expect(cc.priors == [0.5, 0.3, 0.2].map { Double(Float($0)) }, "priors are kept as Float32 values")
    }

    @Test func componentSchemeLabelsByComponent() throws {
        let data = GeneratorTestData.blobs(centres: Self.centres, scale: 1, counts: [300, 300, 300], seed: 24)
        let spec = GeneratorSpec(components: .fixed(10), label: .component)
        let generator = try spec.fit(latents: data.latents, labels: data.labels, dimension: 4, rng: RandomStream(seed: 25))
        let cm = try #require(generator as? ComponentLabelledMixture)
        #expect(cm.mixture.componentCount == 3)
        #expect(cm.classes == [0, 1, 2])
        // EM keeps each component at the class whose mean initialised it.
        let means = Self.classMeans(data.latents, data.labels, classes: 3, dimension: 4)
        for k in 0..<3 {
            let m = Array(cm.mixture.means[(k * 4)..<((k + 1) * 4)])
            var s = 0.0
            for j in 0..<4 { s += (m[j] - means[k][j]) * (m[j] - means[k][j]) }
            #expect(s.squareRoot() < 0.05, "component \(k) drifted to \(m)")
        }
        var rng = RandomStream(seed: 26)
        let (samples, labels) = generator.sample(count: 1000, rng: &rng)
        for i in 0..<1000 {
            let nearest = (0..<3).min { k1, k2 in
                GeneratorTestData.squaredDistance(samples, row: i, to: Array(cm.mixture.means[(k1 * 4)..<((k1 + 1) * 4)]))
                    < GeneratorTestData.squaredDistance(samples, row: i, to: Array(cm.mixture.means[(k2 * 4)..<((k2 + 1) * 4)]))
            }!
            #expect(labels[i] == cm.classes[nearest])
        }
        // The component scheme's log-likelihood ignores labels.
        let some = Array(data.latents[0..<40])
        #expect(generator.logLikelihood(some, labels: [Int32](repeating: 7, count: 10)) == generator.logLikelihood(some))
    }

    @Test func nearConstantDimensionsKeepHeldOutLikelihoodSane() throws {
        // Dimensions 0 and 1 are exactly 0 in training (as dead ReLU units), 0.5 in some held-out rows.
        var rng = RandomStream(seed: 27)
        let d = 6
        var train: [Float] = []
        for _ in 0..<400 {
            train += [0, 0]
            for _ in 2..<d { train.append(Float(1 + rng.nextNormal())) }
        }
        var test: [Float] = []
        for i in 0..<100 {
            test += i % 10 == 0 ? [0.5, 0.5] : [0, 0]
            for _ in 2..<d { test.append(Float(1 + rng.nextNormal())) }
        }
        let spec = GeneratorSpec(components: .fixed(3))
        let floored = try spec.fitReporting(latents: train, labels: [Int32](repeating: 0, count: 400), dimension: d,
                                            rng: RandomStream(seed: 28)).generator
        let sklearnLike = try spec.fitReporting(latents: train, labels: [Int32](repeating: 0, count: 400), dimension: d,
                                                rng: RandomStream(seed: 28), options: .sklearn).generator
        let testLabels = [Int32](repeating: 0, count: 100)
        let heldOut = LatentFidelity.meanLogLikelihood(of: floored, latents: test, labels: testLabels)
        let heldOutSklearn = LatentFidelity.meanLogLikelihood(of: sklearnLike, latents: test, labels: testLabels)
        // Floor 2e-5 · v̄ + 1e-6 with v̄ = 4/6: each 0.5 costs 0.25 / (2 · 1.43e-5) ≈ 8,700 nats, so the
        // mean is ≈ −6 − 0.1 · 2 · 8,700 ≈ −1,750; without the floor each costs 0.25 / 2e-6 = 125,000.
        #expect(heldOut.isFinite && heldOut > -2_500, "held-out \(heldOut)")
        #expect(heldOutSklearn < 10 * heldOut, "sklearn-like held-out \(heldOutSklearn) vs floored \(heldOut)")
        #expect(heldOutSklearn < -20_000)
    }

    @Test(arguments: [GeneratorSpec.LabelScheme.class, .component])
    func streamsFitWithTheSchemesOptions(scheme: GeneratorSpec.LabelScheme) throws {
        // Two classes; dimension 0 is exactly 0 in every row (a dead ReLU unit), so the variance
        // floor changes the fit and the two option sets give different parameters.
        var rng = RandomStream(seed: 31)
        var latents: [Float] = []
        var labels: [Int32] = []
        for i in 0..<300 {
            let y = Int32(i % 2)
            latents += [0, Float(4 * Double(y) + rng.nextNormal()), Float(rng.nextNormal()), Float(0.1 * rng.nextNormal())]
            labels.append(y)
        }
        let spec = GeneratorSpec(components: .fixed(2), label: scheme)
        let fitted = try spec.fit(latents: latents, labels: labels, dimension: 4, rng: RandomStream(seed: 32)).encoded()
        let expected: MixtureFitOptions = scheme == .component ? .sklearn : .default
        let other: MixtureFitOptions = scheme == .component ? .default : .sklearn
        #expect(spec.fitOptions == expected)
        let withExpected = try spec.fitReporting(latents: latents, labels: labels, dimension: 4, rng: RandomStream(seed: 32), options: expected)
        let withOther = try spec.fitReporting(latents: latents, labels: labels, dimension: 4, rng: RandomStream(seed: 32), options: other)
        #expect(fitted == withExpected.generator.encoded())
        #expect(fitted != withOther.generator.encoded())
    }

    @Test func unknownClassHasMinusInfinityConditionalLikelihood() throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0], [4, 4]], scale: 1, counts: [50, 50], seed: 29)
        let generator = try GeneratorSpec(components: .fixed(1)).fit(latents: data.latents, labels: data.labels, dimension: 2,
                                                                     rng: RandomStream(seed: 30))
        let values = generator.logLikelihood([0, 0, 0, 0], labels: [0, 5])
        #expect(values[0].isFinite)
        #expect(values[1] == -Double.infinity)
        // Marginal = log Σ_y P(y) p(z|y) ≥ log P(0) + log p(z|0).
        let marginal = generator.logLikelihood([0, 0])
        #expect(marginal[0] >= log(0.5) + values[0] - 1e-12)
    }
}
