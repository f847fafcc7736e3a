import Continual
import Foundation
import Pipeline
import Testing

/// Keys change with every result-affecting input and with nothing else.
@Suite struct CacheKeyTests {
    func plan(_ text: String, overrides: [String: String] = [:], fingerprint: String = "fp") throws -> Plan {
        try Planner().plan(try DocumentParser.parse(text: text, path: "k.md"), overrides: overrides, fingerprint: { _ in fingerprint })
    }

    static let document = """
    ```params
    seed: 5
    buffer_size: 6000
    experiences: 3
    ```

    ```run naive
    strategy: naive
    ```

    ```run glr
    strategy: glr
    ```

    ```table
    runs: [naive, glr]
    caption: First
    ```
    """

    @Test func runKeyFollowsParametersFingerprintAndEngineVersion() throws {
        var c = StreamConfiguration()
        c.strategy = .glr
        let base = CacheKey.run(c, datasetFingerprint: "a")
        #expect(base.count == 64)
        #expect(CacheKey.run(c, datasetFingerprint: "a") == base)
        #expect(CacheKey.run(c, datasetFingerprint: "b") != base)
        #expect(CacheKey.run(c, datasetFingerprint: "a", engineVersion: "other") != base)
        for change: (inout StreamConfiguration) -> Void in [{ $0.seed = 1 }, { $0.bufferSize = 600 }, { $0.learningRate = 0.02 },
                                                             { $0.experiences = 4 }, { $0.generator.covariance = .full },
                                                             { $0.trainSize = 100 }, { $0.resample = false }] {
            var d = c
            change(&d)
            #expect(CacheKey.run(d, datasetFingerprint: "a") != base)
        }
    }

    @Test func parametersAStrategyIgnoresDoNotChangeItsKey() throws {
        var naive = StreamConfiguration()
        naive.strategy = .naive
        var other = naive
        other.bufferSize = 17
        other.ewcLambda = 3
        other.generator.covariance = .full
        #expect(CacheKey.run(naive, datasetFingerprint: "a") == CacheKey.run(other, datasetFingerprint: "a"))
    }

    @Test func overrideChangesOnlyDependentRuns() throws {
        let before = try plan(Self.document)
        let after = try plan(Self.document, overrides: ["buffer_size": "600"])
        #expect(before.runs[0].key == after.runs[0].key)   // naive reads no buffer
        #expect(before.runs[1].key != after.runs[1].key)   // glr does
    }

    @Test func presentationKeysAreNotInKeys() throws {
        let a = try plan(Self.document)
        let b = try plan(Self.document.replacingOccurrences(of: "caption: First", with: "caption: Second\necho: false")
            .replacingOccurrences(of: "strategy: glr", with: "strategy: glr\necho: false"))
        #expect(a.runs.map(\.key) == b.runs.map(\.key))
        #expect(b.cells[2].echo == false)
    }

    @Test func digestIsSHA256OfSortedKeysJSONAndReadsNonFiniteNumbers() throws {
        struct Material: Encodable { var b = 1; var a = Double.nan }
        // {"a":"nan","b":1}: keys sorted, NaN as a string rather than a failed encoding.
        #expect(CacheKey.digest(Material()) == CacheKey.hex(Array(#"{"a":"nan","b":1}"#.utf8)))
        #expect(CacheKey.digest(Material(a: .infinity)) != CacheKey.digest(Material()))
    }

    @Test func sweepRunSharesKeyWithIdenticalRun() throws {
        let text = "```run a\nstrategy: replay\nbuffer_size: 600\n```\n\n```sweep s\nstrategy: replay\nvary: {buffer_size: [600, 700]}\n```\n"
        let p = try plan(text)
        #expect(p.runs[0].key == p.runs[1].key)
        #expect(p.runs[0].key != p.runs[2].key)
    }
}
