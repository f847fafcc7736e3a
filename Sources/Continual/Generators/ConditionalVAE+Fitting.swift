// Fitting a conditional VAE to one experience's labelled latents with the engine's Adam.
// N = rows, D = latent dimension, C = classes, L = code size.

import Engine

extension ConditionalVAE {
    /// The version of the VAE's fitting that GLR run keys carry: bump it whenever a change to
    /// the VAE's model or training changes its numbers.
    public static let fittingVersion = "glr-vae-1"

    /// What a fit returns: the generator and the mean training ELBO (β = 1, per sample, on the
    /// standardised latents' scale plus the log-scale term, i.e. for z) of each epoch.
    public struct Fit: Sendable {
        /// The fitted generator.
        public var generator: ConditionalVAE
        /// Mean ELBO per sample over each epoch's minibatches, in epoch order.
        public var elboTrace: [Double]
    }

    /// Fits a conditional VAE to `latents` (N×D) labelled `labels` (N).
    ///
    /// Standardises the latents (see `ConditionalVAE`), initialises the network from
    /// `rng.derived("init")` and the decoder's variances at each class's variances
    /// (`initialLogVariances`), then runs `settings.epochs` epochs of Adam (lr from the settings)
    /// on minibatches of `VAESettings.batchSize` rows in the order of
    /// `rng.derived("shuffle").derived(epoch).permutation(N)`, the code noise of each
    /// minibatch from `rng.derived("noise").derived(epoch)` (B·L normals, row by row), and
    /// minimises −log p(x | z, y) + β·KL. The evaluation seed is the first word of
    /// `rng.derived("evaluation")`. Single-threaded; bit-identical for the same inputs.
    /// - Throws: `GeneratorError.shapeMismatch` / `.emptyData` for bad input,
    ///   `.invalidSettings` for non-positive sizes.
    public static func fit(latents: [Float], labels: [Int32], dimension d: Int, settings: VAESettings, rng: RandomStream) throws -> Fit {
        guard d > 0, latents.count == labels.count * d else {
            throw GeneratorError.shapeMismatch(latentCount: latents.count, labelCount: labels.count, dimension: d)
        }
        guard !labels.isEmpty else { throw GeneratorError.emptyData }
        guard settings.latentSize > 0, settings.hiddenWidth > 0, settings.epochs > 0, settings.learningRate > 0, settings.beta >= 0 else {
            throw GeneratorError.invalidSettings("latent_size, hidden_width, epochs and lr must be positive and beta non-negative; got \(settings)")
        }
        let n = labels.count
        let classes = Array(Set(labels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let classIndex = labels.map { index[$0]! }
        var counts = [Int](repeating: 0, count: classes.count)
        for c in classIndex { counts[c] += 1 }
        let priors = counts.map { Double(Float(Double($0) / Double(n))) }
        let (shift, scale) = standardisation(latents, rows: n, dimension: d)

        var initRng = rng.derived("init")
        let net = VAENetwork(dimension: d, classCount: classes.count, latentSize: settings.latentSize,
                             hiddenWidth: settings.hiddenWidth, rng: &initRng)
        net.logVariance.value = initialLogVariances(latents, classIndex: classIndex, classCount: classes.count, shift: shift, scale: scale)
        let optimizer = Adam(parameters: net.parameters, learningRate: settings.learningRate)
        var logScale = 0.0
        for j in 0..<d { logScale += ReferenceMath.log(Double(scale[j])) }

        let b = VAESettings.batchSize, l = settings.latentSize
        var trace: [Double] = []
        for epoch in 0..<settings.epochs {
            var shuffle = rng.derived("shuffle").derived(epoch)
            let order = shuffle.permutation(n)
            var noise = rng.derived("noise").derived(epoch)
            var total = 0.0
            var start = 0
            while start < n {
                let rows = Array(order[start..<min(start + b, n)])
                let m = rows.count
                let batchRows = standardised(latents, rows: rows, shift: shift, scale: scale)
                var epsilon = [Float](repeating: 0, count: m * l)
                for k in 0..<epsilon.count { epsilon[k] = Float(noise.nextNormal()) }
                for p in net.parameters { p.zeroGrad() }
                let values = net.elbo(batchRows, classIndex: rows.map { classIndex[$0] }, epsilon: epsilon,
                                      beta: settings.beta, backward: true)
                optimizer.step()
                for v in values { total += v }
                start += m
            }
            trace.append(total / Double(n) - logScale)
        }
        var evaluation = rng.derived("evaluation")
        let codePrior = classCodePrior(net, latents: latents, classIndex: classIndex, classCount: classes.count, shift: shift, scale: scale)
        let generator = ConditionalVAE(classes: classes, priors: priors, shift: shift, scale: scale, settings: settings,
                                       weights: net.parameters.map(\.value), codePrior: codePrior, evaluationSeed: evaluation.next())
        return Fit(generator: generator, elboTrace: trace)
    }

    /// The diagonal Gaussian matching each class's aggregate posterior (see `ConditionalVAE`):
    /// mean a_c = mean of μ over the class's rows, variance v_c = variance of μ plus mean of
    /// σ²_q (sums in Double, row order, passes of `passRows` rows), at least 10⁻⁶.
    static func classCodePrior(_ net: VAENetwork, latents: [Float], classIndex: [Int], classCount: Int,
                               shift: [Float], scale: [Float]) -> CodePrior {
        let l = net.latentSize, n = classIndex.count
        var sum = [Double](repeating: 0, count: classCount * l)
        var squares = sum, posteriorVariance = sum
        var counts = [Double](repeating: 0, count: classCount)
        var start = 0
        while start < n {
            let end = min(start + passRows, n)
            let encoded = net.encode(standardised(latents, rows: start..<end, shift: shift, scale: scale),
                                     classIndex: Array(classIndex[start..<end]))
            for i in start..<end {
                let c = classIndex[i], row = (i - start) * 2 * l
                counts[c] += 1
                for k in 0..<l {
                    let mu = Double(encoded[row + k])
                    sum[c * l + k] += mu
                    squares[c * l + k] += mu * mu
                    posteriorVariance[c * l + k] += ReferenceMath.exp(Double(encoded[row + l + k]))
                }
            }
            start = end
        }
        var means = [Float](repeating: 0, count: classCount * l)
        var variances = means
        for c in 0..<classCount {
            for k in 0..<l {
                let p = c * l + k
                let mean = sum[p] / counts[c]
                means[p] = Float(mean)
                variances[p] = Float(max(squares[p] / counts[c] - mean * mean + posteriorVariance[p] / counts[c], 1e-6))
            }
        }
        return CodePrior(means: means, variances: variances)
    }

    /// The decoder log-variance offsets s (C×D) at which σ²_{c,j} = floor + exp(s) equals the
    /// variance of class c's standardised latents in dimension j (at least 10⁻⁶ above the floor).
    ///
    /// Why: with s = 0 every class starts at σ² ≈ 1, and Adam moves s by about lr per step, so a
    /// class whose spread is a hundredth of the whole data's (common once the latents are
    /// standardised over all classes) needed thousands of steps to shrink its variance, and its
    /// samples came out several times too wide in short fits. Starting at the class variances
    /// is the fit of a decoder that ignores the code; training then explains part of it by z.
    static func initialLogVariances(_ latents: [Float], classIndex: [Int], classCount: Int,
                                    shift: [Float], scale: [Float]) -> [Float] {
        let d = shift.count
        var sum = [Double](repeating: 0, count: classCount * d)
        var squares = sum
        var counts = [Double](repeating: 0, count: classCount)
        for (i, c) in classIndex.enumerated() {
            counts[c] += 1
            for j in 0..<d {
                let x = Double((latents[i * d + j] - shift[j]) / scale[j])
                sum[c * d + j] += x
                squares[c * d + j] += x * x
            }
        }
        var result = [Float](repeating: 0, count: classCount * d)
        for c in 0..<classCount {
            for j in 0..<d {
                let mean = sum[c * d + j] / counts[c]
                let variance = max(squares[c * d + j] / counts[c] - mean * mean, 0)
                result[c * d + j] = Float(ReferenceMath.log(max(variance - VAENetwork.varianceFloor, 1e-6)))
            }
        }
        return result
    }

    /// Rows `rows` of `latents` (N×D) standardised: (z − shift) / scale, in the order given.
    static func standardised(_ latents: [Float], rows: some Collection<Int>, shift: [Float], scale: [Float]) -> [Float] {
        let d = shift.count
        var x = [Float](repeating: 0, count: rows.count * d)
        for (r, i) in rows.enumerated() {
            for j in 0..<d { x[r * d + j] = (latents[i * d + j] - shift[j]) / scale[j] }
        }
        return x
    }

    /// Per-dimension mean and standard deviation of N×D rows (sums in Double, row order), the
    /// variance floored at 2·10⁻⁵ of its mean over dimensions (1 if every dimension is constant).
    static func standardisation(_ latents: [Float], rows n: Int, dimension d: Int) -> (shift: [Float], scale: [Float]) {
        var mean = [Double](repeating: 0, count: d)
        var variance = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += Double(latents[i * d + j]) } }
        for j in 0..<d { mean[j] /= Double(n) }
        for i in 0..<n { for j in 0..<d { let t = Double(latents[i * d + j]) - mean[j]; variance[j] += t * t } }
        var average = 0.0
        for j in 0..<d { variance[j] /= Double(n); average += variance[j] }
        average /= Double(d)
        let floor = average > 0 ? 2e-5 * average : 1
        return (mean.map { Float($0) }, variance.map { Float(max($0, floor).squareRoot()) })
    }
}
