// How many cores a run keeps busy while it trains: what a scheduler needs to place two runs
// side by side in one process. No result depends on it (the shards of a step are fixed by the
// engine, whoever runs them).

import Engine

extension StreamRunner {
    /// The most cores a training step of any experience from `first` on keeps busy: the
    /// shards the engine splits its batch into (`Sequential.trainingShards`). The whole
    /// reference CNN takes two; a head of dense layers alone (Latent Replay and GLR after
    /// experience 0, at the default freeze depth) takes one, since a head step at these batch
    /// sizes is too short to split. A run restored from a shared start begins at experience 1.
    /// - Throws: `StreamError.invalidSetting` for a strategy or model the runner rejects.
    public static func trainingCores(_ configuration: StreamConfiguration, fromExperience first: Int) throws -> Int {
        let strategy = try makeStrategy(configuration)
        let network = try makeNetwork(configuration, height: 28, width: 28, classes: 10, rng: RandomStream(seed: 0))
        var most = 1
        for experience in first..<configuration.experiences {
            let part: TrainedPart = strategy.trainsHeadOnly(experience: experience) ? .head : .whole
            most = max(most, network.trainingShards(batch: configuration.batchSize, part: part))
        }
        return most
    }
}
