/// The settings of a `generator: {kind: vae, …}`: the size of the conditional VAE and how it is
/// trained. Part of `GeneratorSpec` (nil for mixtures, so mixtures' cache keys do not change).
public struct VAESettings: Codable, Hashable, Sendable {
    /// Dimension L of the VAE's own code z (the latent of the latent model).
    public var latentSize: Int
    /// Width H of the one hidden ReLU layer of the encoder and of the decoder.
    public var hiddenWidth: Int
    /// Passes over the experience's latents.
    public var epochs: Int
    /// Adam's step size.
    public var learningRate: Float
    /// Weight β of the KL term in the training objective (β = 1: the ELBO). Reported
    /// likelihoods always use β = 1, the bound.
    public var beta: Float

    /// Minibatch size of the VAE's training (fixed: not a document parameter).
    public static let batchSize = 128

    /// The defaults `glr params --all` lists: L = 16, H = 128, 10 epochs, lr 1e-3, β = 1.
    public init(latentSize: Int = 16, hiddenWidth: Int = 128, epochs: Int = 10, learningRate: Float = 1e-3, beta: Float = 1) {
        self.latentSize = latentSize
        self.hiddenWidth = hiddenWidth
        self.epochs = epochs
        self.learningRate = learningRate
        self.beta = beta
    }

    /// The defaults.
    public static let `default` = VAESettings()

    enum CodingKeys: String, CodingKey {
        case latentSize = "latent_size", hiddenWidth = "hidden_width", epochs, learningRate = "lr", beta
    }
}
