import Engine
import Foundation

/// A generator fitted on one experience's latents (GLR).
public struct StoredGenerator: Codable, Sendable {
    /// The experience whose latents it was fitted on.
    public var experience: Int
    /// The fitted generator.
    public var generator: any LatentGenerator
    /// Seconds the fit took.
    public var fitSeconds: Double

    /// A stored generator from its parts.
    public init(experience: Int, generator: any LatentGenerator, fitSeconds: Double) {
        self.experience = experience
        self.generator = generator
        self.fitSeconds = fitSeconds
    }

    enum CodingKeys: String, CodingKey { case experience, fitSeconds = "fit_seconds", generator }

    /// Writes the generator as base64 of `LatentGenerator.encoded()`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(experience, forKey: .experience)
        try c.encode(fitSeconds, forKey: .fitSeconds)
        try c.encode(Data(generator.encoded()).base64EncodedString(), forKey: .generator)
    }

    /// Reads what `encode(to:)` wrote, decoding the generator with the run's
    /// `GeneratorSpec` (the decoder's `userInfo[.streamConfiguration]`).
    /// - Throws: `DecodingError.dataCorrupted` when the configuration is missing or the
    ///   generator's bytes do not decode.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experience = try c.decode(Int.self, forKey: .experience)
        fitSeconds = try c.decode(Double.self, forKey: .fitSeconds)
        guard let configuration = decoder.userInfo[.streamConfiguration] as? StreamConfiguration else {
            throw DecodingError.dataCorruptedError(forKey: .generator, in: c, debugDescription: "no run configuration to decode the generator with")
        }
        guard let data = Data(base64Encoded: try c.decode(String.self, forKey: .generator)) else {
            throw DecodingError.dataCorruptedError(forKey: .generator, in: c, debugDescription: "the generator is not base64")
        }
        do { generator = try configuration.generator.decode([UInt8](data)) } catch {
            throw DecodingError.dataCorruptedError(forKey: .generator, in: c, debugDescription: "\(error)")
        }
    }
}
