// The steps of a pass as `Sequential` runs them, one layer or one fused block each, for the
// per-step profile of `glr bench --profile`.

/// One step of a training pass: one layer, or a `ConvPoolBlock`'s three layers run as one.
public struct PassStep {
    /// The network's layers this step runs.
    public let layers: Range<Int>
    /// The layer's type, or the block's types joined by "+".
    public let name: String
    private let runForward: (Tensor) -> Tensor
    private let runBackward: (Tensor) -> Tensor

    /// The step's forward of a training pass.
    public func forward(_ input: Tensor) -> Tensor { runForward(input) }
    /// The step's backward (after its forward): the gradient of its input.
    public func backward(_ dOutput: Tensor) -> Tensor { runBackward(dOutput) }

    fileprivate init(layers: Range<Int>, name: String, forward: @escaping (Tensor) -> Tensor,
                     backward: @escaping (Tensor) -> Tensor) {
        self.layers = layers
        self.name = name
        runForward = forward
        runBackward = backward
    }
}

extension Sequential {
    /// The steps of a training pass over the whole network on the calling thread, in order:
    /// what `forward` and `backward` run, one call at a time.
    public var trainingSteps: [PassStep] {
        workers[0].steps(0..<layers.count, fusing: fusedBlocks(from: 0, to: layers.count)).map { step in
            switch step {
            case .layer(let i):
                let layer = layers[i]
                return PassStep(layers: i..<i + 1, name: String(describing: type(of: layer)),
                                forward: { Sequential.forward(layer, $0, training: true) },
                                backward: { layer.backward($0) })
            case .block(let block, let first):
                let names = [block.conv, block.pool, block.relu].map { String(describing: type(of: $0)) }
                return PassStep(layers: first..<first + 3, name: names.joined(separator: "+"),
                                forward: { block.forward($0, training: true) }, backward: { block.backward($0) })
            }
        }
    }
}
