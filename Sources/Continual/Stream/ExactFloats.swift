import Engine
import Foundation

/// Float arrays as base64 of their little-endian bit patterns (`Float32Bytes`): exact (NaN
/// and infinities included) and about a third of the size of JSON numbers, for `Codable`
/// states that hold many samples or parameters.
enum ExactFloats {
    /// The base64 text of `values`' bit patterns.
    static func text(_ values: [Float]) -> String {
        Data(Float32Bytes.bytes(values)).base64EncodedString()
    }

    /// The values `text(_:)` wrote; nil when the text is not base64 of whole Floats.
    static func values(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        return Float32Bytes.values([UInt8](data)[...])
    }

    /// Decodes `text(_:)`'s output from `container` under `key`, throwing a data-corruption
    /// error when it is not whole Floats.
    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> [Float] {
        try floats(container.decode(String.self, forKey: key), container, key)
    }

    /// The same for a list of arrays under `key`.
    static func decodeList<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> [[Float]] {
        try container.decode([String].self, forKey: key).map { try floats($0, container, key) }
    }

    /// `values(text)`, or a data-corruption error at `key`.
    private static func floats<K: CodingKey>(_ text: String, _ container: KeyedDecodingContainer<K>, _ key: K) throws -> [Float] {
        guard let values = values(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64 of Float32 values")
        }
        return values
    }
}
