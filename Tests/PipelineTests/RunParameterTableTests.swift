import Continual
import Data
import Foundation
import Pipeline
import Testing

/// The parameter table declares every field of `StreamConfiguration` once, and the keys
/// derived from it hold exactly what each run reads (docs/ARCHITECTURE.md, "How to add …").
@Suite struct RunParameterTableTests {
    /// A value of `parameter` other than its default.
    static func otherValue(_ parameter: RunParameter) -> ParameterSetting {
        switch (parameter.domain, parameter.defaultValue) {
        case (.integer(let minimum, _), .int(let v)), (.optionalInteger(let minimum, _), .int(let v)): return .int(v == minimum ? v + 1 : minimum)
        case (.optionalInteger(let minimum, _), _): return .int(minimum + 1)
        case (.float, .float(let v)): return .float(v == 0 ? 0.5 : v / 2)
        case (.boolean, .bool(let b)): return .bool(!b)
        case (.choice(let words), .text(let w)): return .text(words.first { $0 != w }!)
        case (.text, _): return .text("/elsewhere")
        case (.generator, _): return .generator(GeneratorSpec(covariance: .full, components: .bic([1, 2])))
        case (.permutationFile, _): return .permutations([[1, 0]])
        default: Issue.record("no other value for \(parameter.name)"); return parameter.defaultValue
        }
    }

    /// `base` with `parameter` set to another value.
    static func changed(_ base: StreamConfiguration, _ parameter: RunParameter) -> StreamConfiguration {
        var c = base
        #expect(parameter.set(otherValue(parameter), in: &c), "\(parameter.name)")
        #expect(c != base, "\(parameter.name)")
        return c
    }

    @Test func everyStoredFieldIsDeclaredExactlyOnce() throws {
        let fields = Mirror(reflecting: StreamConfiguration()).children.compactMap(\.label)
        let declared = RunParameter.all.map(\.fieldName)
        #expect(declared.sorted() == fields.sorted())
        #expect(Set(declared).count == declared.count)
        // The coding keys (what a cache key encodes) are the declared names.
        var full = StreamConfiguration()
        full.trainSize = 1; full.testSize = 1; full.window = 1; full.permutations = [[0]]
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(full)) as! [String: Any]
        #expect(Set(object.keys) == Set(RunParameter.all.map(\.name)))
        #expect(Set(RunParameter.all.map(\.name)).count == RunParameter.all.count)
        #expect(Set(RunParameter.all.map(\.flag)).count == RunParameter.all.count)
    }

    @Test func codingFollowsTheTableAsTheSynthesisedCodingDid() throws {
        var c = StreamConfiguration()
        for parameter in RunParameter.all { c = Self.changed(c, parameter) }
        #expect(try JSONDecoder().decode(StreamConfiguration.self, from: JSONEncoder().encode(c)) == c)
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(StreamConfiguration())) as! [String: Any]
        #expect(defaults["train_size"] == nil && defaults["permutations"] == nil)  // unset optionals are left out
        var record = defaults
        record["train_size"] = NSNull()
        let decoded = try JSONDecoder().decode(StreamConfiguration.self, from: JSONSerialization.data(withJSONObject: record))
        #expect(decoded == StreamConfiguration())
        record["seed"] = nil
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(StreamConfiguration.self, from: JSONSerialization.data(withJSONObject: record)) }
    }

    @Test func everyDeclarationReadsAndWritesItsOwnField() {
        for parameter in RunParameter.all {
            let c = Self.changed(StreamConfiguration(), parameter)
            for other in RunParameter.all where other.name != parameter.name {
                #expect(other.value(in: c) == other.defaultValue, "setting \(parameter.name) changed \(other.name)")
            }
        }
    }

    /// Which strategy settings each strategy reads, written out from the strategies' code
    /// (independently of the table), so that a wrong role in the table fails here.
    static let settingsRead: [StrategyKind: Set<String>] = [
        .naive: [], .joint: [], .cumulative: [],
        .replay: ["buffer_size", "sampling", "window"],
        .ewc: ["ewc_lambda"],
        .latentReplay: ["buffer_size", "sampling", "window", "freeze_depth"],
        .glr: ["buffer_size", "sampling", "window", "freeze_depth", "resample", "generator"],
    ]
    static let strategySettings: Set<String> = ["buffer_size", "sampling", "window", "ewc_lambda", "freeze_depth", "resample", "generator"]

    @Test(arguments: StrategyKind.allCases)
    func aRunKeyChangesExactlyWithWhatItsStrategyReads(strategy: StrategyKind) {
        var base = StreamConfiguration()
        base.strategy = strategy
        let key = CacheKey.run(base, datasetFingerprint: "fp", threading: nil)
        for parameter in RunParameter.all where parameter.name != "strategy" {
            let changed = CacheKey.run(Self.changed(base, parameter), datasetFingerprint: "fp", threading: nil)
            let reads = !Self.strategySettings.contains(parameter.name) || Self.settingsRead[strategy]!.contains(parameter.name)
            // The benchmark-specific parameters are read by their benchmark only.
            let benchmarkReads = parameter.name == "permutations" ? false : true
            #expect((changed != key) == (reads && benchmarkReads), "\(strategy.rawValue): \(parameter.name)")
        }
    }

    @Test func benchmarkSpecificParametersChangeOnlyTheirBenchmarksKeys() throws {
        for benchmark in BenchmarkKind.allCases {
            var base = StreamConfiguration()
            base.benchmark = benchmark
            let key = CacheKey.run(base, datasetFingerprint: "fp", threading: nil)
            for (name, reader) in [("interpolation", BenchmarkKind.rotated), ("permutations", .permuted)] {
                let parameter = try #require(RunParameter.named(name))
                let changed = CacheKey.run(Self.changed(base, parameter), datasetFingerprint: "fp", threading: nil)
                #expect((changed != key) == (benchmark == reader), "\(benchmark.rawValue): \(name)")
            }
        }
    }

    @Test func sharedStartKeyResetsTheStrategyAndItsSettingsOnly() {
        let base = StreamConfiguration()
        let key = StreamRunner.sharedStartKey(base)
        for parameter in RunParameter.all {
            let resets = parameter.name == "strategy" || Self.strategySettings.contains(parameter.name)
            #expect((StreamRunner.sharedStartKey(Self.changed(base, parameter)) == key) == resets, "\(parameter.name)")
        }
    }

    @Test func examplesKeyHoldsWhatBuildsTheBenchmarkOnly() {
        let builders: Set<String> = ["benchmark", "dataset", "experiences", "seed", "train_size", "test_size", "interpolation", "permutations"]
        let key = CacheKey.examples(StreamConfiguration(), datasetFingerprint: "fp")
        for parameter in RunParameter.all {
            let changed = CacheKey.examples(Self.changed(StreamConfiguration(), parameter), datasetFingerprint: "fp")
            #expect((changed != key) == builders.contains(parameter.name), "\(parameter.name)")
        }
    }

    /// The pre-table key material, written out: the derived keys must stay byte-identical.
    @Test func derivedKeysEqualTheHandWrittenOnes() {
        var c = StreamConfiguration()
        c.strategy = .replay; c.bufferSize = 600; c.ewcLambda = 3; c.generator.covariance = .full; c.benchmark = .permuted
        c.interpolation = .bilinear; c.trainSize = 100
        var expected = c
        expected.ewcLambda = 10; expected.generator = .default; expected.interpolation = .nearest
        #expect(c.resultRelevant == expected)
        var start = c
        start.strategy = .naive; start.bufferSize = 6000; start.ewcLambda = 10; start.generator = .default
        #expect(StreamRunner.sharedStartConfiguration(c) == start)
        var examples = StreamConfiguration()
        examples.benchmark = .permuted; examples.trainSize = 100; examples.interpolation = .bilinear
        #expect(c.benchmarkOnly == examples)
    }

    @Test func documentSchemaAndSetAreDerivedFromTheTable() throws {
        #expect(ParameterSchema.runKeys.map(\.name) == RunParameter.all.filter(\.inDocuments).map(\.name))
        #expect(ParameterSchema.runKey("permutations") == nil)
        let d = StreamConfiguration()
        #expect(ParameterSchema.runKey("lr")!.defaultText == "0.01")
        #expect(ParameterSchema.runKey("train_size")!.defaultText == "null")
        for key in ParameterSchema.runKeys {
            #expect(d.parameterValue(key.name).description == key.defaultText, "\(key.name)")
            var c = d
            c.set(key.name, ParameterValue(Self.otherValue(try #require(RunParameter.named(key.name)))))
            #expect(c != d, "set(\(key.name))")
        }
        var c = d
        c.set("generator", .map([ParameterEntry(key: "covariance", value: .string("full"))]))
        #expect(c.generator.covariance == .full && c.generator.components == d.generator.components)
        c.set("seed", .int(-1))
        #expect(c.seed == d.seed)
        #expect(d.parameterValue("no_such_parameter") == .null)
    }
}
