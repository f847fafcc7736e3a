// Checkpoints: an Engine.Checkpoint holding
//   arrays   "net.<name>"                       network parameters (Sequential.checkpointArrays)
//            "opt.<name>"                       the whole-run SGD's velocities
//            "group.<k>.values" / ".labels"     stored samples (labels as exact Floats)
//            "anchor.<k>.optimum.<p>" / ".importance.<p>"   EWC anchors
//   metadata "format"                           "glr-stream-1"
//            "configuration"                    JSON of the run's configuration (must match to resume)
//            "state"                            JSON of the finished rows (doubles as bit patterns)
//            "groups", "group.<k>.experience", "group.<k>.shape"
//            "anchors", "anchor.<k>.experience"
//            "generators", "generator.<k>.experience", ".fit-seconds", ".bytes" (base64 of LatentGenerator.encoded())

import Engine
import Foundation

extension StreamRunner {
    static let checkpointFormat = "glr-stream-1"

    /// Everything needed to continue after the last finished experience.
    func encodedCheckpoint() throws -> [UInt8] {
        var arrays: [String: [Float]] = [:]
        for (name, values) in network.checkpointArrays() { arrays["net.\(name)"] = values }
        for (name, values) in runOptimizer.checkpointArrays() { arrays["opt.\(name)"] = values }
        var metadata: [String: String] = ["format": StreamRunner.checkpointFormat]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        metadata["configuration"] = String(decoding: try encoder.encode(configuration), as: UTF8.self)
        metadata["state"] = String(decoding: try encoder.encode(state.exact), as: UTF8.self)
        metadata["groups"] = "\(memory.groups.count)"
        for (k, group) in memory.groups.enumerated() {
            arrays["group.\(k).values"] = group.samples.values
            arrays["group.\(k).labels"] = group.samples.labels.map { Float($0) }
            metadata["group.\(k).experience"] = "\(group.experience)"
            metadata["group.\(k).shape"] = group.samples.sampleShape.map(String.init).joined(separator: ",")
        }
        metadata["anchors"] = "\(memory.anchors.count)"
        for (k, anchor) in memory.anchors.enumerated() {
            metadata["anchor.\(k).experience"] = "\(anchor.experience)"
            for p in anchor.optimum.indices {
                arrays["anchor.\(k).optimum.\(p)"] = anchor.optimum[p]
                arrays["anchor.\(k).importance.\(p)"] = anchor.importance[p]
            }
        }
        metadata["generators"] = "\(memory.generators.count)"
        for (k, stored) in memory.generators.enumerated() {
            metadata["generator.\(k).experience"] = "\(stored.experience)"
            metadata["generator.\(k).fit-seconds"] = "\(stored.fitSeconds)"
            metadata["generator.\(k).bytes"] = Data(stored.generator.encoded()).base64EncodedString()
        }
        return Checkpoint(arrays: arrays, metadata: metadata).encoded()
    }

    /// Restores network, optimiser, memory and finished rows from `bytes`.
    func restore(from bytes: [UInt8]) throws {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(decoding: bytes) } catch {
            throw StreamError.badCheckpoint(reason: "\(error)")
        }
        let meta = checkpoint.metadata
        guard meta["format"] == StreamRunner.checkpointFormat else {
            throw StreamError.badCheckpoint(reason: "it is not a stream checkpoint (format \(meta["format"] ?? "none"), expected \(StreamRunner.checkpointFormat))")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let configurationText = meta["configuration"],
              let saved = try? decoder.decode(StreamConfiguration.self, from: Data(configurationText.utf8)) else {
            throw StreamError.badCheckpoint(reason: "its configuration is missing or unreadable")
        }
        guard saved == configuration else {
            throw StreamError.badCheckpoint(reason: "it was written by a run with other parameters")
        }
        guard let stateText = meta["state"], let exact = try? decoder.decode(RunState.Exact.self, from: Data(stateText.utf8)) else {
            throw StreamError.badCheckpoint(reason: "its run state is missing or unreadable")
        }
        func sub(_ prefix: String) -> [String: [Float]] {
            var out: [String: [Float]] = [:]
            for (name, values) in checkpoint.arrays where name.hasPrefix(prefix) { out[String(name.dropFirst(prefix.count))] = values }
            return out
        }
        func integer(_ key: String) throws -> Int {
            guard let text = meta[key], let value = Int(text) else { throw StreamError.badCheckpoint(reason: "metadata \(key) is missing") }
            return value
        }
        func array(_ key: String) throws -> [Float] {
            guard let values = checkpoint.arrays[key] else { throw StreamError.badCheckpoint(reason: "array \(key) is missing") }
            return values
        }
        do {
            try network.load(arrays: sub("net."))
            try runOptimizer.load(arrays: sub("opt."))
        } catch {
            throw StreamError.badCheckpoint(reason: "\(error)")
        }
        var restored = StrategyMemory()
        for k in 0..<(try integer("groups")) {
            let shape = (meta["group.\(k).shape"] ?? "").split(separator: ",").compactMap { Int($0) }
            let values = try array("group.\(k).values")
            let labels = try array("group.\(k).labels").map { Int32($0) }
            guard !shape.isEmpty, values.count == labels.count * shape.reduce(1, *) else {
                throw StreamError.badCheckpoint(reason: "stored group \(k) has inconsistent sizes")
            }
            restored.groups.append(MemoryGroup(experience: try integer("group.\(k).experience"),
                                               samples: SampleSet(values: values, labels: labels, sampleShape: shape)))
        }
        let parameterCount = network.parameters.count
        for k in 0..<(try integer("anchors")) {
            restored.anchors.append(EWCAnchor(experience: try integer("anchor.\(k).experience"),
                                              optimum: try (0..<parameterCount).map { try array("anchor.\(k).optimum.\($0)") },
                                              importance: try (0..<parameterCount).map { try array("anchor.\(k).importance.\($0)") }))
        }
        for k in 0..<(try integer("generators")) {
            guard let text = meta["generator.\(k).bytes"], let data = Data(base64Encoded: text) else {
                throw StreamError.badCheckpoint(reason: "generator \(k) is missing")
            }
            let generator: any LatentGenerator
            do { generator = try configuration.generator.decode([UInt8](data)) } catch {
                throw StreamError.badCheckpoint(reason: "generator \(k): \(error)")
            }
            restored.generators.append(StoredGenerator(experience: try integer("generator.\(k).experience"), generator: generator,
                                                       fitSeconds: Double(meta["generator.\(k).fit-seconds"] ?? "") ?? 0))
        }
        memory = restored
        state = RunState(exact)
        frozenTestLatents = [:]
        if state.completed > 0, strategy.trainsHeadOnly(experience: state.completed) { network.freezeBackbone() }
    }
}
