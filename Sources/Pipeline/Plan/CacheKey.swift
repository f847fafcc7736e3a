import Continual
import Engine
import Crypto
import Foundation

/// Content keys: hex SHA-256 of a canonical (sorted-keys JSON) encoding of everything that
/// changes a result, salted with `engineVersion`. Presentation keys are never included.
/// `digest` is the one scheme: the report keys its figures with it too (`FigureKey`).
/// Tables and plots are not cached (they are cheap to build from their runs), so they have no key.
public enum CacheKey {
    struct RunMaterial: Encodable {
        var kind: String
        var configuration: StreamConfiguration
        var datasetFingerprint: String
        var engineVersion: String
    }

    struct SharedStartMaterial: Encodable {
        var kind: String
        var start: String
        var datasetFingerprint: String
        var engineVersion: String
    }

    /// The key of a run: kind `run`, the result-relevant configuration, the dataset
    /// fingerprint and the engine version, for runs that read the `generator` parameter (its
    /// declaration says which: glr) followed by "+" and the generator fitting version (default
    /// the configuration's `GeneratorSpec.fittingVersion`), and followed by "+threads-BACKEND-MODE-N"
    /// when the engine does not run on its reference numerics (`threading`, default the
    /// process's: OpenBLAS results depend on the machine). A sweep's run and an identical
    /// `run` cell share it. An offline run's (joint) version is followed by "+offline": `strategy: joint`
    /// meant the per-experience bound (now `cumulative`) until it became the offline one with
    /// the same parameters, so no entry of the former can be served for the latter.
    public static func run(_ configuration: StreamConfiguration, datasetFingerprint: String, engineVersion: String = Pipeline.engineVersion,
                           generatorVersion: String? = nil, threading: String? = currentThreading) -> String {
        let fitting = generatorVersion ?? configuration.generator.fittingVersion
        let readsGenerator = RunParameter.named("generator")?.isRead(by: configuration) ?? false
        var version = readsGenerator ? engineVersion + "+" + fitting : engineVersion
        if configuration.strategy.isOffline { version += "+offline" }
        if let threading { version += "+threads-" + threading }
        return digest(RunMaterial(kind: "run", configuration: configuration.resultRelevant, datasetFingerprint: datasetFingerprint,
                                  engineVersion: version))
    }

    /// The engine's numerics as `BACKEND-MODE-N` when results are machine-specific (OpenBLAS
    /// backend or BLAS threading), else nil.
    public static var currentThreading: String? { EngineThreading.machineSpecificTag }

    /// The key of a benchmark's example images: only the parameters that build the benchmark
    /// (`StreamConfiguration.benchmarkOnly`).
    public static func examples(_ configuration: StreamConfiguration, datasetFingerprint: String) -> String {
        digest(RunMaterial(kind: "examples", configuration: configuration.benchmarkOnly, datasetFingerprint: datasetFingerprint,
                           engineVersion: Pipeline.engineVersion))
    }

    /// The key of the state after experience 0 that runs differing only in strategy settings
    /// share: kind `shared-start`, `StreamRunner.sharedStartKey` of the configuration, the
    /// dataset fingerprint and the engine version.
    public static func sharedStart(_ configuration: StreamConfiguration, datasetFingerprint: String,
                                   engineVersion: String = Pipeline.engineVersion) -> String {
        sharedStart(material: StreamRunner.sharedStartKey(configuration), datasetFingerprint: datasetFingerprint, engineVersion: engineVersion)
    }

    /// The same from the runner's key material (what a `SharedStartStore` is given).
    public static func sharedStart(material: String, datasetFingerprint: String, engineVersion: String = Pipeline.engineVersion) -> String {
        digest(SharedStartMaterial(kind: "shared-start", start: material, datasetFingerprint: datasetFingerprint, engineVersion: engineVersion))
    }

    /// Hex SHA-256 of bytes.
    public static func hex(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The content key of any value: hex SHA-256 of its sorted-keys JSON encoding (non-finite
    /// numbers as the strings `nan`, `inf`, `-inf`). The one key scheme of runs, shared starts,
    /// example images and figures.
    public static func digest(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return hex(try encoder.encode(value))
        } catch {
            preconditionFailure("a cache key's material does not encode: \(error)")
        }
    }
}
