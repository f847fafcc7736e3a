import Continual
import Engine
import Testing

@Suite struct LatentFidelityTests {
    @Test func nearestNeighbourMatchesBruteForce() {
        var rng = RandomStream(seed: 41)
        let d = 7
        let q = 37
        let r = 4100 + 13  // more than one 4096-row reference block
        var reference = [Float](repeating: 0, count: r * d)
        for i in 0..<reference.count { reference[i] = Float(rng.nextNormal()) + 3 }
        var queries = [Float](repeating: 0, count: q * d)
        for i in 0..<queries.count { queries[i] = Float(rng.nextNormal()) + 3 }
        // Query 5 duplicates reference row 4100: distance 0 exactly.
        for j in 0..<d { queries[5 * d + j] = reference[4100 * d + j] }
        let fast = LatentFidelity.nearestNeighbourDistances(queries: queries, reference: reference, dimension: d)
        var total = 0.0
        for i in 0..<q {
            var best = Double.infinity
            for k in 0..<r {
                var s = 0.0
                for j in 0..<d { let t = Double(queries[i * d + j]) - Double(reference[k * d + j]); s += t * t }
                best = min(best, s)
            }
            let exact = best.squareRoot()
            total += exact
            #expect(abs(Double(fast[i]) - exact) <= 1e-5 * (1 + exact), "query \(i): \(fast[i]) vs \(exact)")
        }
        #expect(fast[5] == 0)
        let mean = LatentFidelity.meanNearestNeighbourDistance(queries: queries, reference: reference, dimension: d)
        #expect(abs(mean - total / Double(q)) < 1e-5)
    }

    @Test func meanLogLikelihoodAveragesPerSampleValues() throws {
        let data = GeneratorTestData.blobs(centres: [[0, 0], [4, 4]], scale: 1, counts: [40, 60], seed: 42)
        let generator = try GeneratorSpec(components: .fixed(2)).fit(latents: data.latents, labels: data.labels, dimension: 2,
                                                                     rng: RandomStream(seed: 43))
        let values = generator.logLikelihood(data.latents, labels: data.labels)
        let mean = LatentFidelity.meanLogLikelihood(of: generator, latents: data.latents, labels: data.labels)
        #expect(abs(mean - values.reduce(0, +) / 100) < 1e-12)
        #expect(LatentFidelity.meanLogLikelihood(of: generator, latents: [], labels: []).isNaN)
    }
}
