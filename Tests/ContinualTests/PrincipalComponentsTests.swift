import Engine
import Testing
import Continual

@Suite struct PrincipalComponentsTests {
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
