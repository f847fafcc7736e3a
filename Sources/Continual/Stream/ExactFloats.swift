import Foundation

/// Float arrays as base64 of their little-endian bit patterns: exact (NaN and infinities
/// included) and about a third of the size of JSON numbers, for `Codable` states that hold
/// many samples or parameters.
enum ExactFloats {
    /// The base64 text of `values`' bit patterns.
    static func text(_ values: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let bits = v.bitPattern.littleEndian
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
        return Data(bytes).base64EncodedString()
    }

    /// The values `text(_:)` wrote; nil when the text is not base64 of whole Floats.
    static func values(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        let bytes = [UInt8](data)
        var values = [Float](repeating: 0, count: bytes.count / 4)
        for i in values.indices {
            let bits = UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8 | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24
            values[i] = Float(bitPattern: bits)
        }
        return values
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
