import Continual
import Foundation
import Pipeline
import Testing

/// `generator: {kind: vae, …}` in documents: its keys, defaults and errors, and the guarantee
/// that adding it left every mixture's cache key as it was.
@Suite struct VAEGeneratorSchemaTests {
    static func doc(_ generator: String) -> String {
        "# V\n\n```params\nepochs: 1\nstrategy: glr\n```\n\n```run a\ngenerator: \(generator)\n```\n"
    }

    static func plan(_ text: String) throws -> Plan {
        try Planner().plan(try DocumentParser.parse(text: text, path: "v.md"), overrides: [:], fingerprint: { _ in "fp" })
    }

    static func message(_ text: String) -> String {
        do { return "planned \(try plan(text).runs.count) runs" } catch { return "\(error)" }
    }

    @Test func vaeKeysTakeDefaultsAndOverrides() throws {
        let spec = try Self.plan(Self.doc("{kind: vae, epochs: 3, beta: 0.5}")).runs[0].configuration.generator
        #expect(spec == GeneratorSpec.vae(VAESettings(latentSize: 16, hiddenWidth: 128, epochs: 3, learningRate: 1e-3, beta: 0.5)))
        let defaults = try Self.plan(Self.doc("{kind: vae}")).runs[0].configuration.generator
        #expect(defaults.vae == VAESettings.default)
        #expect(defaults.fittingVersion == ConditionalVAE.fittingVersion)
    }

    @Test func aRunCellRefinesTheVAEOfItsParams() throws {
        let text = "# V\n\n```params\nstrategy: glr\ngenerator: {kind: vae, hidden_width: 64}\n```\n\n```run a\ngenerator: {kind: vae, latent_size: 4}\n```\n\n```run b\ngenerator: {kind: gmm}\n```\n"
        let runs = try Self.plan(text).runs
        #expect(runs[0].configuration.generator.vae == VAESettings(latentSize: 4, hiddenWidth: 64))
        #expect(runs[1].configuration.generator == GeneratorSpec.default)
    }

    @Test(arguments: [
        ("{kind: vae, covariance: full}", "is a Gaussian-mixture setting"),
        ("{kind: gmm, latent_size: 4}", "is a VAE setting"),
        ("{latent_size: 4}", "is a VAE setting"),
        ("{kind: vae, epochs: 0}", "bad value for 'generator.epochs'"),
        ("{kind: vae, lr: 0}", "bad value for 'generator.lr'"),
        ("{kind: flow}", "bad value for 'generator.kind'"),
    ])
    func badMappingsAreLocatedErrors(generator: String, expected: String) {
        let message = Self.message(Self.doc(generator))
        #expect(message.contains("v.md:"), "\(message)")
        #expect(message.contains(expected), "\(message)")
    }

    @Test func paramsListingShowsTheVAEDefaults() {
        let expected = ParameterSchema.runKey("generator")!.type.expected
        for part in ["kind: vae", "latent_size: 16,", "hidden_width: 128,", "epochs: 10,", "lr: 0.001,", "beta: 1}"] {
            #expect(expected.contains(part), "\(expected)")
        }
    }

    /// The key of `permuted-glr[seed=43769]` as the committed glr-vs-baselines report recorded it
    /// (rendered before VAEs existed), recomputed from its configuration.
    @Test func committedMixtureRunKeepsItsRecordedKey() throws {
        let configuration = #"{"batch_size": 64, "benchmark": "permuted", "buffer_size": 6000, "dataset": "fashion-mnist", "epochs": 2, "ewc_lambda": 10, "experiences": 5, "freeze_depth": "conv3", "generator": {"components": {"fixed": {"_0": 10}}, "covariance": "diag", "kind": "gmm", "label": "class"}, "interpolation": "nearest", "lr": 0.01, "model": "cnn", "momentum": 0.9, "resample": true, "sampling": "even", "seed": 43769, "strategy": "glr", "weight_decay": 0.0005}"#
        let c = try JSONDecoder().decode(StreamConfiguration.self, from: Data(configuration.utf8))
        #expect(c.generator.vae == nil)
        let key = CacheKey.run(c, datasetFingerprint: "362ba1f5424f406d0db9c78b0e83db011b09c121c5c5f94ee5c077628f9adb5c", threading: nil)
        #expect(key == "42c502a9c910c1b13a4ce21d34b6c1d71120349522d3dfdb454acf0e57a0df15")
    }

    /// A mixture's encoding has exactly the fields it had before VAEs (no `vae` key), so the
    /// keys of existing GMM runs are unchanged; a VAE's key differs from the mixture's and
    /// follows its settings.
    @Test func mixtureKeysAreUnchangedAndVAEKeysFollowSettings() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(GeneratorSpec.default), as: UTF8.self)
        #expect(json == #"{"components":{"fixed":{"_0":10}},"covariance":"diag","kind":"gmm","label":"class"}"#)
        var gmm = StreamConfiguration()
        gmm.strategy = .glr
        var vae = gmm
        vae.generator = .vae()
        var smaller = gmm
        smaller.generator = .vae(VAESettings(hiddenWidth: 64))
        let keys = [gmm, vae, smaller].map { CacheKey.run($0, datasetFingerprint: "fp", threading: nil) }
        #expect(Set(keys).count == 3)
    }
}
