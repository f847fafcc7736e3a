// Named networks. The reference CNN (the paper's design at MNIST scale, README.md):
//   0 conv 1→16 3×3 pad 1, 1 ReLU, 2 max-pool 2       → 16×14×14
//   3 conv 16→32 3×3 pad 1, 4 ReLU, 5 max-pool 2      → 32×7×7   (freeze depth conv2: 6)
//   6 conv 32→32 3×3 pad 1, 7 ReLU, 8 max-pool 2, 9 flatten → 288 (latent; conv3: 10)
//   10 Linear 288→64, 11 ReLU                          → 64       (head1: 12)
//   12 Linear 64→32, 13 ReLU, 14 Linear 32→10
// Layer indices match PyTorch's nn.Sequential in the peer's model_def.py, except that each
// block runs max-pool before ReLU: max(relu(a), relu(b)) = relu(max(a, b)) exactly, and the
// gradients agree too (the ReLU mask of the window maximum), so the network computes the
// same function while ReLU touches a 4× smaller tensor. Block boundaries (3, 6, 9, 10, 12)
// and parameter names ("0.weight", "3.weight", ...) are unchanged.

extension Sequential {
    /// The reference CNN for 1×28×28 inputs and 10 classes, latent after conv3 + flatten
    /// (288-d). Parameters are drawn from `rng` layer by layer, weight before bias.
    public static func referenceCNN(rng: inout RandomStream, classes: Int = 10) -> Sequential {
        let layers: [Layer] = [
            Conv2D(inChannels: 1, outChannels: 16, kernelSize: 3, padding: 1, rng: &rng), MaxPool2D(kernelSize: 2), ReLU(),
            Conv2D(inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1, rng: &rng), MaxPool2D(kernelSize: 2), ReLU(),
            Conv2D(inChannels: 32, outChannels: 32, kernelSize: 3, padding: 1, rng: &rng), MaxPool2D(kernelSize: 2), ReLU(),
            Flatten(),
            Linear(inFeatures: 288, outFeatures: 64, rng: &rng), ReLU(),
            Linear(inFeatures: 64, outFeatures: 32, rng: &rng), ReLU(),
            Linear(inFeatures: 32, outFeatures: classes, rng: &rng),
        ]
        let net = Sequential(layers: layers, latentIndex: 10, inputShape: [1, 28, 28])
        net.freezeIndices = [.conv2: 6, .conv3: 10, .head1: 12]
        return net
    }

    /// A multilayer perceptron: Flatten, then Linear + ReLU per hidden size, then a Linear
    /// to `classes`. The latent layer is the output of the last hidden ReLU (or the
    /// flattened input when `hidden` is empty).
    public static func mlp(inputSize: Int, hidden: [Int], classes: Int, rng: inout RandomStream) -> Sequential {
        var layers: [Layer] = [Flatten()]
        var width = inputSize
        for h in hidden {
            layers.append(Linear(inFeatures: width, outFeatures: h, rng: &rng))
            layers.append(ReLU())
            width = h
        }
        layers.append(Linear(inFeatures: width, outFeatures: classes, rng: &rng))
        let net = Sequential(layers: layers, latentIndex: layers.count - 1, inputShape: [inputSize])
        let firstHidden = hidden.isEmpty ? 1 : 3
        net.freezeIndices = [.conv2: layers.count - 1, .conv3: layers.count - 1, .head1: firstHidden]
        return net
    }
}
