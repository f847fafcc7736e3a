// Binary encoding of a conditional VAE for checkpoints, little-endian, every parameter as
// its Float32 bits (so a decoded generator is bit-identical and a resumed run too):
//
// "GLRV", version u32, D u32, C u32, C × i32 classes, L u32, H u32, epochs u32, lr f32, β f32,
// C × f32 priors, D × f32 shift, D × f32 scale, the network's arrays in
// `VAENetwork.parameters` order (sizes from D, C, L, H), C×L f32 code-prior means, C×L f32
// code-prior variances, evaluation seed u64 (two u32, low first).

extension ConditionalVAE {
    static let magic: [UInt8] = Array("GLRV".utf8)
    static let encodingVersion: UInt32 = 1

    public func encoded() -> [UInt8] {
        var encoder = GeneratorEncoder()
        encoder.bytes.append(contentsOf: ConditionalVAE.magic)
        encoder.append(ConditionalVAE.encodingVersion)
        encoder.append(UInt32(dimension))
        encoder.append(UInt32(classes.count))
        for c in classes { encoder.append(c) }
        encoder.append(UInt32(settings.latentSize))
        encoder.append(UInt32(settings.hiddenWidth))
        encoder.append(UInt32(settings.epochs))
        encoder.append(floats: [settings.learningRate, settings.beta])
        encoder.append(priors)
        encoder.append(floats: shift)
        encoder.append(floats: scale)
        for w in weights { encoder.append(floats: w) }
        encoder.append(floats: codePrior.means)
        encoder.append(floats: codePrior.variances)
        encoder.append(UInt32(truncatingIfNeeded: evaluationSeed))
        encoder.append(UInt32(truncatingIfNeeded: evaluationSeed >> 32))
        return encoder.bytes
    }

    /// Decodes bytes written by `encoded()`.
    /// - Throws: `GeneratorError.corruptEncoding` for bytes that are not a VAE of this version,
    ///   `.specMismatch` when they hold other settings than `settings`.
    static func decode(_ bytes: [UInt8], settings expected: VAESettings) throws -> ConditionalVAE {
        var decoder = GeneratorDecoder(bytes)
        guard Array(try decoder.take(4, "magic")) == magic else {
            throw GeneratorError.corruptEncoding("the bytes do not start with GLRV (a VAE generator)")
        }
        let version = try decoder.u32("version")
        guard version == encodingVersion else {
            throw GeneratorError.corruptEncoding("VAE version \(version), this glr reads version \(encodingVersion)")
        }
        let d = try decoder.count("dimension", limit: 1 << 16)
        let c = try decoder.count("class count", limit: 1 << 16)
        guard d > 0, c > 0 else { throw GeneratorError.corruptEncoding("dimension \(d), class count \(c)") }
        var classes: [Int32] = []
        for _ in 0..<c { classes.append(Int32(bitPattern: try decoder.u32("classes"))) }
        let l = try decoder.count("latent size", limit: 1 << 16)
        let h = try decoder.count("hidden width", limit: 1 << 16)
        let epochs = try decoder.count("epochs", limit: 1 << 30)
        let rates = try decoder.floats(2, "lr and beta")
        let settings = VAESettings(latentSize: l, hiddenWidth: h, epochs: epochs, learningRate: rates[0], beta: rates[1])
        guard settings == expected else {
            throw GeneratorError.specMismatch("bytes hold a VAE with \(settings); spec has \(expected)")
        }
        let priors = try decoder.doubles(c, "priors")
        let shift = try decoder.floats(d, "shift")
        let scale = try decoder.floats(d, "scale")
        var weights: [[Float]] = []
        for (i, count) in VAENetwork.parameterCounts(dimension: d, classCount: c, latentSize: l, hiddenWidth: h).enumerated() {
            weights.append(try decoder.floats(count, "network array \(i)"))
        }
        let codeMeans = try decoder.floats(c * l, "code prior means")
        let codeVariances = try decoder.floats(c * l, "code prior variances")
        guard codeVariances.allSatisfy({ $0 > 0 }) else { throw GeneratorError.corruptEncoding("a code prior variance is not positive") }
        let low = UInt64(try decoder.u32("evaluation seed")), high = UInt64(try decoder.u32("evaluation seed"))
        guard decoder.offset == bytes.count else {
            throw GeneratorError.corruptEncoding("\(bytes.count - decoder.offset) trailing bytes")
        }
        return ConditionalVAE(classes: classes, priors: priors, shift: shift, scale: scale, settings: settings,
                              weights: weights, codePrior: CodePrior(means: codeMeans, variances: codeVariances),
                              evaluationSeed: low | (high << 32))
    }
}
