import Foundation
import Continual
import Engine
import Testing

/// A shared-start store in memory that counts its reads and writes.
final class MemoryStartStore: SharedStartStore {
    var entries: [String: [UInt8]] = [:]
    var loads = 0
    var saves = 0

    func load(_ key: String) throws -> [UInt8]? {
        loads += 1
        return entries[key]
    }

    func save(_ key: String, _ bytes: [UInt8]) throws {
        saves += 1
        entries[key] = bytes
    }
}

/// A result without its wall-clock fields.
func withoutTimes(_ r: StreamResult) -> StreamResult {
    var copy = r
    copy.secondsPerExperience = []  // and so `seconds`, their sum
    copy.fidelity?.fitSeconds = []
    return copy
}

/// What a stream checkpoint (or shared start) holds besides timings: its arrays (weights,
/// optimiser) and the strategy's state (buffer, anchors, generators) without fit seconds.
struct CheckpointContents: Equatable {
    var arrays: [String: [Float]]
    var strategyState: String?
}

func checkpointContents(_ bytes: [UInt8]?) throws -> CheckpointContents {
    guard let bytes else { return CheckpointContents(arrays: [:], strategyState: nil) }
    let checkpoint = try Checkpoint(decoding: bytes)
    func timeless(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "fit_seconds" }.mapValues(timeless)
        }
        if let array = value as? [Any] { return array.map(timeless) }
        return value
    }
    let state = try checkpoint.metadata["strategy"].map { text in
        let object = timeless(try JSONSerialization.jsonObject(with: Data(text.utf8)))
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
    return CheckpointContents(arrays: checkpoint.arrays, strategyState: state)
}

/// Sharing the state after experience 0 between strategies (`StreamRunner.run(sharedStart:)`).
@Suite(.serialized) struct SharedStartTests {
    static let enabled = StreamFixtures.dataset != nil && StreamFixtures.isOptimised

    /// Runs `c`, optionally through `store`, collecting checkpoints and progress messages.
    static func run(_ c: StreamConfiguration, store: SharedStartStore?) throws
        -> (result: StreamResult, checkpoints: [[UInt8]], messages: [String]) {
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: StreamFixtures.dataset!)
        let runner = try StreamRunner(configuration: c, benchmark: benchmark)
        var checkpoints: [[UInt8]] = []
        var messages: [String] = []
        let result = try runner.run(sharedStart: store, checkpoint: { _, bytes in checkpoints.append(bytes) },
                                    progress: { if $0.samplesTotal == 0 { messages.append($0.message) } })
        return (result, checkpoints, messages)
    }

    static func configuration(_ kind: StrategyKind) -> StreamConfiguration {
        var c = StreamFixtures.configuration(kind, experiences: 3)
        c.epochs = 2
        return c
    }

    @Test(.enabled(if: enabled, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
    func reusedStartIsBitIdenticalToARunAlone() throws {
        let store = MemoryStartStore()
        let naive = try Self.run(Self.configuration(.naive), store: store)
        #expect(store.saves == 1)
        #expect(naive.messages.contains("evaluating the initial network"))
        let alone = try Self.run(Self.configuration(.naive), store: nil)
        #expect(withoutTimes(naive.result) == withoutTimes(alone.result))
        #expect(try checkpointContents(naive.checkpoints.last) == checkpointContents(alone.checkpoints.last))

        for kind in [StrategyKind.replay, .ewc, .glr, .latentReplay, .cumulative] {
            var c = Self.configuration(kind)
            c.bufferSize = 90
            c.ewcLambda = 50
            let shared = try Self.run(c, store: store)
            let computed = try Self.run(c, store: nil)
            #expect(!shared.messages.contains("evaluating the initial network"), "\(kind) trained experience 0 again")
            #expect(shared.messages.contains { $0.hasPrefix("reusing the shared start") }, "\(kind)")
            #expect(withoutTimes(shared.result) == withoutTimes(computed.result), "\(kind)")
            #expect(shared.result.accuracyMatrix.count == 3)
            #expect(try checkpointContents(shared.checkpoints.last) == checkpointContents(computed.checkpoints.last), "\(kind)")
            // The reported seconds of experience 0 include the original training time.
            #expect(shared.result.secondsPerExperience[0] >= naive.result.secondsPerExperience[0] * 0.5)
        }
        #expect(store.saves == 1)
        #expect(store.entries.count == 1)
    }

    @Test func keyChangesWithWhatTrainsExperienceZeroOnly() {
        let base = StreamFixtures.configuration(.naive)
        let key = StreamRunner.sharedStartKey(base)
        let changing: [(String, (inout StreamConfiguration) -> Void)] = [
            ("seed", { $0.seed += 1 }), ("lr", { $0.learningRate = 0.02 }), ("train_size", { $0.trainSize = 300 }),
            ("benchmark", { $0.benchmark = .permuted }), ("epochs", { $0.epochs = 3 }), ("batch_size", { $0.batchSize = 32 }),
            ("momentum", { $0.momentum = 0.5 }), ("weight_decay", { $0.weightDecay = 0 }), ("test_size", { $0.testSize = 60 }),
            ("experiences", { $0.experiences = 4 }), ("dataset", { $0.dataset = "/elsewhere" }), ("model", { $0.model = "mlp" }),
            ("permutations", { $0.permutations = [[1, 0]] }),
        ]
        // Unset permutations are left out, so keys of runs made before the setting existed hold.
        #expect(!key.contains("permutations"))
        for (name, change) in changing {
            var c = base
            change(&c)
            #expect(StreamRunner.sharedStartKey(c) != key, "\(name)")
        }
        let keeping: [(String, (inout StreamConfiguration) -> Void)] = [
            ("strategy", { $0.strategy = .glr }), ("buffer_size", { $0.bufferSize = 17 }), ("ewc_lambda", { $0.ewcLambda = 300 }),
            ("generator", { $0.generator = GeneratorSpec(covariance: .full, components: .bic([1, 2])) }),
            ("sampling", { $0.sampling = .decay }), ("window", { $0.window = 2 }), ("freeze_depth", { $0.freezeDepth = .conv2 }),
            ("resample", { $0.resample = false }),
        ]
        for (name, change) in keeping {
            var c = base
            change(&c)
            #expect(StreamRunner.sharedStartKey(c) == key, "\(name)")
        }
    }

    @Test(.enabled(if: enabled, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
    func corruptEntryIsReportedAndRecomputed() throws {
        let store = MemoryStartStore()
        _ = try Self.run(Self.configuration(.naive), store: store)
        let key = try #require(store.entries.keys.first)
        let good = try #require(store.entries[key])
        let computed = try Self.run(Self.configuration(.replay), store: nil)
        let corruptions: [(String, [UInt8])] = [
            ("flipped byte", { var b = good; b[b.count / 2] ^= 0x40; return b }()),
            ("truncated", Array(good.prefix(good.count - 9))),
            ("foreign", Checkpoint(arrays: [:], metadata: ["format": "glr-stream-1"]).encoded()),
        ]
        for (what, bad) in corruptions {
            store.entries[key] = bad
            let saves = store.saves
            let shared = try Self.run(Self.configuration(.replay), store: store)
            #expect(shared.messages.contains { $0.hasPrefix("the shared start is unusable") }, "\(what)")
            #expect(shared.messages.contains("evaluating the initial network"), "\(what)")
            #expect(withoutTimes(shared.result) == withoutTimes(computed.result), "\(what)")
            #expect(store.saves == saves + 1, "\(what): the recomputed start is saved again")
            #expect(try checkpointContents(store.entries[key]) == checkpointContents(good), "\(what)")
        }
    }
}
