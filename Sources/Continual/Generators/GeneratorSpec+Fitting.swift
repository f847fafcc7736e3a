import Dispatch
import Engine
import Foundation

extension GeneratorSpec {
    /// Fits this generator to `latents` (N×D row-major) with `labels` (N) with its `fitOptions`;
    /// see `fitReporting`.
    public func fit(latents: [Float], labels: [Int32], dimension: Int, rng: RandomStream) throws -> any LatentGenerator {
        try fitReporting(latents: latents, labels: labels, dimension: dimension, rng: rng).generator
    }

    /// Fits this generator with `options` (default: the spec's `fitOptions`, what a stream
    /// uses) and reports what EM did.
    ///
    /// - `label: class`: one mixture per class, fitted in parallel over `options.workers` threads
    ///   (`EngineThreading.forEachTask`: single-threaded BLAS, so the parameters are bit-identical
    ///   whatever the worker or OpenBLAS thread count), class c initialised by k-means from
    ///   `rng.derived("class").derived(c)` (BIC candidate k from `.derived(k)` of that; see
    ///   `MixtureEM.fit` for the initialisations), plus the empirical class priors. A class with
    ///   fewer rows than components gets one component per row.
    /// - `label: component`: one mixture with one component per class present (`components` is
    ///   not used), means at the class means, variance 1, uniform weights, EM without labels.
    public func fitReporting(latents: [Float], labels: [Int32], dimension: Int, rng: RandomStream,
                             options: MixtureFitOptions? = nil) throws -> (generator: any LatentGenerator, report: GeneratorFitReport) {
        if kind == "vae" { return try fitVAE(latents: latents, labels: labels, dimension: dimension, rng: rng) }
        let options = options ?? fitOptions
        guard kind == "gmm" else { throw GeneratorError.unknownKind(kind) }
        guard dimension > 0, latents.count == labels.count * dimension else {
            throw GeneratorError.shapeMismatch(latentCount: latents.count, labelCount: labels.count, dimension: dimension)
        }
        guard !labels.isEmpty else { throw GeneratorError.emptyData }
        let candidates: [Int]
        switch components {
        case .fixed(let k): candidates = [k]
        case .bic(let list): candidates = list
        }
        guard !candidates.isEmpty, candidates.allSatisfy({ $0 > 0 }) else {
            throw GeneratorError.invalidComponents("got \(candidates)")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let classes = Array(Set(labels)).sorted()
        var rowsByClass = [[Int]](repeating: [], count: classes.count)
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        for (i, y) in labels.enumerated() { rowsByClass[index[y]!].append(i) }

        let generator: any LatentGenerator
        var records: [GeneratorFitReport.MixtureRecord]
        switch label {
        case .class:
            var slots = [Result<(MixtureFit, GeneratorFitReport.MixtureRecord), Error>?](repeating: nil, count: classes.count)
            let covariance = self.covariance
            let workers = options.workers > 0 ? options.workers : EngineThreading.workers
            slots.withUnsafeMutableBufferPointer { sp in
                let slotsBase = sp.baseAddress!
                EngineThreading.forEachTask(classes.count, workers: workers) { c in
                    slotsBase[c] = Result {
                        let data = MixtureData(latents: latents, dimension: dimension, rows: rowsByClass[c], covariance: covariance)
                        let stream = rng.derived("class").derived(Int(classes[c]))
                        return try GeneratorSpec.fitClass(data, label: classes[c], candidates: candidates,
                                                          covariance: covariance, options: options, rng: stream)
                    }
                }
            }
            var mixtures: [GaussianMixture] = []
            records = []
            for slot in slots {
                let (fit, record) = try slot!.get()
                mixtures.append(try fit.mixture.keptAsFloat32())
                records.append(record)
            }
            let priors = rowsByClass.map { Double(Float(Double($0.count) / Double(labels.count))) }
            generator = ClassConditionalMixture(classes: classes, priors: priors, mixtures: mixtures)
        case .component:
            let data = MixtureData(latents: latents, dimension: dimension, rows: nil, covariance: covariance)
            let k = classes.count
            var means = [Double](repeating: 0, count: k * dimension)
            for c in 0..<k {
                for i in rowsByClass[c] { for j in 0..<dimension { means[c * dimension + j] += Double(latents[i * dimension + j]) } }
                for j in 0..<dimension { means[c * dimension + j] /= Double(rowsByClass[c].count) }
            }
            var covariances = [Double](repeating: covariance == .spherical ? 1 : 0,
                                       count: GaussianMixture.covarianceCount(covariance, components: k, dimension: dimension))
            switch covariance {
            case .diag: covariances = [Double](repeating: 1, count: k * dimension)
            case .full: for c in 0..<k { for j in 0..<dimension { covariances[c * dimension * dimension + j * dimension + j] = 1 } }
            case .spherical: break
            }
            let initial = try GaussianMixture(covariance: covariance, dimension: dimension,
                                              weights: [Double](repeating: 1 / Double(k), count: k), means: means, covariances: covariances)
            var result: Result<MixtureFit, Error>?
            EngineThreading.forEachTask(1, workers: 1) { _ in result = Result { try MixtureEM.iterate(data, from: initial, options: options) } }
            let fit = try result!.get()
            records = [GeneratorFitReport.MixtureRecord(label: nil, samples: data.count, components: k, iterations: fit.iterations,
                                                        converged: fit.converged, trace: fit.trace, meanLogLikelihood: fit.meanLogLikelihood,
                                                        bicCandidates: [], bicValues: [])]
            generator = ComponentLabelledMixture(classes: classes, mixture: try fit.mixture.keptAsFloat32())
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var total = 0.0
        for r in records { total += r.meanLogLikelihood * Double(r.samples) }
        let report = GeneratorFitReport(mixtures: records, seconds: seconds, trainLogLikelihood: total / Double(labels.count))
        return (generator, report)
    }

    /// Fits a conditional VAE (`ConditionalVAE.fit`) with `vae` (default settings when nil); the
    /// report has no mixture records, the training ELBO trace and its last value as the train
    /// log-likelihood (a bound).
    func fitVAE(latents: [Float], labels: [Int32], dimension: Int, rng: RandomStream) throws -> (generator: any LatentGenerator, report: GeneratorFitReport) {
        let stopwatch = DispatchTime.now().uptimeNanoseconds
        let fit = try ConditionalVAE.fit(latents: latents, labels: labels, dimension: dimension, settings: vae ?? .default, rng: rng)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - stopwatch) / 1e9
        let report = GeneratorFitReport(mixtures: [], seconds: seconds, trainLogLikelihood: fit.elboTrace.last ?? .nan, elboTrace: fit.elboTrace)
        return (fit.generator, report)
    }

    /// Fits one class: each candidate K (capped at the row count), keeping the lowest BIC.
    static func fitClass(_ data: MixtureData, label: Int32, candidates: [Int], covariance: Covariance,
                         options: MixtureFitOptions, rng: RandomStream) throws -> (MixtureFit, GeneratorFitReport.MixtureRecord) {
        let useBIC = candidates.count > 1
        var best: MixtureFit?
        var bestBIC = Double.infinity
        var bics: [Double] = []
        for k in candidates {
            let stream = useBIC ? rng.derived(k) : rng
            let fit = try MixtureEM.fit(data, components: min(k, data.count), covariance: covariance, options: options, rng: stream)
            let p = GaussianMixture.freeParameterCount(covariance, components: fit.mixture.componentCount, dimension: data.dimension)
            let n = Double(data.count)
            let bic = -2 * fit.meanLogLikelihood * n + Double(p) * ReferenceMath.log(n)
            bics.append(bic)
            if best == nil || bic < bestBIC { best = fit; bestBIC = bic }
        }
        let fit = best!
        let record = GeneratorFitReport.MixtureRecord(label: label, samples: data.count, components: fit.mixture.componentCount,
                                                      iterations: fit.iterations, converged: fit.converged, trace: fit.trace,
                                                      meanLogLikelihood: fit.meanLogLikelihood,
                                                      bicCandidates: useBIC ? candidates : [], bicValues: useBIC ? bics : [])
        return (fit, record)
    }

    /// Decodes bytes written by a generator's `encoded()`; throws if they are corrupt or were
    /// written for another kind, covariance type, label scheme or VAE settings than this spec's.
    public func decode(_ bytes: [UInt8]) throws -> any LatentGenerator {
        if kind == "vae" { return try ConditionalVAE.decode(bytes, settings: vae ?? .default) }
        var decoder = GeneratorDecoder(bytes)
        guard Array(try decoder.take(4, "magic")) == GeneratorEncoder.magic else {
            throw GeneratorError.corruptEncoding("the bytes do not start with GLRG")
        }
        let version = try decoder.u32("version")
        guard version == GeneratorEncoder.version else {
            throw GeneratorError.corruptEncoding("version \(version), this glr reads version \(GeneratorEncoder.version)")
        }
        let schemeCode = try decoder.u8("label scheme")
        let covarianceCode = try decoder.u8("covariance")
        guard schemeCode <= 1, covarianceCode <= 2 else {
            throw GeneratorError.corruptEncoding("label scheme \(schemeCode) / covariance \(covarianceCode) unknown")
        }
        let scheme: LabelScheme = schemeCode == 0 ? .class : .component
        let cov: Covariance = [Covariance.diag, .full, .spherical][Int(covarianceCode)]
        guard scheme == label, cov == covariance else {
            throw GeneratorError.specMismatch("bytes hold label \(scheme.rawValue), covariance \(cov.rawValue); spec has label \(label.rawValue), covariance \(covariance.rawValue)")
        }
        let d = try decoder.count("dimension", limit: 1 << 16)
        let c = try decoder.count("class count", limit: 1 << 16)
        guard d > 0, c > 0 else { throw GeneratorError.corruptEncoding("dimension \(d), class count \(c)") }
        var classes: [Int32] = []
        for _ in 0..<c { classes.append(Int32(bitPattern: try decoder.u32("classes"))) }
        let generator: any LatentGenerator
        switch scheme {
        case .class:
            let priors = try decoder.doubles(c, "priors")
            var mixtures: [GaussianMixture] = []
            for _ in 0..<c { mixtures.append(try decoder.mixture(cov, dimension: d)) }
            generator = ClassConditionalMixture(classes: classes, priors: priors, mixtures: mixtures)
        case .component:
            let mixture = try decoder.mixture(cov, dimension: d)
            guard mixture.componentCount == c else {
                throw GeneratorError.corruptEncoding("\(mixture.componentCount) components for \(c) classes")
            }
            generator = ComponentLabelledMixture(classes: classes, mixture: mixture)
        }
        guard decoder.offset == bytes.count else {
            throw GeneratorError.corruptEncoding("\(bytes.count - decoder.offset) trailing bytes")
        }
        return generator
    }
}
