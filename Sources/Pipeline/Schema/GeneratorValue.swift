import Continual

/// Checks and converts the `generator:` mapping: `kind`, then the keys of that kind (mixtures:
/// covariance, components_per_class, label; VAEs: `vaeKeys`).
enum GeneratorValue {
    static let subkeys: [String: ValueType] = [
        "kind": .choice(GeneratorSpec.kinds),
        "covariance": .choice(GeneratorSpec.Covariance.allCases.map(\.rawValue)),
        "label": .choice(GeneratorSpec.LabelScheme.allCases.map(\.rawValue)),
    ].merging(vaeKeys.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
    /// Keys of a Gaussian mixture (`kind: gmm`).
    static let mixtureKeys = ["covariance", "components_per_class", "label"]
    static let order = ["kind"] + mixtureKeys + vaeKeys.map(\.name)

    /// Keys of a conditional VAE (`kind: vae`), with their defaults (`VAESettings.default`) and
    /// meanings; `glr params --all` lists them through `ValueType.generator.expected`.
    static let vaeKeys: [(name: String, type: ValueType, defaultValue: String, doc: String)] = {
        let d = VAESettings.default
        func decimal(_ value: Float) -> String { (Double("\(value)") ?? Double(value)).formatted }
        return [
            ("latent_size", .integer(minimum: 1, maximum: 1_024), "\(d.latentSize)", "size of the VAE's code"),
            ("hidden_width", .integer(minimum: 1, maximum: 4_096), "\(d.hiddenWidth)", "width of the encoder's and decoder's hidden layer"),
            ("epochs", .integer(minimum: 1, maximum: ParameterLimits.maxEpochs), "\(d.epochs)", "training epochs over the experience's latents"),
            ("lr", .float(FloatInterval(lower: 0, lowerOpen: true)), decimal(d.learningRate), "Adam's learning rate"),
            ("beta", .float(FloatInterval(lower: 0)), decimal(d.beta), "weight of the KL term in training (reported ELBOs use 1)"),
        ]
    }()

    /// The generator mapping's description with every default, for errors and `glr params --all`.
    static var expected: String {
        "{kind: gmm, covariance: diag|full|spherical, components_per_class: N|bic|[N, ...], label: class|component} or {kind: vae, "
            + vaeKeys.map { "\($0.name): \($0.defaultValue)" }.joined(separator: ", ") + "} ("
            + vaeKeys.map { "\($0.name): \($0.doc)" }.joined(separator: "; ") + ")"
    }

    /// A checked generator mapping, keys in canonical order.
    static func check(_ located: LocatedValue, key: String, cell: String) throws -> ParameterValue {
        guard case .map = located.value else {
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "'\(located.value)' is not a mapping",
                                         expected: ValueType.generator.expected)
        }
        var checked: [String: ParameterValue] = [:]
        let kind = located.entries.first { $0.key == "kind" }.flatMap { entry -> String? in
            if case .string(let k) = entry.value.value { return k } else { return nil }
        }
        for entry in located.entries {
            let isVAEKey = vaeKeys.contains { $0.name == entry.key }
            if isVAEKey && kind != "vae" {
                throw DocumentError.badValue(entry.keyLocation, cell: cell, key: "\(key).\(entry.key)",
                                             problem: "`\(entry.key)` is a VAE setting", expected: "kind: vae in the same mapping")
            }
            if mixtureKeys.contains(entry.key) && kind == "vae" {
                throw DocumentError.badValue(entry.keyLocation, cell: cell, key: "\(key).\(entry.key)",
                                             problem: "`\(entry.key)` is a Gaussian-mixture setting", expected: "kind: gmm, or the VAE's keys")
            }
            let subkey = "\(key).\(entry.key)"
            if entry.key == "components_per_class" {
                checked[entry.key] = try components(entry.value, key: subkey, cell: cell)
            } else if let type = subkeys[entry.key] {
                checked[entry.key] = try type.check(entry.value, key: subkey, cell: cell)
            } else {
                throw DocumentError.unknownKey(entry.keyLocation, cell: cell, key: subkey,
                                               suggestion: EditDistance.suggestion(for: entry.key, among: order).map { "\(key).\($0)" })
            }
        }
        return .map(order.compactMap { k in checked[k].map { ParameterEntry(key: k, value: $0) } })
    }

    private static func components(_ located: LocatedValue, key: String, cell: String) throws -> ParameterValue {
        let top = ParameterLimits.maxComponents
        let expected = "a number in 1...\(top), `bic`, or a list of candidate numbers for BIC"
        func fits(_ value: ParameterValue) -> Bool { if case .int(let n) = value { return n >= 1 && n <= top } else { return false } }
        switch located.value {
        case .int where fits(located.value): return located.value
        case .string("bic"): return located.value
        case .list(let items) where !items.isEmpty && items.allSatisfy(fits):
            return located.value
        case .int(let n) where n > top:
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "\(n) is above the maximum of \(top)", expected: expected)
        default:
            throw DocumentError.badValue(located.location, cell: cell, key: key, problem: "'\(located.value)' is not accepted", expected: expected)
        }
    }

    /// The specification a checked mapping describes: keys missing take `base`'s values when
    /// it is of the same kind, else the defaults.
    static func spec(_ value: ParameterValue, base: GeneratorSpec = .default) -> GeneratorSpec {
        var spec = base
        if case .string(let k) = value["kind"] ?? .null, k != base.kind {
            spec = k == "vae" ? .vae() : GeneratorSpec(kind: k)
        }
        if spec.kind == "vae" {
            var settings = spec.vae ?? .default
            func int(_ key: String) -> Int? { if case .int(let n) = value[key] ?? .null { return n } else { return nil } }
            func float(_ key: String) -> Float? { value[key]?.number.map { Float($0) } }
            if let n = int("latent_size") { settings.latentSize = n }
            if let n = int("hidden_width") { settings.hiddenWidth = n }
            if let n = int("epochs") { settings.epochs = n }
            if let x = float("lr") { settings.learningRate = x }
            if let x = float("beta") { settings.beta = x }
            spec.vae = settings
            return spec
        }
        if case .string(let c) = value["covariance"] ?? .null, let cov = GeneratorSpec.Covariance(rawValue: c) { spec.covariance = cov }
        if case .string(let l) = value["label"] ?? .null, let label = GeneratorSpec.LabelScheme(rawValue: l) { spec.label = label }
        switch value["components_per_class"] {
        case .int(let n): spec.components = .fixed(n)
        case .string("bic"): spec.components = .bic(ParameterSchema.defaultBICCandidates)
        case .list(let items): spec.components = .bic(items.compactMap { if case .int(let n) = $0 { return n } else { return nil } })
        default: break
        }
        return spec
    }

    /// The mapping describing a specification.
    static func value(_ spec: GeneratorSpec) -> ParameterValue {
        if spec.kind == "vae" {
            let s = spec.vae ?? .default
            return .map([
                ParameterEntry(key: "kind", value: .string(spec.kind)),
                ParameterEntry(key: "latent_size", value: .int(s.latentSize)),
                ParameterEntry(key: "hidden_width", value: .int(s.hiddenWidth)),
                ParameterEntry(key: "epochs", value: .int(s.epochs)),
                ParameterEntry(key: "lr", value: .double(Double("\(s.learningRate)") ?? Double(s.learningRate))),
                ParameterEntry(key: "beta", value: .double(Double("\(s.beta)") ?? Double(s.beta))),
            ])
        }
        let components: ParameterValue
        switch spec.components {
        case .fixed(let n): components = .int(n)
        case .bic(let list): components = .list(list.map { .int($0) })
        }
        return .map([
            ParameterEntry(key: "kind", value: .string(spec.kind)),
            ParameterEntry(key: "covariance", value: .string(spec.covariance.rawValue)),
            ParameterEntry(key: "components_per_class", value: components),
            ParameterEntry(key: "label", value: .string(spec.label.rawValue)),
        ])
    }
}
