/// An extra loss term and its gradient, one array per parameter.
public struct Penalty {
    /// The term's value (added to the reported loss).
    public var loss: Double
    /// d(term)/dθ for each parameter, same layout as `Parameter.grad`.
    public var gradients: [[Float]]

    /// A penalty from its parts.
    public init(loss: Double, gradients: [[Float]]) {
        self.loss = loss
        self.gradients = gradients
    }
}
