import Continual
import Foundation

/// The cached final result of a run: what produced it and the result (binary property
/// list, so every Double round-trips exactly).
public struct RunRecord: Codable, Sendable {
    /// The run's name when it was computed.
    public var name: String
    /// The experiment file that computed it.
    public var document: String
    /// The result-relevant configuration.
    public var configuration: StreamConfiguration
    /// The engine version.
    public var engineVersion: String
    /// The result.
    public var result: StreamResult

    /// Creates a record.
    public init(name: String, document: String, configuration: StreamConfiguration, engineVersion: String, result: StreamResult) {
        self.name = name
        self.document = document
        self.configuration = configuration
        self.engineVersion = engineVersion
        self.result = result
    }

    /// Binary property-list bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return [UInt8](try encoder.encode(self))
    }

    /// Decodes bytes from `encoded()`.
    public init(decoding bytes: [UInt8]) throws {
        self = try PropertyListDecoder().decode(RunRecord.self, from: Data(bytes))
    }

    /// Entry name of a run's result.
    public static func resultEntry(_ key: String) -> String { "\(key).result" }
    /// Entry name of a run's latest checkpoint.
    public static func checkpointEntry(_ key: String) -> String { "\(key).checkpoint" }
}
