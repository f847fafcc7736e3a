import Engine

extension StreamRunner {
    /// Trains experience 0 exactly as a stream's first experience (the same for every
    /// strategy), then returns experience `index`'s training and test latents under that
    /// backbone: the latents GLR fits its generator on when the backbone freezes after
    /// experience 0. Does not change the strategy's state or the run's results.
    /// - Throws: `StreamError.invalidSetting` when `index` is not an experience of the benchmark.
    public func latentsAfterFirstExperience(of index: Int, progress: (StreamProgress) -> Void = { _ in }) throws -> (train: SampleSet, test: SampleSet) {
        guard benchmark.experiences.indices.contains(index) else {
            throw StreamError.invalidSetting(name: "experience", value: "\(index)",
                                             reason: "the benchmark has experiences 0...\(benchmark.experiences.count - 1)")
        }
        let images = trainingImages(0)
        let start = ExperienceStart(index: 0, benchmark: benchmark, configuration: configuration, current: images)
        train(try strategy.session().trainingSet(start), optimizer: runOptimizer, headOnly: false, experience: 0, progress: progress)
        let chosen = benchmark.experiences[index]
        let train = latents(of: SampleSet(chosen.train))
        let test = latents(of: SampleSet(chosen.test))
        return (train, test)
    }
}
