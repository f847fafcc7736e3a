import Continual
import Data
import Pipeline
import Testing
import TestSupport

/// `strategy: cumulative` keeps the numbers `strategy: joint` gave before it became the
/// offline upper bound, bit for bit.
///
/// Recorded from the base binary at commit f6fcc34 (engine `glr-engine-1`, reference
/// threading), where `joint` was today's cumulative:
/// `glr stream --strategy joint --benchmark rotated --experiences 3 --train-size 600
/// --test-size 200 --epochs 2 --seed 7 --no-cache --json base.json`. The numbers are those
/// of one engine version: the test runs only at that version (after a bump, re-record them
/// with the last binary of the old version, or rely on `JointTrainingTests`' structural
/// check, which needs no recorded values).
@Suite struct CumulativeRecordTests {
    static let recordedVersion = "glr-engine-1"
    static let dataset: ImageDataset? = try? DatasetLoader.load("fashion-mnist")

    @Test(.enabled(if: dataset != nil && isOptimisedBuild && engineVersion == recordedVersion && CacheKey.currentThreading == nil,
                   "needs Fashion-MNIST, an optimised build, engine \(recordedVersion) and the reference threading"))
    func cumulativeReproducesTheFormerJoint() throws {
        var c = StreamConfiguration()
        c.strategy = .cumulative
        c.benchmark = .rotated
        c.experiences = 3
        c.trainSize = 600
        c.testSize = 200
        c.epochs = 2
        c.seed = 7
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: Self.dataset!)
        let r = try StreamRunner(configuration: c, benchmark: benchmark).run()
        #expect(r.accuracyMatrix == [[0.165, 0.1, 0.16], [0.19, 0.08, 0.15], [0.225, 0.21, 0.18]])
        #expect(r.lossMatrix == [[2.3030893702429274, 2.3102939413112336, 2.305989970685605],
                                 [2.2840815846676086, 2.293675849473709, 2.2929944423336317],
                                 [2.161267291570324, 2.173877661387113, 2.1670968712315313]])
        #expect(r.storageBytes == [471000, 942000, 1413000])
    }
}
