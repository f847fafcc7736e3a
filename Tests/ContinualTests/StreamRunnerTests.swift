import Engine
import Testing
import Continual

@Suite(.enabled(if: StreamFixtures.dataset != nil && StreamFixtures.isOptimised, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
struct StreamRunnerTests {
    @Test func sameSeedGivesIdenticalMatrices() throws {
        let c = StreamFixtures.configuration(.replay)
        let a = try StreamFixtures.run(c).result
        let b = try StreamFixtures.run(c).result
        #expect(a.accuracyMatrix == b.accuracyMatrix)
        #expect(a.lossMatrix == b.lossMatrix)
        var other = c
        other.seed = 8
        #expect(try StreamFixtures.run(other).result.lossMatrix != a.lossMatrix)
    }

    /// Common random numbers: every strategy run experience by experience trains experience 0 identically.
    @Test func firstRowIdenticalAcrossStrategies() throws {
        var rows: [StrategyKind: [Double]] = [:]
        var losses: [StrategyKind: [Double]] = [:]
        let streamed = StrategyKind.allCases.filter { !$0.isOffline }
        for kind in streamed {
            let r = try StreamFixtures.run(StreamFixtures.configuration(kind, experiences: 2)).result
            rows[kind] = r.accuracyMatrix[0]
            losses[kind] = r.lossMatrix[0]
            #expect(r.accuracyMatrix.count == 2 && r.accuracyMatrix[1].count == 2)
        }
        for kind in streamed {
            #expect(rows[kind] == rows[.naive], "\(kind)")
            #expect(losses[kind] == losses[.naive], "\(kind)")
        }
    }

    /// A run resumed from the checkpoint after experience k ends bit-identical.
    @Test(arguments: [StrategyKind.naive, .replay, .ewc, .latentReplay, .glr])
    func resumeIsBitIdentical(kind: StrategyKind) throws {
        let c = StreamFixtures.configuration(kind)
        let (full, checkpoints) = try StreamFixtures.run(c)
        #expect(checkpoints.count == 3)
        for k in 0..<2 {
            let resumed = try StreamFixtures.run(c, resumeFrom: checkpoints[k])
            #expect(resumed.result.accuracyMatrix == full.accuracyMatrix, "\(kind) after \(k)")
            #expect(resumed.result.lossMatrix == full.lossMatrix, "\(kind) after \(k)")
            #expect(resumed.result.storageBytes == full.storageBytes)
            #expect(resumed.checkpoints.count == 2 - k)
        }
    }

    /// GLR with a VAE generator: a resumed run ends bit-identical (the VAEs kept in the
    /// checkpoint decode to the same weights and code priors), and its fidelity is flagged a bound.
    @Test func vaeRunResumesBitIdentically() throws {
        var c = StreamFixtures.configuration(.glr)
        c.generator = .vae(VAESettings(latentSize: 4, hiddenWidth: 16, epochs: 2))
        let (full, checkpoints) = try StreamFixtures.run(c)
        #expect(full.fidelity?.logLikelihoodIsLowerBound == true)
        for k in 0..<2 {
            let resumed = try StreamFixtures.run(c, resumeFrom: checkpoints[k])
            #expect(resumed.result.accuracyMatrix == full.accuracyMatrix, "after \(k)")
            #expect(resumed.result.lossMatrix == full.lossMatrix, "after \(k)")
            #expect(resumed.result.storageBytes == full.storageBytes)
            #expect(resumed.result.fidelity?.heldOutLogLikelihood == full.fidelity?.heldOutLogLikelihood)
        }
    }

    @Test func resumeRejectsAnotherConfiguration() throws {
        let c = StreamFixtures.configuration(.naive, experiences: 2)
        let checkpoints = try StreamFixtures.run(c).checkpoints
        var other = c
        other.learningRate = 0.02
        #expect(throws: StreamError.self) { try StreamFixtures.run(other, resumeFrom: checkpoints[0]) }
        #expect(throws: StreamError.self) { try StreamFixtures.run(c, resumeFrom: [1, 2, 3]) }
    }

    /// Checkpoints of the format before strategies owned their state, and checkpoints whose
    /// strategy state is missing or unreadable, are rejected with `badCheckpoint`.
    @Test func staleOrDamagedStrategyStateIsRejected() throws {
        let c = StreamFixtures.configuration(.replay, experiences: 2)
        let checkpoint = try Checkpoint(decoding: try StreamFixtures.run(c).checkpoints[0])
        #expect(checkpoint.metadata["strategy"]?.contains("groups") == true, "the replay buffer is in the checkpoint")
        #expect(try StreamFixtures.run(c, resumeFrom: checkpoint.encoded()).checkpoints.count == 1, "the checkpoint itself resumes")
        var damaged: [Checkpoint] = []
        for edit in [{ (m: inout [String: String]) in m["format"] = "glr-stream-1" },
                     { m in m["strategy"] = nil }, { m in m["strategy"] = "{\"groups\": 3}" }] {
            var copy = checkpoint
            edit(&copy.metadata)
            damaged.append(copy)
        }
        for copy in damaged {
            #expect {
                try StreamFixtures.run(c, resumeFrom: copy.encoded())
            } throws: { error in
                (error as? StreamError)?.isBadCheckpoint == true
            }
        }
    }

    /// Latent strategies never change the backbone after experience 0; naive does.
    @Test(arguments: [StrategyKind.latentReplay, .glr, .naive])
    func frozenBackboneStaysBitIdentical(kind: StrategyKind) throws {
        let checkpoints = try StreamFixtures.run(StreamFixtures.configuration(kind)).checkpoints
        let first = try Checkpoint(decoding: checkpoints[0]).arrays
        let last = try Checkpoint(decoding: checkpoints[2]).arrays
        let backbone = ["net.0.weight", "net.0.bias", "net.3.weight", "net.3.bias", "net.6.weight", "net.6.bias"]
        let head = ["net.10.weight", "net.14.bias"]
        for name in backbone {
            #expect(first[name] != nil)
            if kind == .naive { #expect(first[name] != last[name]) } else { #expect(first[name] == last[name], "\(name)") }
        }
        for name in head { #expect(first[name] != last[name]) }
    }

    /// Storage follows the buffer sizes: M = 120 over 240-image experiences.
    @Test func storageFollowsTheBuffer() throws {
        let replay = try StreamFixtures.run(StreamFixtures.configuration(.replay)).result
        #expect(replay.storageBytes == [120 * 785, 120 * 785, 120 * 785])
        var unlimited = StreamFixtures.configuration(.latentReplay)
        unlimited.sampling = .unlimited
        let latent = try StreamFixtures.run(unlimited).result
        #expect(latent.storageBytes == [240 * (288 * 4 + 1), 480 * (288 * 4 + 1), 720 * (288 * 4 + 1)])
        var windowed = StreamFixtures.configuration(.replay)
        windowed.window = 1
        windowed.bufferSize = 1000
        #expect(try StreamFixtures.run(windowed).result.storageBytes == [240 * 785, 240 * 785, 240 * 785])
        let naive = try StreamFixtures.run(StreamFixtures.configuration(.naive)).result
        #expect(naive.storageBytes == [0, 0, 0])
        let cumulative = try StreamFixtures.run(StreamFixtures.configuration(.cumulative)).result
        #expect(cumulative.storageBytes == [240 * 785, 480 * 785, 720 * 785])
        let joint = try StreamFixtures.run(StreamFixtures.configuration(.joint)).result
        #expect(joint.storageBytes == [720 * 785])
    }

    @Test func glrReportsFidelityAndScatter() throws {
        let r = try StreamFixtures.run(StreamFixtures.configuration(.glr)).result
        let f = try #require(r.fidelity)
        #expect(f.trainLogLikelihood.count == 3 && f.heldOutLogLikelihood.count == 3 && f.trainSyntheticTestReal.count == 3)
        #expect(f.trainSyntheticTestReal.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(f.trainLogLikelihood.allSatisfy { $0.isFinite } && f.fitSeconds.count == 3)
        #expect(f.nearestNeighbourSampleToReal.allSatisfy { $0 > 0 && $0.isFinite })
        let scatter = try #require(r.latentScatter)
        #expect(scatter.real.count == 2 * scatter.realLabels.count && scatter.generated.count == 2 * scatter.generatedLabels.count)
        #expect(r.storageBytes.allSatisfy { $0 > 0 })
    }

    @Test func badSettingsAreRejected() throws {
        let benchmark = try StreamRunner.makeBenchmark(StreamFixtures.configuration(.naive), dataset: StreamFixtures.dataset!)
        var c = StreamFixtures.configuration(.ewc)
        c.ewcLambda = -1
        #expect(throws: StreamError.self) { try StreamRunner(configuration: c, benchmark: benchmark) }
        c = StreamFixtures.configuration(.replay)
        c.window = 0
        #expect(throws: StreamError.self) { try StreamRunner(configuration: c, benchmark: benchmark) }
        c = StreamFixtures.configuration(.naive)
        c.experiences = 4
        #expect(throws: StreamError.self) { try StreamRunner(configuration: c, benchmark: benchmark) }
    }
}
