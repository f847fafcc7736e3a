/// A configuration is coded as the parameter table says: each field under its document
/// name, an unset optional left out (exactly as the synthesised coding with those keys did,
/// so cache keys and stored records are unchanged).
extension StreamConfiguration {
    /// Encodes every declared parameter under its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ParameterCodingKey.self)
        for parameter in RunParameter.all { try parameter.encode(self, to: &container) }
    }

    /// Decodes every declared parameter from its name; a required one that is missing throws.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: ParameterCodingKey.self)
        for parameter in RunParameter.all { try parameter.decode(into: &self, from: container) }
    }
}

/// A run parameter's name as a coding key.
public struct ParameterCodingKey: CodingKey, Sendable {
    /// The parameter's document name.
    public let stringValue: String
    /// Always nil: parameters are named.
    public var intValue: Int? { nil }

    /// The key of the parameter `name`.
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
