import Continual

/// Reading and writing a configuration's parameters by document name, as YAML values
/// (`RunParameter.all` declares them).
extension StreamConfiguration {
    /// Sets the parameter `name` from a value checked against `ParameterSchema.runKeys`.
    /// Unknown names and unconvertible values are ignored (the schema check comes first).
    public mutating func set(_ name: String, _ value: ParameterValue) {
        guard let parameter = RunParameter.named(name),
              let setting = parameter.setting(value, base: parameter.value(in: self)) else { return }
        parameter.set(setting, in: &self)
    }

    /// The value of the parameter `name` (`.null` for an unknown name or an unset optional).
    public func parameterValue(_ name: String) -> ParameterValue {
        RunParameter.named(name).map { ParameterValue($0.value(in: self)) } ?? .null
    }
}

extension RunParameter {
    /// The parameter's entry in the document schema.
    var schemaKey: SchemaKey { SchemaKey(name, ValueType(domain), default: ParameterValue(defaultValue).description, doc) }

    /// The setting a checked YAML value describes for this parameter, nil when it does not
    /// fit; a generator mapping fills its missing keys from `base`.
    func setting(_ value: ParameterValue, base: ParameterSetting) -> ParameterSetting? {
        switch (domain, value) {
        case (_, .null): return .null
        case (.integer, .int(let v)), (.optionalInteger, .int(let v)): return .int(v)
        case (.float, _): return value.number.map { .float(Float($0)) }
        case (.boolean, .bool(let b)): return .bool(b)
        case (.choice, .string(let s)), (.text, .string(let s)), (.permutationFile, .string(let s)): return .text(s)
        case (.generator, _):
            guard case .generator(let spec) = base else { return nil }
            return .generator(GeneratorValue.spec(value, base: spec))
        default: return nil
        }
    }
}

extension ParameterValue {
    /// A parameter's setting as YAML: floats as the Double of their shortest decimal text
    /// (0.01, not 0.009999999776…).
    public init(_ setting: ParameterSetting) {
        switch setting {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let v): self = .int(v)
        case .float(let f): self = .double(Double("\(f)") ?? Double(f))
        case .text(let s): self = .string(s)
        case .generator(let spec): self = GeneratorValue.value(spec)
        case .permutations(let list): self = .list(list.map { .list($0.map { .int($0) }) })
        }
    }
}

extension ValueType {
    /// The check of a parameter's domain.
    init(_ domain: ParameterDomain) {
        switch domain {
        case .integer(let minimum, let maximum): self = .integer(minimum: minimum, maximum: maximum)
        case .optionalInteger(let minimum, let maximum): self = .optionalInteger(minimum: minimum, maximum: maximum)
        case .float(let interval): self = .float(interval)
        case .boolean: self = .boolean
        case .choice(let words): self = .choice(words)
        case .text, .permutationFile: self = .text
        case .generator: self = .generator
        }
    }
}
