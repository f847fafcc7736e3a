import Engine

/// A generator fitted on one experience's latents (GLR).
public struct StoredGenerator: Sendable {
    /// The experience whose latents it was fitted on.
    public var experience: Int
    /// The fitted generator.
    public var generator: any LatentGenerator
    /// Seconds the fit took (0 after a resume).
    public var fitSeconds: Double

    /// A stored generator from its parts.
    public init(experience: Int, generator: any LatentGenerator, fitSeconds: Double) {
        self.experience = experience
        self.generator = generator
        self.fitSeconds = fitSeconds
    }
}
