import Continual
import Foundation
import Pipeline
import Testing

/// GLR run keys carry the generator fitting version; other runs' keys keep the formula they had
/// before it; a non-reference engine threading gets keys of its own.
@Suite struct GeneratorVersionKeyTests {
    /// The run key's material as it was before the generator version existed, rebuilt here.
    struct OldMaterial: Encodable {
        var kind: String
        var configuration: StreamConfiguration
        var datasetFingerprint: String
        var engineVersion: String
    }

    func oldKey(_ c: StreamConfiguration, fingerprint: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let material = OldMaterial(kind: "run", configuration: c.resultRelevant, datasetFingerprint: fingerprint,
                                   engineVersion: Pipeline.engineVersion)
        return CacheKey.hex(try encoder.encode(material))
    }

    @Test func glrKeyFollowsTheGeneratorVersion() throws {
        var glr = StreamConfiguration()
        glr.strategy = .glr
        let current = CacheKey.run(glr, datasetFingerprint: "fp", threading: nil)
        #expect(current == CacheKey.run(glr, datasetFingerprint: "fp", generatorVersion: MixtureFitOptions.version, threading: nil))
        #expect(current != CacheKey.run(glr, datasetFingerprint: "fp", generatorVersion: "glr-gmm-older", threading: nil))
        #expect(current != (try oldKey(glr, fingerprint: "fp")))
    }

    @Test func authorsVariantHasItsOwnFittingVersion() throws {
        var classConditional = StreamConfiguration()
        classConditional.strategy = .glr
        var authors = classConditional
        authors.generator.label = .component
        // The class-conditional key keeps the formula it had before the variant got its own version.
        #expect(CacheKey.run(classConditional, datasetFingerprint: "fp", threading: nil)
                == CacheKey.run(classConditional, datasetFingerprint: "fp", generatorVersion: "glr-gmm-2", threading: nil))
        #expect(CacheKey.run(authors, datasetFingerprint: "fp", threading: nil)
                != CacheKey.run(authors, datasetFingerprint: "fp", generatorVersion: MixtureFitOptions.version, threading: nil))
        #expect(authors.generator.fittingVersion.hasPrefix(MixtureFitOptions.version + "+"))
    }

    @Test(arguments: [StrategyKind.naive, .cumulative, .replay, .ewc, .latentReplay])
    func otherKeysKeepTheOldFormula(strategy: StrategyKind) throws {
        var c = StreamConfiguration()
        c.strategy = strategy
        let key = CacheKey.run(c, datasetFingerprint: "fp", threading: nil)
        #expect(key == (try oldKey(c, fingerprint: "fp")))
        #expect(key == CacheKey.run(c, datasetFingerprint: "fp", generatorVersion: "glr-gmm-older", threading: nil))
    }

    /// `strategy: joint` became the offline upper bound with the same parameters: its key
    /// never equals the former (per-experience) joint's, whatever the engine version.
    @Test func offlineJointNeverGetsTheFormerJointsKey() throws {
        var c = StreamConfiguration()
        c.strategy = .joint
        let key = CacheKey.run(c, datasetFingerprint: "fp", threading: nil)
        #expect(key != (try oldKey(c, fingerprint: "fp")))
        #expect(key == CacheKey.run(c, datasetFingerprint: "fp", generatorVersion: "glr-gmm-older", threading: nil))
        var cumulative = c
        cumulative.strategy = .cumulative
        #expect(key != CacheKey.run(cumulative, datasetFingerprint: "fp", threading: nil))
    }

    @Test(arguments: [StrategyKind.naive, .glr])
    func anotherThreadingGetsItsOwnKey(strategy: StrategyKind) {
        var c = StreamConfiguration()
        c.strategy = strategy
        let reference = CacheKey.run(c, datasetFingerprint: "fp", threading: nil)
        #expect(CacheKey.run(c, datasetFingerprint: "fp", threading: "split-batch-4") != reference)
        #expect(CacheKey.run(c, datasetFingerprint: "fp", threading: "blas-2") != CacheKey.run(c, datasetFingerprint: "fp", threading: "split-batch-4"))
    }
}
