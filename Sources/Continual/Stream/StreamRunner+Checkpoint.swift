// Checkpoints: an Engine.Checkpoint holding
//   arrays   "net.<name>"                       network parameters (Sequential.checkpointArrays)
//            "opt.<name>"                       the whole-run SGD's velocities
//   metadata "format"                           "glr-stream-2"
//            "configuration"                    JSON of the run's configuration (must match to resume)
//            "state"                            JSON of the finished rows (doubles as bit patterns)
//            "strategy"                         JSON of the strategy's `Strategy.State` (its own
//                                               `Codable` encoding; the runner knows no field of it)
// Format 1 (before strategies owned their state) is rejected: the run restarts.

import Engine
import Foundation

extension StreamRunner {
    static let checkpointFormat = "glr-stream-2"

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
        metadata["strategy"] = String(decoding: try session.encodedState(), as: UTF8.self)
        return Checkpoint(arrays: arrays, metadata: metadata).encoded()
    }

    /// Restores network, optimiser, the strategy's state and finished rows from `bytes`.
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
        guard let strategyText = meta["strategy"] else {
            throw StreamError.badCheckpoint(reason: "the strategy's state is missing")
        }
        var restored = strategy.session()
        do { try restored.restoreState(Data(strategyText.utf8), configuration: configuration) } catch {
            throw StreamError.badCheckpoint(reason: "the strategy's state is unreadable (\(error))")
        }
        func sub(_ prefix: String) -> [String: [Float]] {
            var out: [String: [Float]] = [:]
            for (name, values) in checkpoint.arrays where name.hasPrefix(prefix) { out[String(name.dropFirst(prefix.count))] = values }
            return out
        }
        do {
            try network.load(arrays: sub("net."))
            try runOptimizer.load(arrays: sub("opt."))
        } catch {
            throw StreamError.badCheckpoint(reason: "\(error)")
        }
        session = restored
        state = RunState(exact)
        frozenTestLatents = [:]
        if state.completed > 0, strategy.trainsHeadOnly(experience: state.completed) { network.freezeBackbone() }
    }
}
