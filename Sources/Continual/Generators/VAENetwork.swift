// The conditional VAE's networks and its ELBO with gradients. Legend: B = batch rows,
// D = data (backbone latent) dimension, C = classes of the experience, L = the VAE's code
// size, H = hidden width. Data are standardised latents x (B×D); y is a class index.
//
//   encoder  [x, onehot(y)] (B×(D+C)) → Linear → ReLU → Linear → [μ, log σ²_q] (B×2L)
//   code     z = μ + exp(½ log σ²_q) ⊙ ε,  ε ~ N(0, I)           (reparameterisation)
//   decoder  [z, onehot(y)] (B×(L+C)) → Linear → ReLU → Linear → m (B×D)
//   p(x | z, y) = N(m, diag σ²_y),  σ²_{y,j} = floor + exp(s_{y,j})   (s: C×D, learned)
//
//   ELBO = log p(x | z, y) − KL(q(z | x, y) ‖ p(z | y)),  p(z | y) = N(a_y, diag v_y)
//   (training: a = 0, v = 1; a kept generator: its class code prior, see ConditionalVAE)
//   log p(x | z, y) = −½ Σ_j [log 2π + log σ²_{y,j} + (x_j − m_j)² / σ²_{y,j}]
//   KL = ½ Σ_k [log v_k − log σ²_q,k + (exp(log σ²_q,k) + (μ_k − a_k)²) / v_k − 1]   (analytic)
//
// Training minimises the batch mean of −log p(x | z, y) + β·KL. Gradients:
//   ∂/∂m_j = −(x_j − m_j)/σ²;   ∂/∂s_j = ½ (1 − r_j²/σ²) · exp(s_j)/σ²  (r = x − m)
//   ∂/∂μ_k = ∂z_k + β (μ_k − a_k)/v_k
//   ∂/∂log σ²_q,k = ∂z_k · ε_k · ½ exp(½ log σ²_q,k) + ½ β (exp(log σ²_q,k)/v_k − 1)
// Sums over j and k run in Double in index order; exp and log are `ReferenceMath`'s.

import Engine

/// A diagonal Gaussian prior of the code per class, p(z | y = c) = N(means[c], diag variances[c]),
/// C×L each (row c for class index c).
public struct CodePrior: Codable, Hashable, Sendable {
    /// Means a_c, C×L.
    public var means: [Float]
    /// Variances v_c, C×L, positive.
    public var variances: [Float]

    /// A prior from its parts.
    public init(means: [Float], variances: [Float]) {
        self.means = means
        self.variances = variances
    }
}

/// The encoder, decoder and decoder variances of a conditional VAE, built on the engine's
/// `Linear` and `ReLU` layers; computes the ELBO of a batch and, on request, its gradients.
/// A class (its layers cache what backward needs): one per fit or per evaluation, never shared
/// between threads.
public final class VAENetwork {
    /// D, C, L, H (see the file header).
    public let dimension: Int, classCount: Int, latentSize: Int, hiddenWidth: Int
    /// The four layers, encoder then decoder.
    public let encoderHidden: Linear, encoderOut: Linear, decoderHidden: Linear, decoderOut: Linear
    let encoderReLU = ReLU(), decoderReLU = ReLU()
    /// s (C×D): the decoder's log-variance offsets, σ² = `varianceFloor` + exp(s).
    public let logVariance: Parameter

    /// The decoder variance's floor in standardised units (a thousandth of the data's variance).
    public static let varianceFloor = 1e-3
    private static let log2Pi = 1.8378770664093454835606594728112

    /// A freshly initialised network: the four Linear layers in encoder-then-decoder order from
    /// `rng` (PyTorch's default initialisation), s = 0.
    public init(dimension: Int, classCount: Int, latentSize: Int, hiddenWidth: Int, rng: inout RandomStream) {
        self.dimension = dimension
        self.classCount = classCount
        self.latentSize = latentSize
        self.hiddenWidth = hiddenWidth
        encoderHidden = Linear(inFeatures: dimension + classCount, outFeatures: hiddenWidth, rng: &rng)
        encoderOut = Linear(inFeatures: hiddenWidth, outFeatures: 2 * latentSize, rng: &rng)
        decoderHidden = Linear(inFeatures: latentSize + classCount, outFeatures: hiddenWidth, rng: &rng)
        decoderOut = Linear(inFeatures: hiddenWidth, outFeatures: dimension, rng: &rng)
        encoderHidden.computesInputGradient = false
        logVariance = Parameter(name: "log_variance", shape: [classCount, dimension],
                                value: [Float](repeating: 0, count: classCount * dimension))
    }

    /// A network holding `values` (in `parameters` order), e.g. a kept generator's.
    public convenience init(dimension: Int, classCount: Int, latentSize: Int, hiddenWidth: Int, values: [[Float]]) {
        var unused = RandomStream(seed: 0)
        self.init(dimension: dimension, classCount: classCount, latentSize: latentSize, hiddenWidth: hiddenWidth, rng: &unused)
        precondition(values.count == parameters.count, "VAENetwork needs \(parameters.count) arrays, got \(values.count)")
        for (p, v) in zip(parameters, values) {
            precondition(p.count == v.count, "VAENetwork: \(p.name) needs \(p.count) values, got \(v.count)")
            p.value = v
        }
    }

    /// Encoder weight and bias, encoder output weight and bias, the same for the decoder, then s.
    public var parameters: [Parameter] {
        [encoderHidden.weight, encoderHidden.bias, encoderOut.weight, encoderOut.bias,
         decoderHidden.weight, decoderHidden.bias, decoderOut.weight, decoderOut.bias, logVariance]
    }

    /// Element counts of `parameters` for a network of these sizes (for decoding and storage).
    static func parameterCounts(dimension d: Int, classCount c: Int, latentSize l: Int, hiddenWidth h: Int) -> [Int] {
        [h * (d + c), h, 2 * l * h, 2 * l, h * (l + c), h, d * h, d, c * d]
    }

    /// σ² and log σ² of the decoder, C×D, in Double.
    func decoderVariances() -> (variance: [Double], logVariance: [Double]) {
        var variance = [Double](repeating: 0, count: logVariance.count)
        var logs = variance
        for i in 0..<variance.count {
            variance[i] = VAENetwork.varianceFloor + ReferenceMath.exp(Double(logVariance.value[i]))
            logs[i] = ReferenceMath.log(variance[i])
        }
        return (variance, logs)
    }

    /// Rows of `values` (B×width) each followed by the one-hot code of its class: B×(width+C).
    private func withOneHot(_ values: [Float], width: Int, classIndex: [Int]) -> Tensor {
        let b = classIndex.count, c = classCount, w = width + c
        var out = [Float](repeating: 0, count: b * w)
        for i in 0..<b {
            for j in 0..<width { out[i * w + j] = values[i * width + j] }
            out[i * w + width + classIndex[i]] = 1
        }
        return Tensor(shape: [b, w], data: out)
    }

    /// The decoder means m (B×L codes `z` of classes `classIndex` → B×D).
    public func decode(_ z: [Float], classIndex: [Int]) -> [Float] {
        let input = withOneHot(z, width: latentSize, classIndex: classIndex)
        return decoderOut.forward(decoderReLU.forward(decoderHidden.forward(input))).data
    }

    /// The encoder's output for standardised rows `x` (B×D) of classes `classIndex`: per row
    /// μ (L values) then log σ²_q (L values), B×2L.
    public func encode(_ x: [Float], classIndex: [Int]) -> [Float] {
        encoderOut.forward(encoderReLU.forward(encoderHidden.forward(withOneHot(x, width: dimension, classIndex: classIndex)))).data
    }

    /// Per-row ELBO (β = 1), log p(x | z, y) − KL, of standardised rows `x`; see `terms`.
    public func elbo(_ x: [Float], classIndex: [Int], epsilon: [Float], prior: CodePrior? = nil, beta: Float = 1,
                     backward: Bool = false) -> [Double] {
        let t = terms(x, classIndex: classIndex, epsilon: epsilon, prior: prior, beta: beta, backward: backward)
        var result = t.reconstruction
        for i in 0..<result.count { result[i] -= t.kl[i] }
        return result
    }

    /// The ELBO's two terms per row, log p(x | z, y) and KL(q(z | x, y) ‖ p(z | y)), of
    /// standardised rows `x` (B×D) of classes `classIndex`, with the code drawn from the noise
    /// `epsilon` (B×L); the code prior is `prior`, or N(0, I) when nil. With `backward`,
    /// accumulates into the parameters' gradients the gradient of the batch mean of
    /// −log p(x | z, y) + β·KL.
    public func terms(_ x: [Float], classIndex: [Int], epsilon: [Float], prior: CodePrior? = nil, beta: Float = 1,
                      backward: Bool = false) -> (reconstruction: [Double], kl: [Double]) {
        let b = classIndex.count, d = dimension, l = latentSize
        precondition(x.count == b * d && epsilon.count == b * l, "VAENetwork.elbo: \(x.count) values, \(epsilon.count) noises for \(b) rows")
        precondition(prior.map { $0.means.count == classCount * l && $0.variances.count == classCount * l } ?? true,
                     "VAENetwork.terms: a code prior needs C×L means and variances")
        let encoded = encode(x, classIndex: classIndex)
        var z = [Float](repeating: 0, count: b * l)
        var codeStd = [Double](repeating: 0, count: b * l)
        var klTerm = [Double](repeating: 0, count: b)
        var reconstructionTerm = [Double](repeating: 0, count: b)
        let priorMean = { (i: Int, k: Int) -> Double in prior.map { Double($0.means[classIndex[i] * l + k]) } ?? 0 }
        let priorVariance = { (i: Int, k: Int) -> Double in prior.map { Double($0.variances[classIndex[i] * l + k]) } ?? 1 }
        for i in 0..<b {
            var kl = 0.0
            for k in 0..<l {
                let mu = Double(encoded[i * 2 * l + k]), logVar = Double(encoded[i * 2 * l + l + k])
                let std = ReferenceMath.exp(0.5 * logVar)
                codeStd[i * l + k] = std
                z[i * l + k] = Float(mu + std * Double(epsilon[i * l + k]))
                let a = priorMean(i, k), v = priorVariance(i, k)
                let logV = prior == nil ? 0 : ReferenceMath.log(v)
                kl += logV - logVar + (std * std + (mu - a) * (mu - a)) / v - 1
            }
            klTerm[i] = 0.5 * kl
        }
        let mean = decode(z, classIndex: classIndex)
        let (variance, logs) = decoderVariances()
        var dMean = backward ? [Float](repeating: 0, count: b * d) : []
        var dLogVariance = backward ? [Double](repeating: 0, count: logVariance.count) : []
        let scale = 1 / Double(b)
        for i in 0..<b {
            let row = classIndex[i] * d
            var reconstruction = 0.0
            for j in 0..<d {
                let r = Double(x[i * d + j]) - Double(mean[i * d + j])
                reconstruction += VAENetwork.log2Pi + logs[row + j] + r * r / variance[row + j]
                if backward {
                    dMean[i * d + j] = Float(-r / variance[row + j] * scale)
                    let expS = variance[row + j] - VAENetwork.varianceFloor
                    dLogVariance[row + j] += 0.5 * (1 - r * r / variance[row + j]) * expS / variance[row + j] * scale
                }
            }
            reconstructionTerm[i] = -0.5 * reconstruction
        }
        guard backward else { return (reconstructionTerm, klTerm) }
        logVariance.grad.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] += Float(dLogVariance[i]) }
        }
        let dDecoderInput = decoderHidden.backward(decoderReLU.backward(decoderOut.backward(Tensor(shape: [b, d], data: dMean)))).data
        var dEncoded = [Float](repeating: 0, count: b * 2 * l)
        let betaD = Double(beta)
        for i in 0..<b {
            for k in 0..<l {
                let dz = Double(dDecoderInput[i * (l + classCount) + k])
                let mu = Double(encoded[i * 2 * l + k]), std = codeStd[i * l + k]
                let a = priorMean(i, k), v = priorVariance(i, k)
                dEncoded[i * 2 * l + k] = Float(dz + betaD * (mu - a) / v * scale)
                dEncoded[i * 2 * l + l + k] = Float(dz * Double(epsilon[i * l + k]) * 0.5 * std + 0.5 * betaD * (std * std / v - 1) * scale)
            }
        }
        _ = encoderHidden.backward(encoderReLU.backward(encoderOut.backward(Tensor(shape: [b, 2 * l], data: dEncoded))))
        return (reconstructionTerm, klTerm)
    }
}
