import Continual
import Engine
import Testing

/// The cores a run keeps busy (`StreamRunner.trainingCores`), by which `UnitThreads` places
/// runs side by side: the engine's two shards for anything that trains convolutions, one for a
/// dense head or an MLP at the study's batch sizes.
struct TrainingCoresTests {
    static func configuration(_ kind: StrategyKind, model: String = "cnn", depth: FreezeDepth = .conv3) -> StreamConfiguration {
        var c = StreamConfiguration()
        c.strategy = kind
        c.model = model
        c.freezeDepth = depth
        return c
    }

    @Test func wholeNetworkRunsTakeBothCores() throws {
        for kind in [StrategyKind.naive, .ewc, .replay, .joint, .cumulative] {
            #expect(try StreamRunner.trainingCores(Self.configuration(kind), fromExperience: 0) == 2, "\(kind)")
            #expect(try StreamRunner.trainingCores(Self.configuration(kind), fromExperience: 1) == 2, "\(kind)")
        }
    }

    @Test func headOnlyRunsAfterTheirStartTakeOneCore() throws {
        for kind in [StrategyKind.latentReplay, .glr] {
            for depth in [FreezeDepth.conv3, .head1] {
                // Restored from a shared start: only dense head steps are left.
                #expect(try StreamRunner.trainingCores(Self.configuration(kind, depth: depth), fromExperience: 1) == 1, "\(kind) \(depth)")
                // From scratch, experience 0 trains the whole CNN.
                #expect(try StreamRunner.trainingCores(Self.configuration(kind, depth: depth), fromExperience: 0) == 2, "\(kind) \(depth)")
            }
            // Frozen after conv2, the head holds conv3: its steps are split over both cores.
            #expect(try StreamRunner.trainingCores(Self.configuration(kind, depth: .conv2), fromExperience: 1) == 2, "\(kind) conv2")
        }
    }

    @Test func denseNetworksTakeOneCoreUnlessTheBatchIsLarge() throws {
        #expect(try StreamRunner.trainingCores(Self.configuration(.naive, model: "mlp"), fromExperience: 0) == 1)
        var large = Self.configuration(.naive, model: "mlp")
        large.batchSize = 2 * EngineThreading.minSamplesPerWorkerDense
        #expect(try StreamRunner.trainingCores(large, fromExperience: 0) == 2)
    }
}
