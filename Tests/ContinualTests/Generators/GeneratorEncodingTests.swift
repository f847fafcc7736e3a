import Continual
import Engine
import Testing

@Suite struct GeneratorEncodingTests {
    static let specs: [GeneratorSpec] = GeneratorSpec.Covariance.allCases.flatMap { cov in
        GeneratorSpec.LabelScheme.allCases.map { GeneratorSpec(covariance: cov, components: .fixed(2), label: $0) }
    }

    @Test(arguments: specs)
    func roundTripGivesIdenticalSamples(spec: GeneratorSpec) throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0, 0], [5, 1, 0], [1, 5, 2]], scale: 1, counts: [60, 40, 50], seed: 31)
        let generator = try spec.fit(latents: data.latents, labels: data.labels, dimension: 3, rng: RandomStream(seed: 32))
        let bytes = generator.encoded()
        let decoded = try spec.decode(bytes)
        #expect(decoded.encoded() == bytes)
        #expect(decoded.storageBytes == generator.storageBytes)
        var rng1 = RandomStream(seed: 33)
        var rng2 = RandomStream(seed: 33)
        let a = generator.sample(count: 200, rng: &rng1)
        let b = decoded.sample(count: 200, rng: &rng2)
        #expect(a.latents == b.latents)
        #expect(a.labels == b.labels)
        #expect(rng1 == rng2)
        #expect(generator.logLikelihood(data.latents, labels: data.labels) == decoded.logLikelihood(data.latents, labels: data.labels))
    }

    @Test func storageBytesCountParameters() throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0, 0], [5, 1, 0]], scale: 1, counts: [60, 40], seed: 34)
        let diag = try GeneratorSpec(covariance: .diag, components: .fixed(2)).fit(latents: data.latents, labels: data.labels, dimension: 3, rng: RandomStream(seed: 1))
        // Per class: 2 weights + 2·3 means + 2·3 variances = 14; plus 2 priors; 4 bytes each (Float32, as kept).
        #expect(diag.storageBytes == 4 * (2 * 14 + 2))
        let full = try GeneratorSpec(covariance: .full, components: .fixed(2)).fit(latents: data.latents, labels: data.labels, dimension: 3, rng: RandomStream(seed: 1))
        // Per class: 2 + 6 + 2·6 (lower triangles) = 20.
        #expect(full.storageBytes == 4 * (2 * 20 + 2))
    }

    /// A class-conditional diagonal mixture's bytes follow the documented layout, value for
    /// value (so generators cached by earlier versions still decode), and decode back.
    @Test func bytesFollowTheLayout() throws {
        let mixtures = [try GaussianMixture(covariance: .diag, dimension: 2, weights: [1], means: [-2, 0.5], covariances: [1, 4]),
                        try GaussianMixture(covariance: .diag, dimension: 2, weights: [1], means: [0.5, -2], covariances: [4, 1])]
        let generator = ClassConditionalMixture(classes: [3, 7], priors: [0.25, 0.75], mixtures: mixtures)
        let one: [UInt8] = [0, 0, 0x80, 0x3F], minusTwo: [UInt8] = [0, 0, 0, 0xC0], half: [UInt8] = [0, 0, 0, 0x3F]
        let four: [UInt8] = [0, 0, 0x80, 0x40]
        var expected = Array("GLRG".utf8) + [2, 0, 0, 0] + [0, 0] + [2, 0, 0, 0] + [2, 0, 0, 0] + [3, 0, 0, 0] + [7, 0, 0, 0]
        expected += [0, 0, 0x80, 0x3E] + [0, 0, 0x40, 0x3F]  // priors 0.25, 0.75
        expected += [1, 0, 0, 0] + one + minusTwo + half + one + four
        expected += [1, 0, 0, 0] + one + half + minusTwo + four + one
        #expect(generator.encoded() == expected)
        let decoded = try GeneratorSpec(covariance: .diag, components: .fixed(1), label: .class).decode(expected)
        #expect(decoded.encoded() == expected)
    }

    @Test func corruptOrMismatchedBytesThrow() throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0], [5, 1]], scale: 1, counts: [30, 30], seed: 35)
        let spec = GeneratorSpec(components: .fixed(2))
        let bytes = try spec.fit(latents: data.latents, labels: data.labels, dimension: 2, rng: RandomStream(seed: 36)).encoded()
        #expect(throws: GeneratorError.self) { try spec.decode(Array(bytes.dropLast(3))) }
        #expect(throws: GeneratorError.self) { try spec.decode(bytes + [0]) }
        #expect(throws: GeneratorError.self) { try spec.decode([UInt8](repeating: 0, count: 40)) }
        var other = spec
        other.covariance = .spherical
        #expect(throws: GeneratorError.self) { try other.decode(bytes) }
    }
}

@Suite struct KeptParameterTests {
    /// A fitted generator keeps Float32 values only (what it stores and counts at 4 bytes).
    @Test(arguments: [GeneratorSpec.Covariance.diag, .spherical, .full])
    func fittedParametersAreFloat32Values(covariance: GeneratorSpec.Covariance) throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0, 0], [5, 1, 0]], scale: 1, counts: [60, 40], seed: 34)
        let generator = try GeneratorSpec(covariance: covariance, components: .fixed(2))
            .fit(latents: data.latents, labels: data.labels, dimension: 3, rng: RandomStream(seed: 1))
        let mixture = try #require(generator as? ClassConditionalMixture)
        let values = mixture.priors + mixture.mixtures.flatMap { $0.weights + $0.means + $0.covariances }
        #expect(values.allSatisfy { Double(Float($0)) == $0 })
    }
}
