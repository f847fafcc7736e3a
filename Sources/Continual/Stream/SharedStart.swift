import Engine
import Foundation

/// The state of a run after training experience 0, as shared between runs that train it
/// identically: network parameters, the whole-run SGD's momentum buffers, the accuracy of
/// the random initial network, the evaluation after experience 0, and the seconds that
/// training and evaluation originally took.
///
/// Encoded as an `Engine.Checkpoint` (CRC-32 checked):
///   arrays   "net.<name>", "opt.<name>"          as in a stream checkpoint
///   metadata "format"                             "glr-shared-start-1"
///            "key"                                `StreamRunner.sharedStartKey` of the run that wrote it
///            "random-init", "accuracy", "loss"    rows of Doubles as bit patterns (comma-separated hex)
///            "train-seconds", "evaluation-seconds"
struct SharedStart {
    static let format = "glr-shared-start-1"

    var key: String
    var network: [String: [Float]]
    var optimizer: [String: [Float]]
    var randomInitAccuracy: [Double]
    var accuracy: [Double]
    var loss: [Double]
    var trainSeconds: Double
    var evaluationSeconds: Double

    /// Checkpoint bytes.
    func encoded() -> [UInt8] {
        var arrays: [String: [Float]] = [:]
        for (name, values) in network { arrays["net.\(name)"] = values }
        for (name, values) in optimizer { arrays["opt.\(name)"] = values }
        let metadata = ["format": SharedStart.format, "key": key,
                        "random-init": SharedStart.text(randomInitAccuracy), "accuracy": SharedStart.text(accuracy),
                        "loss": SharedStart.text(loss),
                        "train-seconds": "\(trainSeconds)", "evaluation-seconds": "\(evaluationSeconds)"]
        return Checkpoint(arrays: arrays, metadata: metadata).encoded()
    }

    /// Decodes `encoded()` bytes written under `key`.
    /// - Throws: `StreamError.badCheckpoint` when the bytes are corrupt, of another format,
    ///   written under another key, or incomplete.
    init(decoding bytes: [UInt8], key expected: String, experiences: Int) throws {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(decoding: bytes) } catch {
            throw StreamError.badCheckpoint(reason: "\(error)")
        }
        let meta = checkpoint.metadata
        guard meta["format"] == SharedStart.format else {
            throw StreamError.badCheckpoint(reason: "it is not a shared start (format \(meta["format"] ?? "none"), expected \(SharedStart.format))")
        }
        guard meta["key"] == expected else {
            throw StreamError.badCheckpoint(reason: "it was written for other parameters than this run's")
        }
        func row(_ name: String) throws -> [Double] {
            guard let text = meta[name], let values = SharedStart.row(text), values.count == experiences else {
                throw StreamError.badCheckpoint(reason: "its row \(name) is missing or has the wrong length")
            }
            return values
        }
        func seconds(_ name: String) throws -> Double {
            guard let text = meta[name], let value = Double(text), value >= 0 else {
                throw StreamError.badCheckpoint(reason: "its \(name) is missing")
            }
            return value
        }
        key = expected
        var network: [String: [Float]] = [:]
        var optimizer: [String: [Float]] = [:]
        for (name, values) in checkpoint.arrays {
            if name.hasPrefix("net.") { network[String(name.dropFirst(4))] = values }
            else if name.hasPrefix("opt.") { optimizer[String(name.dropFirst(4))] = values }
        }
        self.network = network
        self.optimizer = optimizer
        randomInitAccuracy = try row("random-init")
        accuracy = try row("accuracy")
        loss = try row("loss")
        trainSeconds = try seconds("train-seconds")
        evaluationSeconds = try seconds("evaluation-seconds")
    }

    init(key: String, network: [String: [Float]], optimizer: [String: [Float]], randomInitAccuracy: [Double],
         accuracy: [Double], loss: [Double], trainSeconds: Double, evaluationSeconds: Double) {
        self.key = key
        self.network = network
        self.optimizer = optimizer
        self.randomInitAccuracy = randomInitAccuracy
        self.accuracy = accuracy
        self.loss = loss
        self.trainSeconds = trainSeconds
        self.evaluationSeconds = evaluationSeconds
    }

    /// Doubles as comma-separated hexadecimal bit patterns (exact).
    static func text(_ values: [Double]) -> String {
        values.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
    }

    static func row(_ text: String) -> [Double]? {
        guard !text.isEmpty else { return [] }
        var values: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let bits = UInt64(part, radix: 16) else { return nil }
            values.append(Double(bitPattern: bits))
        }
        return values
    }
}
