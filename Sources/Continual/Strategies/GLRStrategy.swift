import Engine

/// Generative Latent Replay: freeze the backbone after the first experience, keep one
/// generator of labelled latents per experience instead of the latents themselves, and
/// rehearse samples drawn from them while training the head.
///
/// Armstrong, Thakur & Clifton, "Generative Latent Replay for Continual Learning"
/// (University of Oxford). As latent replay, experience 0 trains the whole network and
/// later experiences train the head alone on latents computed once per experience with a
/// fresh head-only SGD. When an experience ends, a generator (`generator:`, by default one
/// diagonal Gaussian mixture of 10 components per class, so every sample carries its true
/// class; or a class-conditional VAE, `ConditionalVAE`) is fitted on its training latents and labels (stream "generator" → experience).
/// At the start of every later experience, each stored generator draws its share of the
/// buffer M (`BufferAllocation`, M // e each for `even`) afresh (stream "sample" →
/// experience → generator), as the peer does; with `resample: false` it draws its share
/// once, when it is stored (stream "sample" → its experience), and the group then keeps a
/// prefix as its share shrinks. glr fits the generator on the training latents already
/// computed for the head (once per experience, the backbone being frozen), where the peer
/// computes them twice.
public struct GLRStrategy: Strategy {
    /// What GLR keeps: one generator per earlier experience inside the window, and, without
    /// `resample`, the samples each drew when it was stored.
    public struct State: StrategyState {
        /// One generator per earlier experience, oldest first.
        public var generators: [StoredGenerator] = []
        /// Without `resample`: the drawn samples per earlier experience, oldest first.
        public var groups: [MemoryGroup] = []

        /// Nothing kept yet.
        public init() {}
    }

    /// `.glr`.
    public let kind = StrategyKind.glr
    /// Experience 0 trains the whole network on its own images: no generator exists yet.
    public static let firstExperienceIsPlainTraining = true
    /// "fitting the generator".
    public var stateUpdateMessage: String { "fitting the generator" }
    /// The generator fitted per experience.
    public let generator: GeneratorSpec
    /// Draw fresh samples at every experience.
    public let resample: Bool

    /// GLR with the configuration's generator and buffer settings.
    /// - Throws: `StreamError.invalidSetting` for a negative buffer, a window below 1, or a
    ///   generator kind glr does not implement (`GeneratorSpec.kinds`).
    public init(configuration: StreamConfiguration) throws {
        try BufferSettings.validate(configuration)
        guard GeneratorSpec.kinds.contains(configuration.generator.kind) else {
            throw StreamError.invalidSetting(name: "generator.kind", value: configuration.generator.kind,
                                             reason: "glr implements Gaussian mixtures and conditional VAEs; use kind: gmm or kind: vae")
        }
        generator = configuration.generator
        resample = configuration.resample
    }

    /// From experience 1 on.
    public func trainsHeadOnly(experience index: Int) -> Bool { index >= 1 }

    /// The current latents plus the buffer: fresh draws from every stored generator
    /// (`resample`), or the samples drawn when each was stored.
    public func trainingSet(_ context: ExperienceStart, state: State) throws -> TrainingSet {
        let shape = context.current.sampleShape
        guard resample else {
            return TrainingSet(current: context.current, replay: BufferSettings.replay(state.groups, sampleShape: shape))
        }
        let available = context.benchmark.experiences[0..<context.index].map(\.train.count)
        let sizes = BufferAllocation.groupSizes(capacity: context.configuration.bufferSize, sampling: context.configuration.sampling,
                                                window: context.configuration.window, available: available)
        let sampler = context.stream("sample")
        var parts: [SampleSet] = []
        for stored in state.generators where sizes[stored.experience] > 0 {
            var rng = sampler.derived(stored.experience)
            let drawn = stored.generator.sample(count: sizes[stored.experience], rng: &rng)
            parts.append(SampleSet(values: drawn.latents, labels: drawn.labels, sampleShape: shape))
        }
        let replay = parts.isEmpty ? nil : SampleSet.concatenating(parts, sampleShape: shape)
        return TrainingSet(current: context.current, replay: replay)
    }

    /// Fits and stores the finished experience's generator; drops generators outside the
    /// window; without `resample`, also draws and cuts the stored samples.
    public func state(after context: ExperienceEnd, keeping state: State) throws -> State {
        let latents = context.latents()
        let stopwatch = Stopwatch()
        let fitted = try generator.fit(latents: latents.values, labels: latents.labels, dimension: latents.sampleSize,
                                       rng: context.stream("generator"))
        let seconds = stopwatch.seconds
        var result = state
        let available = context.benchmark.experiences[0...context.index].map(\.train.count)
        let sizes = context.nextGroupSizes(available: available)
        result.generators = state.generators.filter { sizes[$0.experience] > 0 }
        result.generators.append(StoredGenerator(experience: context.index, generator: fitted, fitSeconds: seconds))
        if !resample {
            result.groups = BufferSettings.resized(state.groups, sizes: sizes)
            if sizes[context.index] > 0 {
                var rng = context.stream("sample")
                let drawn = fitted.sample(count: sizes[context.index], rng: &rng)
                result.groups.append(MemoryGroup(experience: context.index,
                                                 samples: SampleSet(values: drawn.latents, labels: drawn.labels, sampleShape: latents.sampleShape)))
            }
        }
        return result
    }

    /// Generator parameters (`LatentGenerator.storageBytes`) plus any kept samples.
    public func storageBytes(_ state: State, after context: ExperienceEnd) -> Int {
        state.generators.reduce(0) { $0 + $1.generator.storageBytes } + state.groups.reduce(0) { $0 + StorageCost.latents($1.samples) }
    }
}
