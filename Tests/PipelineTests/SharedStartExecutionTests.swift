import Continual
import Data
import Foundation
import Pipeline
import TestSupport
import Testing

/// Sharing the state after experience 0 through the cache (`CacheSharedStartStore`), with
/// the real trainer on a subsampled Fashion-MNIST (an MLP, 200 images per experience).
@Suite(.serialized, .removesTemporaryDirectories) struct SharedStartExecutionTests {
    /// A result without its wall-clock fields.
    static func timeless(_ r: StreamResult?) -> StreamResult? {
        guard var copy = r else { return nil }
        copy.secondsPerExperience = []  // and so `seconds`, their sum
        copy.fidelity?.fitSeconds = []
        return copy
    }

    func execute(_ text: String, cache: URL?, progress: ProgressReporter = .silent) throws -> ExecutedDocument {
        let dir = try temporaryDirectory()
        let path = try writeDocument(text, in: dir)
        return try DocumentExecutor(cacheDirectory: cache, progress: progress).execute(path: path, overrides: [:])
    }

    @Test func renderTrainsExperienceZeroOnceForTwoStrategies() throws {
        let cache = try temporaryDirectory()
        let document = StreamRunnerExecutionTests.document()
        let progress = ProgressReporter.silent
        let shared = try execute(document, cache: cache, progress: progress)
        #expect(shared.failedCells.isEmpty)
        // Experience 0 (with the random-init evaluation) ran for naive only; replay restored it.
        #expect(progress.lines.filter { $0.hasSuffix("evaluating the initial network") }.count == 1)
        #expect(progress.lines.filter { $0.hasPrefix("  replay: experience 1/3: reusing the shared start") }.count == 1)
        let alone = try execute(document, cache: nil)
        for name in ["naive", "replay"] {
            #expect(Self.timeless(shared.runsByName[name]?.result) == Self.timeless(alone.runsByName[name]?.result), "\(name)")
            #expect(shared.runsByName[name]?.result.accuracyMatrix.count == 3)
        }
        // One shared-start entry; `glr cache list` describes it, `gc` with the document keeps it.
        let store = try DirectoryCacheStore(root: cache)
        let starts = try store.names().filter { $0.hasSuffix(".start") }
        #expect(starts.count == 1)
        let listing = try CacheMaintenance.list(store)
        #expect(listing.filter { $0.contains("shared state after experience 1") }.count == 1)
        let dir = try temporaryDirectory()
        let plan = try DocumentExecutor(cacheDirectory: cache, progress: .silent).plan(path: try writeDocument(document, in: dir), overrides: [:])
        #expect(try CacheMaintenance.collect(store, referenced: plan.referencedKeys, olderThan: nil).isEmpty)
        #expect(try CacheMaintenance.collect(store, referenced: [], olderThan: nil).contains(starts[0]))
    }

    @Test func corruptEntryOnDiskIsReportedAndRecomputed() throws {
        let cache = try temporaryDirectory()
        let dataset = try DatasetLoader.load("fashion-mnist")
        var c = StreamConfiguration()
        c.experiences = 2
        c.epochs = 1
        c.trainSize = 200
        c.testSize = 100
        c.batchSize = 32
        c.model = "mlp"
        c.bufferSize = 100
        var logged: [String] = []
        let directory = try DirectoryCacheStore(root: cache)
        let store = CacheSharedStartStore(store: directory, datasetFingerprint: dataset.fingerprint) { logged.append($0) }
        func run(_ kind: StrategyKind, _ sharedStart: SharedStartStore?) throws -> StreamResult {
            var k = c
            k.strategy = kind
            return try StreamRunnerBackend().run(k, dataset: dataset, resumeFrom: nil, sharedStart: sharedStart,
                                                 checkpoint: { _, _ in }, progress: { _ in })
        }
        _ = try run(.naive, store)
        #expect(store.saves == 1)
        let entry = store.entry(material: StreamRunner.sharedStartKey(c))
        #expect(entry == CacheSharedStartStore.entry(CacheKey.sharedStart(c, datasetFingerprint: dataset.fingerprint)))
        var bytes = [UInt8](try Data(contentsOf: directory.url(entry)))
        bytes[bytes.count - 100] ^= 0x10
        try Data(bytes).write(to: directory.url(entry))

        let alone = try run(.ewc, nil)
        let recomputed = try run(.ewc, store)
        #expect(logged.contains { $0.hasPrefix("warning: cache entry \(entry) is corrupt") })
        #expect(Self.timeless(recomputed) == Self.timeless(alone))
        #expect(store.saves == 2)
        // The entry written again is sound and reused.
        let loads = store.loads
        let reused = try run(.replay, store)
        #expect(store.loads == loads + 1 && store.saves == 2)
        #expect(Self.timeless(reused) == Self.timeless(try run(.replay, nil)))
    }

    @Test func keyNamesDatasetAndEngineButNotStrategy() {
        var c = StreamConfiguration()
        let key = CacheKey.sharedStart(c, datasetFingerprint: "a")
        #expect(key.count == 64 && key.allSatisfy(\.isHexDigit))
        #expect(CacheKey.sharedStart(c, datasetFingerprint: "b") != key)
        #expect(CacheKey.sharedStart(c, datasetFingerprint: "a", engineVersion: "other") != key)
        #expect(key != CacheKey.run(c, datasetFingerprint: "a"))
        c.strategy = .ewc
        c.ewcLambda = 100
        #expect(CacheKey.sharedStart(c, datasetFingerprint: "a") == key)
        c.seed = 1
        #expect(CacheKey.sharedStart(c, datasetFingerprint: "a") != key)
    }
}
