/// One run parameter, declared once in `RunParameter.all`: its document key, accepted
/// values, documentation, role and field of `StreamConfiguration`. The document schema,
/// `--set`, `glr params --all`, the run, shared-start and examples keys and the options of
/// `glr stream` / `glr latents` are all derived from these declarations (docs/ARCHITECTURE.md).
public struct RunParameter: Sendable {
    /// The key in a document, e.g. `buffer_size`.
    public let name: String
    /// The values it accepts.
    public let domain: ParameterDomain
    /// One line of documentation.
    public let doc: String
    /// Which runs read it and which keys it enters.
    public let role: ParameterRole
    /// Whether a document may set it (false: the command line only).
    public let inDocuments: Bool
    /// The field's name in `StreamConfiguration` (from its key path), for the test that every
    /// stored field is declared exactly once.
    public let fieldName: String
    private let read: @Sendable (StreamConfiguration) -> ParameterSetting
    private let write: @Sendable (inout StreamConfiguration, ParameterSetting) -> Bool
    private let reset: @Sendable (inout StreamConfiguration) -> Void
    private let encode: @Sendable (StreamConfiguration, inout KeyedEncodingContainer<ParameterCodingKey>) throws -> Void
    private let decode: @Sendable (inout StreamConfiguration, KeyedDecodingContainer<ParameterCodingKey>) throws -> Void

    /// Declares the parameter `name`, stored in `field`.
    public init<Value: ParameterField & Codable>(_ name: String, _ field: WritableKeyPath<StreamConfiguration, Value> & Sendable,
                                       _ domain: ParameterDomain, role: ParameterRole, inDocuments: Bool = true, _ doc: String) {
        self.name = name
        self.domain = domain
        self.doc = doc
        self.role = role
        self.inDocuments = inDocuments
        fieldName = String(String(describing: field).split(separator: ".").last ?? "")
        read = { $0[keyPath: field].setting }
        write = { configuration, setting in
            guard let value = Value(setting: setting) else { return false }
            configuration[keyPath: field] = value
            return true
        }
        reset = { $0[keyPath: field] = StreamConfiguration()[keyPath: field] }
        let key = ParameterCodingKey(name)
        // As Swift's synthesised coding does: an unset optional is left out, and must be absent or null.
        encode = { configuration, container in
            let value = configuration[keyPath: field]
            if case .null = value.setting { return }
            try container.encode(value, forKey: key)
        }
        decode = { configuration, container in
            if let unset = Value(setting: .null) {
                configuration[keyPath: field] = try container.decodeIfPresent(Value.self, forKey: key) ?? unset
            } else {
                configuration[keyPath: field] = try container.decode(Value.self, forKey: key)
            }
        }
    }

    /// The command-line flag: the name with dashes, e.g. `--buffer-size`.
    public var flag: String { "--" + String(name.map { $0 == "_" ? "-" : $0 }) }

    /// The value in `configuration`.
    public func value(in configuration: StreamConfiguration) -> ParameterSetting { read(configuration) }

    /// Stores `setting` in `configuration`; false (and nothing changed) when it has the wrong type.
    @discardableResult
    public func set(_ setting: ParameterSetting, in configuration: inout StreamConfiguration) -> Bool { write(&configuration, setting) }

    /// The default value (`StreamConfiguration()`'s).
    public var defaultValue: ParameterSetting { read(StreamConfiguration()) }

    /// Whether a run of `configuration` reads this parameter (else it stays out of the run key).
    public func isRead(by configuration: StreamConfiguration) -> Bool {
        switch role {
        case .benchmark(let readers): return readers?.contains(configuration.benchmark) ?? true
        case .training, .strategyChoice: return true
        case .strategySetting(let readers): return readers.contains(configuration.strategy)
        }
    }

    /// Whether it builds the benchmark (it enters the examples key).
    public var buildsBenchmark: Bool { if case .benchmark = role { return true } else { return false } }

    /// Whether the state after the plain experience 0 depends on it (else the shared-start key resets it).
    public var shapesSharedStart: Bool {
        switch role {
        case .benchmark, .training: return true
        case .strategyChoice, .strategySetting: return false
        }
    }

    /// Encodes the field under the parameter's name.
    func encode(_ configuration: StreamConfiguration, to container: inout KeyedEncodingContainer<ParameterCodingKey>) throws {
        try encode(configuration, &container)
    }

    /// Decodes the field from the parameter's name.
    func decode(into configuration: inout StreamConfiguration, from container: KeyedDecodingContainer<ParameterCodingKey>) throws {
        try decode(&configuration, container)
    }

    /// Resets this parameter of `configuration` to the default.
    func resetToDefault(_ configuration: inout StreamConfiguration) { reset(&configuration) }

    /// The parameter named `name`, nil when none is.
    public static func named(_ name: String) -> RunParameter? { all.first { $0.name == name } }
}
