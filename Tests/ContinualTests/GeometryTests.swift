import Engine
import Testing
import Continual

@Suite struct GeometryTests {
    /// BLAS-based distances against a direct double loop.
    @Test func nearestNeighboursMatchBruteForce() {
        var rng = RandomStream(seed: 5)
        let d = 7
        let queries = (0..<(300 * d)).map { _ in Float(rng.nextNormal()) }
        let references = (0..<(50 * d)).map { _ in Float(rng.nextNormal()) }
        let fast = NearestNeighbours.distances(queries: queries, references: references, dimension: d)
        for i in 0..<300 {
            var best = Double.infinity
            for j in 0..<50 {
                var s = 0.0
                for k in 0..<d { let t = Double(queries[i * d + k] - references[j * d + k]); s += t * t }
                best = min(best, s.squareRoot())
            }
            #expect(abs(fast[i] - best) < 1e-4 * max(1, best))
        }
        // A reference queried against itself is at distance ~0.
        let own = NearestNeighbours.distances(queries: Array(references[0..<d]), references: references, dimension: d)
        #expect(own[0] < 1e-3)
    }

    /// Points spread along (1, 1, 0)/√2 with small noise: the first axis is that direction.
    @Test func principalAxisOfElongatedCloud() {
        var rng = RandomStream(seed: 9)
        var rows: [Float] = []
        for _ in 0..<500 {
            let t = Float(rng.nextNormal()) * 5
            rows += [t + Float(rng.nextNormal()) * 0.1 + 3, t + Float(rng.nextNormal()) * 0.1 - 1, Float(rng.nextNormal()) * 0.5]
        }
        let pca = PrincipalComponents(rows: rows, dimension: 3, count: 2)
        let axis = pca.axes[0]
        #expect(abs(abs(axis[0]) - 0.5.squareRoot()) < 0.01 && abs(abs(axis[1]) - 0.5.squareRoot()) < 0.01 && abs(axis[2]) < 0.02)
        #expect(abs(pca.axes[1][2]) > 0.99)
        let projected = pca.project(rows)
        #expect(projected.count == 1000)
    }
}
