import Continual
import Foundation
import Testing

/// `StreamResult` stores matrices and timings and computes its metrics from them: the JSON
/// it writes is the one results.json always held (metrics included), and older encodings,
/// whose stored metrics may be stale, decode to metrics recomputed from their matrices.
@Suite struct StreamResultTests {
    /// The fields and synthesised encoding StreamResult had when it stored its metrics.
    struct Legacy: Codable {
        var accuracyMatrix: [[Double]], lossMatrix: [[Double]], finalAverageAccuracy: Double, finalAverageLoss: Double
        var averageAccuracyOverTime: [Double], forgetting: [Double], meanForgetting: Double?, bwt: Double?, fwt: Double?
        var randomInitAccuracy: [Double], storageBytes: [Int], secondsPerExperience: [Double], seconds: Double
        var fidelity: GeneratorFidelity?
        var latentScatter: LatentScatter?
        enum CodingKeys: String, CodingKey {
            case accuracyMatrix = "accuracy_matrix", lossMatrix = "loss_matrix"
            case finalAverageAccuracy = "final_average_accuracy", finalAverageLoss = "final_average_loss"
            case averageAccuracyOverTime = "average_accuracy_over_time", forgetting, meanForgetting = "mean_forgetting"
            case bwt, fwt, randomInitAccuracy = "random_init_accuracy", storageBytes = "storage_bytes"
            case secondsPerExperience = "seconds_per_experience", seconds, fidelity, latentScatter = "latent_scatter"
        }
    }

    static let r: [[Double]] = [[0.9, 0.1, 0.12], [0.61, 0.88, 0.15], [0.42, 0.55, 0.91]]
    static let stream = StreamResult(accuracyMatrix: r, lossMatrix: r.map { $0.map { 1 - $0 } }, randomInitAccuracy: [0.1, 0.11, 0.09],
                                     storageBytes: [0, 10, 20], secondsPerExperience: [1.5, 2.25, 3])

    static func encoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }

    static func legacy(_ s: StreamResult) -> Legacy {
        Legacy(accuracyMatrix: s.accuracyMatrix, lossMatrix: s.lossMatrix, finalAverageAccuracy: s.finalAverageAccuracy,
               finalAverageLoss: s.finalAverageLoss, averageAccuracyOverTime: s.averageAccuracyOverTime, forgetting: s.forgetting,
               meanForgetting: s.meanForgetting, bwt: s.bwt, fwt: s.fwt, randomInitAccuracy: s.randomInitAccuracy,
               storageBytes: s.storageBytes, secondsPerExperience: s.secondsPerExperience, seconds: s.seconds)
    }

    @Test func metricsComeFromTheMatrices() {
        let s = Self.stream
        #expect(s.finalAverageAccuracy == (0.42 + 0.55 + 0.91) / 3)
        #expect(s.forgetting == [0.9 - 0.42, 0.88 - 0.55])
        #expect(s.meanForgetting == ((0.9 - 0.42) + (0.88 - 0.55)) / 2)
        #expect(s.bwt == ((0.42 - 0.9) + (0.55 - 0.88)) / 2)
        #expect(s.fwt == ((0.1 - 0.11) + (0.15 - 0.09)) / 2)
        #expect(s.averageAccuracyOverTime == [0.9, (0.61 + 0.88) / 2, (0.42 + 0.55 + 0.91) / 3])
        #expect(s.seconds == 6.75)
        var edited = s
        edited.accuracyMatrix[2][0] = 0.5
        #expect(edited.bwt != s.bwt && edited.finalAverageAccuracy != s.finalAverageAccuracy, "an edited matrix changes its metrics")
    }

    /// The bytes are those of the stored-metrics encoding (results.json stays byte-identical).
    @Test(arguments: [false, true])
    func encodingIsTheLegacyOne(offline: Bool) throws {
        let s = offline
            ? StreamResult(accuracyMatrix: [[0.5, 0.7]], lossMatrix: [[1, 2]], randomInitAccuracy: [], storageBytes: [5],
                           secondsPerExperience: [4], isOffline: true)
            : Self.stream
        #expect(try Self.encoded(s) == Self.encoded(Self.legacy(s)))
        let back = try JSONDecoder().decode(StreamResult.self, from: Self.encoded(s))
        #expect(back == s)
        #expect(back.isOffline == offline)
        #expect((back.bwt == nil) == offline)
    }

    /// An old cached result with stale stored metrics decodes to the metrics of its matrices.
    @Test func staleStoredMetricsAreRecomputed() throws {
        var old = Self.legacy(Self.stream)
        old.finalAverageAccuracy = 0.123
        old.bwt = 9
        old.fwt = 9
        old.seconds = 1000
        old.forgetting = []
        let back = try JSONDecoder().decode(StreamResult.self, from: Self.encoded(old))
        #expect(back == Self.stream)
        #expect(back.finalAverageAccuracy == Self.stream.finalAverageAccuracy)
        #expect(back.bwt == Self.stream.bwt)
        #expect(back.seconds == 6.75)
    }
}
