import Continual
import Engine
import Foundation
import Testing

/// Strategies own their state as `Codable` values that checkpoints encode without knowing
/// their fields: each state round-trips exactly, malformed states are rejected with an error
/// (never a crash), and every kind names the type that implements it.
@Suite struct StrategyStateTests {
    static func roundTrip<S: StrategyState>(_ state: S) throws -> S {
        let data = try JSONEncoder().encode(state)
        let decoder = JSONDecoder()
        decoder.userInfo[.streamConfiguration] = StreamConfiguration()
        return try decoder.decode(S.self, from: data)
    }

    static func bits(_ arrays: [[Float]]) -> [[UInt32]] { arrays.map { $0.map(\.bitPattern) } }

    @Test func ewcAnchorsRoundTripBitExactly() throws {
        var state = EWCStrategy.State()
        let odd: [Float] = [0, -0.0, .leastNonzeroMagnitude, .nan, .infinity, -.infinity, 3.1415927, -1.17549435e-38]
        state.anchors = [EWCAnchor(experience: 0, optimum: [odd, [2]], importance: [odd.reversed(), [0.5]]),
                         EWCAnchor(experience: 1, optimum: [[], [7]], importance: [[], [8]])]
        let back = try Self.roundTrip(state)
        #expect(back.anchors.map(\.experience) == [0, 1])
        for (a, b) in zip(state.anchors, back.anchors) {
            #expect(Self.bits(a.optimum) == Self.bits(b.optimum))
            #expect(Self.bits(a.importance) == Self.bits(b.importance))
        }
    }

    @Test func replayBufferRoundTripsBitExactly() throws {
        let samples = SampleSet(values: [0.25, -1, .nan, 4, 5, 6], labels: [3, 9], sampleShape: [1, 1, 3])
        let buffer = ReplayBuffer(groups: [MemoryGroup(experience: 2, samples: samples),
                                           MemoryGroup(experience: 4, samples: SampleSet(empty: [1, 1, 3]))])
        let back = try Self.roundTrip(buffer)
        #expect(back.groups.map(\.experience) == [2, 4])
        #expect(back.groups[0].samples.values.map(\.bitPattern) == samples.values.map(\.bitPattern))
        #expect(back.groups[0].samples.labels == [3, 9])
        #expect(back.groups[0].samples.sampleShape == [1, 1, 3])
        #expect(back.groups[1].samples.count == 0)
    }

    /// The stored text is base64 of each value's little-endian bit pattern, so entries cached
    /// by earlier versions still read: 1, −2, +∞ and a signalling NaN with a payload.
    @Test func samplesAreStoredAsBase64OfLittleEndianBitPatterns() throws {
        let values: [Float] = [1, -2, .infinity, Float(bitPattern: 0x7FA0_0001)]
        let json = try JSONEncoder().encode(SampleSet(values: values, labels: [0, 1], sampleShape: [2]))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["values"] as? String == "AACAPwAAAMAAAIB/AQCgfw==")
        let back = try JSONDecoder().decode(SampleSet.self, from: json)
        #expect(back.values.map(\.bitPattern) == [0x3F80_0000, 0xC000_0000, 0x7F80_0000, 0x7FA0_0001])
    }

    @Test func inconsistentSamplesAreRejectedNotTrapped() throws {
        let good = try JSONEncoder().encode(SampleSet(values: [1, 2, 3, 4], labels: [0, 1], sampleShape: [2]))
        var object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        object["labels"] = [0, 1, 2]
        let bad = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleSet.self, from: bad) }
        object["labels"] = [0, 1]
        object["values"] = "not base64!"
        let garbled = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleSet.self, from: garbled) }
    }

    @Test func glrStateWithoutConfigurationIsRejected() throws {
        let text = #"{"generators":[{"experience":0,"fit_seconds":1,"generator":"AAAA"}],"groups":[]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GLRStrategy.State.self, from: Data(text.utf8)) }
        let decoder = JSONDecoder()
        decoder.userInfo[.streamConfiguration] = StreamConfiguration()
        #expect(throws: DecodingError.self) { try decoder.decode(GLRStrategy.State.self, from: Data(text.utf8)) }
    }

    /// Each kind names its own type, so `StreamRunner.makeStrategy` builds the strategy the document asks for.
    @Test(arguments: StrategyKind.allCases)
    func kindNamesItsStrategyType(kind: StrategyKind) throws {
        var c = StreamConfiguration()
        c.strategy = kind
        #expect(try StreamRunner.makeStrategy(c).kind == kind)
        #expect(try kind.strategyType.init(configuration: c).kind == kind)
    }

    /// Sharing experience 0 is each strategy's declaration: every strategy run experience by
    /// experience declares it (their experience 0 is plain SGD), the offline joint does not.
    @Test func plainFirstExperienceComesFromTheDeclarations() {
        #expect(StreamRunner.plainFirstExperience == Set(StrategyKind.allCases.filter { !$0.isOffline }))
        #expect(!JointStrategy.firstExperienceIsPlainTraining)
        #expect(NaiveStrategy.firstExperienceIsPlainTraining && GLRStrategy.firstExperienceIsPlainTraining)
    }
}
