/// EWC's state for one finished experience: θ* and the diagonal Fisher importance F, one
/// array per network parameter (in `Sequential.parameters` order).
public struct EWCAnchor: Sendable {
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
}
