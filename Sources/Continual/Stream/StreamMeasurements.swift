/// Measurements a strategy takes after its experiences (`Strategy.observe`) that are not part
/// of the method: they go into the `StreamResult` unchanged and cost none of its seconds.
public struct StreamMeasurements: Codable, Sendable {
    /// Generator fidelity figures, one entry per experience (GLR).
    public var fidelity: GeneratorFidelity?
    /// A 2-D view of real and generated latents of the last experience (GLR).
    public var latentScatter: LatentScatter?

    /// No measurements.
    public init() {}
}
