/// EWC's state for one finished experience: θ* and the diagonal Fisher importance F, one
/// array per network parameter (in `Sequential.parameters` order).
public struct EWCAnchor: Codable, Sendable {
    /// The experience it was computed on.
    public var experience: Int
    /// θ*: parameter values when the experience ended.
    public var optimum: [[Float]]
    /// F: mean over minibatches of the squared minibatch gradient.
    public var importance: [[Float]]

    /// An anchor from its parts.
    public init(experience: Int, optimum: [[Float]], importance: [[Float]]) {
        self.experience = experience
        self.optimum = optimum
        self.importance = importance
    }

    enum CodingKeys: String, CodingKey { case experience, optimum, importance }

    /// Writes the arrays exactly (`ExactFloats`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(experience, forKey: .experience)
        try c.encode(optimum.map(ExactFloats.text), forKey: .optimum)
        try c.encode(importance.map(ExactFloats.text), forKey: .importance)
    }

    /// Reads what `encode(to:)` wrote.
    /// - Throws: `DecodingError.dataCorrupted` when an array is not exact Floats or the two
    ///   lists differ in shape.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experience = try c.decode(Int.self, forKey: .experience)
        optimum = try ExactFloats.decodeList(c, .optimum)
        importance = try ExactFloats.decodeList(c, .importance)
        guard optimum.map(\.count) == importance.map(\.count) else {
            throw DecodingError.dataCorruptedError(forKey: .importance, in: c, debugDescription: "θ* and F differ in shape")
        }
    }
}
