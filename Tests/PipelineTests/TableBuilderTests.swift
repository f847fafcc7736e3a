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
        let r = StreamResult(accuracyMatrix: [[accuracy]], lossMatrix: [[0]], randomInitAccuracy: [0.1], storageBytes: [buffer],
                             secondsPerExperience: [1])
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

    @Test func generatorColumnsAreMeansOverExperiencesAndMissingForOtherRuns() {
        var glr = run("glr", cell: "glr", seed: 1, accuracy: 0.6)
        glr.result.fidelity = GeneratorFidelity(trainLogLikelihood: [10, 20], heldOutLogLikelihood: [-1, 3], trainSyntheticTestReal: [0.5, 0.7],
                                                nearestNeighbourSampleToReal: [1, 2], nearestNeighbourRealToReal: [3, 5], fitSeconds: [0.25, 0.75])
        glr.result.accuracyMatrix = [[0.9, 0.1], [0.2, 1.0]]  // average accuracy over time [0.9, 0.6]
        glr.result.randomInitAccuracy = [0.1, 0.1]
        let plain = run("naive", cell: "naive", seed: 1, accuracy: 0.3)
        let columns = ["train_log_likelihood", "held_out_log_likelihood", "tstr_accuracy", "nn_sample_to_real", "nn_real_to_real",
                       "fit_seconds", "average_accuracy"]
        let table = TableBuilder.table(runs: [glr, plain], columns: columns, caption: nil, aggregateSeeds: true)
        let expected: [Double] = [15, 1, 0.6, 1.5, 4, 0.5, 0.75]
        for (k, want) in expected.enumerated() {
            guard case .number(let got, _) = table.rows[0][k + 1] else { Issue.record("column \(columns[k]) is not a number"); continue }
            #expect(abs(got - want) < 1e-12, "\(columns[k])")
        }
        for k in 0..<6 {
            guard case .number(let got, _) = table.rows[1][k + 1] else { Issue.record("column \(columns[k]) is not a number"); continue }
            #expect(got.isNaN, "a run without a generator has no \(columns[k])")
        }
    }
}

/// The offline joint has no per-experience history: its forgetting, BWT, FWT and average
/// accuracy over time are "–" with a footnote, never 0.
@Suite struct OfflineTableTests {
    func joint(seed: UInt64, accuracy: Double, varied: [ResolvedParameter] = []) -> NamedRun {
        var c = StreamConfiguration()
        c.strategy = .joint
        c.seed = seed
        let r = StreamResult(accuracyMatrix: [[accuracy, accuracy]], lossMatrix: [[0.5, 0.5]], randomInitAccuracy: [], storageBytes: [1570],
                             secondsPerExperience: [2], isOffline: true)
        return NamedRun(name: varied.isEmpty ? "joint" : "joint[seed=\(seed)]", cellName: "joint", varied: varied, configuration: c,
                        result: r, cacheKey: "joint-\(seed)", cacheHit: false)
    }

    func naive() -> NamedRun {
        var c = StreamConfiguration()
        c.strategy = .naive
        let r = StreamResult(accuracyMatrix: [[0.9, 0.1], [0.2, 0.8]], lossMatrix: [[0, 0], [0, 0]], randomInitAccuracy: [0.1, 0.1],
                             storageBytes: [0, 0], secondsPerExperience: [1, 1])
        return NamedRun(name: "naive", cellName: "naive", varied: [], configuration: c, result: r, cacheKey: "naive", cacheHit: false)
    }

    static let columns = ["final_accuracy", "forgetting", "bwt", "fwt", "average_accuracy", "storage_bytes"]

    @Test func aJointRowShowsUndefinedWithAFootnote() {
        let table = TableBuilder.table(runs: [naive(), joint(seed: 1, accuracy: 0.85)], columns: Self.columns, caption: nil, aggregateSeeds: true)
        #expect(table.rows[1] == [.text("joint"), .number(0.85, decimals: 4), .undefined, .undefined, .undefined, .undefined, .integer(1570)])
        #expect(table.rows[0][2] == .number(0.7, decimals: 4), "naive's forgetting stays a number")
        #expect(table.rows[0][4] == .number(0, decimals: 4), "naive's FWT of 0 stays a number")
        #expect(table.notes == [TableBuilder.offlineNote])
        #expect(TableBuilder.offlineNote.hasPrefix("– not defined: joint is the offline upper bound"))
    }

    @Test func jointSeedsAggregateToUndefined() {
        let seeds = [(1, 0.85), (2, 0.87)].map { s, a in
            joint(seed: UInt64(s), accuracy: a, varied: [ResolvedParameter(name: "seed", value: "\(s)", overridden: false)])
        }
        let table = TableBuilder.table(runs: seeds, columns: Self.columns, caption: nil, aggregateSeeds: true)
        #expect(table.rows.count == 1)
        guard case .meanSD(let mean, _, 4) = table.rows[0][1] else { Issue.record("final accuracy is not a mean ± sd"); return }
        #expect(abs(mean - 0.86) < 1e-12)
        #expect(Array(table.rows[0][2...5]) == [.undefined, .undefined, .undefined, .undefined])
        #expect(table.notes == [TableBuilder.offlineNote])
    }

    @Test func aTableWithoutJointHasNoFootnote() {
        let table = TableBuilder.table(runs: [naive()], columns: Self.columns, caption: nil, aggregateSeeds: true)
        #expect(table.notes.isEmpty)
        #expect(!table.rows[0].contains(.undefined))
    }
}
