/// A layer with explicit forward and backward passes.
///
/// `forward` caches what `backward` needs; `backward` takes the gradient of the loss with
/// respect to the output, *accumulates* the parameter gradients (`Parameter.grad += ...`)
/// and returns the gradient with respect to the input. Call `backward` only after the
/// `forward` whose output it differentiates.
public protocol Layer: AnyObject {
    /// Output for a batch; caches what `backward` needs.
    func forward(_ input: Tensor) -> Tensor
    /// Accumulates parameter gradients and returns the gradient with respect to the input.
    func backward(_ dOutput: Tensor) -> Tensor
    /// The trainable tensors, in a fixed order (weight before bias).
    var parameters: [Parameter] { get }
}

/// What `Sequential` needs beyond `Layer` to split batches across worker threads and to
/// infer shapes: all of glr's layers conform.
protocol EngineLayer: Layer {
    /// Output sample shape (without N) for an input sample shape.
    func sampleOutputShape(_ input: [Int]) -> [Int]
    /// A copy with its own parameters (same values), gradients and workspaces.
    func makeReplica() -> EngineLayer
    /// When false, `backward` skips the input gradient (first layer of a network).
    var computesInputGradient: Bool { get set }
    /// Told before each forward pass whether a backward pass on the batch may follow.
    func prepareForward(training: Bool)
    /// Told after the backward pass of a training forward: drop the references to the batch's
    /// input kept for it, so the layer that produced that input overwrites its own buffer on the
    /// next batch instead of copying it (arrays are copy-on-write).
    func releaseKeptInput()
}

extension EngineLayer {
    /// Called by `Sequential` before each forward pass: `training` is true when a backward
    /// pass on the same batch may follow. Layers that keep more for it (Conv2D) override this.
    func prepareForward(training: Bool) {}

    /// Layers that keep no input (ReLU, MaxPool2D, Flatten) have nothing to release.
    func releaseKeptInput() {}
}
