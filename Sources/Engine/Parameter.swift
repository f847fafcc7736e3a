/// A trainable tensor with its gradient (accumulated by `backward`, cleared by `zeroGrad`).
///
/// A class so that layers, optimisers and networks share one instance. `name` is local to
/// the layer ("weight", "bias"); `Sequential.namedParameters` qualifies it with the layer
/// index, as PyTorch's `state_dict` does ("0.weight").
public final class Parameter {
    /// Local name within the layer ("weight" or "bias").
    public let name: String
    /// Dimensions, e.g. [out, in] for a Linear weight, [Cout, Cin, kh, kw] for a Conv2D weight.
    public let shape: [Int]
    /// Current values, row-major.
    public var value: [Float]
    /// Gradient of the loss with respect to `value`, same layout.
    public var grad: [Float]

    /// A parameter with initial values; the gradient starts at zero.
    public init(name: String, shape: [Int], value: [Float]) {
        precondition(shape.reduce(1, *) == value.count,
                     "Parameter \(name) of shape \(shape) needs \(shape.reduce(1, *)) values, got \(value.count)")
        self.name = name
        self.shape = shape
        self.value = value
        self.grad = [Float](repeating: 0, count: value.count)
    }

    /// Number of elements.
    public var count: Int { value.count }

    /// Sets every gradient element to zero.
    public func zeroGrad() {
        grad.withUnsafeMutableBufferPointer { g in
            g.update(repeating: 0)
        }
    }
}
