/// The gradient of an extra loss term, one array per parameter, which the runner adds to the
/// network's gradients at every training step. The term's value is not part of it: nothing
/// reads it (the stream reports evaluation losses, not training losses).
public struct Penalty {
    /// d(term)/dθ for each parameter, same layout as `Parameter.grad`.
    public var gradients: [[Float]]

    /// A penalty from its gradients.
    public init(gradients: [[Float]]) {
        self.gradients = gradients
    }
}
