/// Reshapes N×C×H×W (or any N×…) to N×F with F = C·H·W, in row-major order (no copy).
public final class Flatten: Layer, EngineLayer {
    private var inputShape: [Int] = []

    /// A flatten layer (no parameters).
    public init() {}

    /// None.
    public var parameters: [Parameter] { [] }
    var computesInputGradient = true
    func makeReplica() -> EngineLayer { Flatten() }
    func sampleOutputShape(_ input: [Int]) -> [Int] { [input.reduce(1, *)] }

    /// N×… → N×F.
    public func forward(_ input: Tensor) -> Tensor {
        inputShape = input.shape
        return input.reshaped([input.batchSize, input.sampleCount])
    }

    /// N×F → the input's shape.
    public func backward(_ dOutput: Tensor) -> Tensor {
        precondition(dOutput.count == inputShape.reduce(1, *) && !inputShape.isEmpty,
                     "Flatten.backward expects \(inputShape.reduce(1, *)) elements (run forward first), got \(dOutput.shape)")
        return dOutput.reshaped(inputShape)
    }
}
