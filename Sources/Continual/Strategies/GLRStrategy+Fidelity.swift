// Generator fidelity of a GLR run, measured after each generator is fitted, through the
// strategy's experience-end observer (`Strategy.observe`). Not counted in the run's
// seconds: it is a measurement, not part of the method.

import Engine

extension GLRStrategy {
    /// Training rows used for log-likelihoods and as nearest-neighbour references (a seeded subset).
    public static let fidelityReferenceCount = 10_000
    /// Generated and held-out queries for nearest-neighbour distances.
    public static let fidelityQueryCount = 1_000
    /// Points of each kind in the latent scatter.
    public static let scatterCount = 300

    /// Appends the fidelity figures of the generator fitted on `context`'s experience
    /// (stream "fidelity" → experience):
    ///
    /// - train / held-out log-likelihood: mean log p(z | y) (the generator's labelled
    ///   log-likelihood; a VAE's ELBO, flagged `logLikelihoodIsLowerBound`) over ≤ 10 000 training latents (seeded subset) / all test latents;
    /// - train-synthetic-test-real: a freshly initialised head trained 1 epoch (same SGD
    ///   settings and batch size) on as many generated latents as the experience has training
    ///   images (≤ 10 000), tested on the experience's real test latents;
    /// - nearest-neighbour distances to the training subset from 1 000 generated latents and
    ///   from 1 000 real test latents (the reference scale);
    /// - for the last experience, a `LatentScatter` of 300 real and 300 generated latents on
    ///   the first two principal axes of (≤ 2 000) real training latents.
    public func observe(_ context: ExperienceEnd, state: State, measurements: inout StreamMeasurements) {
        guard let stored = state.generators.last, stored.experience == context.index else { return }
        let generator = stored.generator
        let train = context.latents()
        let stream = context.stream("fidelity")
        var pick = stream.derived("subset")
        let order = pick.permutation(train.count)
        let references = train.count > Self.fidelityReferenceCount
            ? train.rows(Array(order.prefix(Self.fidelityReferenceCount))) : train
        let test = context.testLatents()
        let d = train.sampleSize

        var sampler = stream.derived("samples")
        let drawn = generator.sample(count: min(train.count, Self.fidelityReferenceCount), rng: &sampler)
        let synthetic = SampleSet(values: drawn.latents, labels: drawn.labels, sampleShape: train.sampleShape)

        let q = Self.fidelityQueryCount

        var fidelity = measurements.fidelity ?? GeneratorFidelity(trainLogLikelihood: [], heldOutLogLikelihood: [], trainSyntheticTestReal: [],
                                                                  nearestNeighbourSampleToReal: [], nearestNeighbourRealToReal: [], fitSeconds: [])
        fidelity.trainLogLikelihood.append(LatentFidelity.meanLogLikelihood(of: generator, latents: references.values, labels: references.labels))
        fidelity.heldOutLogLikelihood.append(LatentFidelity.meanLogLikelihood(of: generator, latents: test.values, labels: test.labels))
        fidelity.trainSyntheticTestReal.append(trainSyntheticTestReal(synthetic, test: test, context: context, stream: stream))
        fidelity.nearestNeighbourSampleToReal.append(LatentFidelity.meanNearestNeighbourDistance(
            queries: synthetic.prefix(q).values, reference: references.values, dimension: d))
        fidelity.nearestNeighbourRealToReal.append(LatentFidelity.meanNearestNeighbourDistance(
            queries: test.prefix(q).values, reference: references.values, dimension: d))
        fidelity.fitSeconds.append(stored.fitSeconds)
        if generator.logLikelihoodIsLowerBound { fidelity.logLikelihoodIsLowerBound = true }
        measurements.fidelity = fidelity

        if context.isLast {
            let k = Self.scatterCount
            let basis = PrincipalComponents(rows: train.rows(Array(order.prefix(2_000))).values, dimension: d, count: 2)
            let real = train.rows(Array(order.prefix(k)))
            let generated = synthetic.prefix(k)
            measurements.latentScatter = LatentScatter(real: basis.project(real.values), realLabels: real.labels,
                                                       generated: basis.project(generated.values), generatedLabels: generated.labels)
        }
    }

    /// Accuracy on `test` of a fresh head (stream "tstr-init") trained one epoch on `synthetic`.
    func trainSyntheticTestReal(_ synthetic: SampleSet, test: SampleSet, context: ExperienceEnd, stream: RandomStream) -> Double {
        let configuration = context.configuration
        guard synthetic.count > 0, test.count > 0,
              let fresh = try? StreamRunner.makeNetwork(configuration, benchmark: context.benchmark, rng: stream.derived("tstr-init")) else { return .nan }
        let optimizer = SGD(parameters: fresh.headParameters, learningRate: configuration.learningRate,
                            momentum: configuration.momentum, weightDecay: configuration.weightDecay)
        var shuffle = stream.derived("tstr-shuffle")
        let order = shuffle.permutation(synthetic.count)
        let b = configuration.batchSize
        fresh.trainMinibatches(steps: (order.count + b - 1) / b, sampleShape: synthetic.sampleShape, part: .head, optimizer: optimizer,
                               batch: { step, inputs, labels in
            let batch = synthetic.rows(Array(order[(step * b)..<min((step + 1) * b, order.count)]))
            inputs = batch.values
            labels = batch.labels
        })
        return fresh.evaluateHead(latents: test.values, dimension: test.sampleSize, labels: test.labels,
                                  batchSize: StreamRunner.evaluationBatchSize).accuracy
    }
}
