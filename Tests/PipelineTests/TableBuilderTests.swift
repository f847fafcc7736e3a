import Continual
import Foundation
import Pipeline
import Testing

@Suite struct TableBuilderTests {
    func run(_ name: String, cell: String, seed: UInt64, accuracy: Double, buffer: Int = 6000, varied: [ResolvedParameter] = []) -> NamedRun {
        var c = StreamConfiguration()
        c.strategy = .replay
        c.seed = seed
        c.bufferSize = buffer
        let r = StreamResult(accuracyMatrix: [[accuracy]], lossMatrix: [[0]], finalAverageAccuracy: accuracy, finalAverageLoss: 0,
                             averageAccuracyOverTime: [], forgetting: [], meanForgetting: 0, bwt: 0, fwt: 0, randomInitAccuracy: [],
                             storageBytes: [buffer], secondsPerExperience: [], seconds: 1)
        return NamedRun(name: name, cellName: cell, varied: varied, configuration: c, result: r, cacheKey: name, cacheHit: false)
    }

    @Test func seedSweepBecomesMeanSD() {
        let seeds = [(1, 0.5), (2, 0.7), (3, 0.9)].map { s, a in
            run("s[seed=\(s)]", cell: "s", seed: UInt64(s), accuracy: a, varied: [ResolvedParameter(name: "seed", value: "\(s)", overridden: false)])
        }
        let other = run("other", cell: "other", seed: 1, accuracy: 0.1, buffer: 600)
        let table = TableBuilder.table(runs: seeds + [other], columns: ["final_accuracy", "buffer_size", "seed"], caption: nil, aggregateSeeds: true)
        #expect(table.rows.count == 2)
        #expect(table.rows[0][0] == .text("s (3 seeds)"))
        guard case .meanSD(let mean, let sd, 4) = table.rows[0][1] else { Issue.record("not meanSD"); return }
        #expect(abs(mean - 0.7) < 1e-12)
        #expect(abs(sd - 0.2) < 1e-12)  // sample sd of 0.5, 0.7, 0.9
        #expect(table.rows[0][2] == .integer(6000))
        #expect(table.rows[0][3] == .text("1, 2, 3"))
        #expect(table.rows[1][0] == .text("other"))
        let flat = TableBuilder.table(runs: seeds, columns: ["final_accuracy"], caption: nil, aggregateSeeds: false)
        #expect(flat.rows.count == 3)
    }
}
