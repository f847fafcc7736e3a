/// Buffer bookkeeping shared by the strategies that store samples (replay, latent replay,
/// GLR without resampling).
enum BufferSettings {
    /// Rejects a negative buffer size or a window below 1.
    static func validate(_ configuration: StreamConfiguration) throws {
        guard configuration.bufferSize >= 0 else {
            throw StreamError.invalidSetting(name: "buffer_size", value: "\(configuration.bufferSize)",
                                             reason: "a buffer holds zero or more samples; use 0 for none or e.g. 6000")
        }
        if let window = configuration.window, window < 1 {
            throw StreamError.invalidSetting(name: "window", value: "\(window)",
                                             reason: "a window keeps the last G ≥ 1 experiences; use at least 1, or leave it unset to keep all")
        }
    }

    /// All stored groups as one replay set (nil when empty).
    static func replay(_ groups: [MemoryGroup], sampleShape: [Int]) -> SampleSet? {
        let nonEmpty = groups.filter { $0.samples.count > 0 }
        guard !nonEmpty.isEmpty else { return nil }
        return SampleSet.concatenating(nonEmpty.map(\.samples), sampleShape: sampleShape)
    }

    /// The buffer after adding a random-order group of `samples` for the finished
    /// experience and cutting every group to its share for the next experience.
    /// The order comes from stream "buffer" → experience.
    static func storing(_ samples: SampleSet, after context: ExperienceEnd, keeping buffer: ReplayBuffer) -> ReplayBuffer {
        let available = context.benchmark.experiences[0...context.index].map(\.train.count)
        let sizes = context.nextGroupSizes(available: available)
        var result = buffer
        result.groups = resized(buffer.groups, sizes: sizes)
        if sizes[context.index] > 0 {
            var rng = context.stream("buffer")
            let order = rng.permutation(samples.count)
            result.groups.append(MemoryGroup(experience: context.index, samples: samples.rows(Array(order.prefix(sizes[context.index])))))
        }
        return result
    }

    /// Groups cut to `sizes[group.experience]` (prefixes), empty ones dropped.
    static func resized(_ groups: [MemoryGroup], sizes: [Int]) -> [MemoryGroup] {
        groups.compactMap { group in
            let size = sizes[group.experience]
            guard size > 0 else { return nil }
            return size >= group.samples.count ? group : MemoryGroup(experience: group.experience, samples: group.samples.prefix(size))
        }
    }
}
