import Engine
import Foundation

extension StreamRunner {
    /// The canonical description (sorted-keys JSON) of everything that determines the state
    /// after experience 0: the configuration with the strategy and its settings reset
    /// (`sharedStartRelevant`; every other field, including any added later, stays in), plus
    /// the shared-start format and the engine's threading (results are bit-identical only
    /// for one worker count). The dataset appears by name only: a store must add the
    /// dataset's content fingerprint to it (the pipeline's does).
    public static func sharedStartKey(_ configuration: StreamConfiguration) -> String {
        struct Material: Encodable {
            var format: String
            var configuration: StreamConfiguration
            var threading: String
        }
        return canonicalJSON(Material(format: SharedStart.format, configuration: sharedStartConfiguration(configuration),
                                      threading: EngineThreading.machineSpecificTag ?? "reference"))
    }

    /// The identity of the benchmark a configuration builds from the dataset with
    /// `datasetFingerprint`: its building parameters (`StreamConfiguration.benchmarkOnly`) as
    /// sorted-keys JSON, and the fingerprint. Runs with equal identities see the same images.
    public static func benchmarkIdentity(_ configuration: StreamConfiguration, datasetFingerprint: String) -> String {
        canonicalJSON(configuration.benchmarkOnly) + " " + datasetFingerprint
    }

    /// `value` as sorted-keys JSON, non-finite numbers as strings: the same text for the same
    /// value on every machine.
    private static func canonicalJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    /// The configuration whose naive run trains experience 0 exactly as every run sharing
    /// its start does (`StreamConfiguration.sharedStartRelevant`).
    public static func sharedStartConfiguration(_ configuration: StreamConfiguration) -> StreamConfiguration {
        configuration.sharedStartRelevant
    }
}
