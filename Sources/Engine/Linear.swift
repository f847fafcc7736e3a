// Fully connected layer. Legend: N = batch, I = in features, O = out features.
// Forward:  y (N×O) = x (N×I) · Wᵀ + b, W is O×I (PyTorch's layout).
// Backward: dW += dyᵀ · x;  db += Σₙ dy;  dx = dy · W.

/// A fully connected layer, input N×I, output N×O, weight O×I, bias O.
///
/// Initialised like PyTorch's `nn.Linear`: weight and bias from U(±1/√I).
public final class Linear: Layer, EngineLayer {
    /// The weight matrix, O×I.
    public let weight: Parameter
    /// The bias vector, O.
    public let bias: Parameter
    /// Input features I and output features O.
    public let inFeatures: Int, outFeatures: Int
    /// When false, `backward` skips dInput (returns zeros): set for a network's first layer.
    public var computesInputGradient = true

    private var inputCache: [Float] = []
    private var output: [Float] = []
    private var dInput: [Float] = []
    private var batch = 0
    private var dInputIsZero = false

    /// A layer mapping `inFeatures` to `outFeatures`; weight drawn before bias from `rng`.
    public init(inFeatures: Int, outFeatures: Int, rng: inout RandomStream) {
        precondition(inFeatures > 0 && outFeatures > 0, "Linear needs positive feature counts")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Parameter(name: "weight", shape: [outFeatures, inFeatures],
                           value: kaimingUniform(count: outFeatures * inFeatures, fanIn: inFeatures, rng: &rng))
        bias = Parameter(name: "bias", shape: [outFeatures],
                         value: kaimingUniform(count: outFeatures, fanIn: inFeatures, rng: &rng))
    }

    private init(copying other: Linear) {
        inFeatures = other.inFeatures
        outFeatures = other.outFeatures
        computesInputGradient = other.computesInputGradient
        weight = Parameter(name: "weight", shape: other.weight.shape, value: other.weight.value)
        bias = Parameter(name: "bias", shape: other.bias.shape, value: other.bias.value)
    }

    /// Weight, then bias.
    public var parameters: [Parameter] { [weight, bias] }

    func makeReplica() -> EngineLayer { Linear(copying: self) }

    func sampleOutputShape(_ input: [Int]) -> [Int] { [outFeatures] }

    func releaseKeptInput() {
        inputCache = []
        batch = 0
    }

    /// Input N×I (any shape whose trailing elements number I) → output N×O.
    public func forward(_ input: Tensor) -> Tensor {
        let n = input.batchSize
        precondition(input.count == n * inFeatures,
                     "Linear expects N×\(inFeatures) input, got \(input.shape); flatten images first")
        batch = n
        inputCache = input.data  // a reference, released after a network's backward
        resizeExactly(&output, n * outFeatures)
        let I = inFeatures, O = outFeatures
        inputCache.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { b in
                    output.withUnsafeMutableBufferPointer { y in
                        for i in 0..<n {
                            let row = y.baseAddress! + i * O
                            for o in 0..<O { row[o] = b[o] }
                        }
                        sgemm(transA: false, transB: true, m: n, n: O, k: I, alpha: 1,
                              a: x.baseAddress!, lda: I, b: w.baseAddress!, ldb: I,
                              beta: 1, c: y.baseAddress!, ldc: O)
                    }
                }
            }
        }
        return Tensor(shape: [n, O], data: output)
    }

    /// dOutput N×O → dInput N×I; accumulates weight and bias gradients.
    public func backward(_ dOutput: Tensor) -> Tensor {
        let n = batch
        precondition(n > 0, "Linear.backward called before forward: run forward on the batch first")
        precondition(dOutput.count == n * outFeatures,
                     "Linear.backward expects dOutput of \(n)×\(outFeatures), got \(dOutput.shape)")
        let I = inFeatures, O = outFeatures
        if dInput.count != n * I { dInputIsZero = false }
        resizeExactly(&dInput, n * I)
        let wantInput = computesInputGradient
        inputCache.withUnsafeBufferPointer { x in
            dOutput.data.withUnsafeBufferPointer { dy in
                weight.value.withUnsafeBufferPointer { w in
                    weight.grad.withUnsafeMutableBufferPointer { dw in
                        bias.grad.withUnsafeMutableBufferPointer { db in
                            dInput.withUnsafeMutableBufferPointer { dx in
                                sgemm(transA: true, transB: false, m: O, n: I, k: n, alpha: 1,
                                      a: dy.baseAddress!, lda: O, b: x.baseAddress!, ldb: I,
                                      beta: 1, c: dw.baseAddress!, ldc: I)
                                for i in 0..<n {
                                    let row = dy.baseAddress! + i * O
                                    for o in 0..<O { db[o] += row[o] }
                                }
                                if wantInput {
                                    sgemm(transA: false, transB: false, m: n, n: I, k: O, alpha: 1,
                                          a: dy.baseAddress!, lda: O, b: w.baseAddress!, ldb: I,
                                          beta: 0, c: dx.baseAddress!, ldc: I)
                                } else if !dInputIsZero {
                                    dx.update(repeating: 0)
                                }
                            }
                        }
                    }
                }
            }
        }
        dInputIsZero = !wantInput
        return Tensor(shape: [n, I], data: dInput)
    }
}
