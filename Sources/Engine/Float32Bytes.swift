// Float32 values as bytes: their IEEE 754 bit patterns, little-endian, 4 bytes a value.

/// Float arrays as the little-endian bytes of their bit patterns, 4 bytes a value: exact for
/// every value (signed zeros, infinities and NaN payloads included). The one packing behind
/// checkpoints (`Checkpoint`), `ExactFloats` (base64 text in `Codable` states) and the
/// generator encodings (`GeneratorEncoder`, `GeneratorDecoder`).
public enum Float32Bytes {
    /// `values`' bit patterns, little-endian, 4 bytes each.
    public static func bytes(_ values: [Float]) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let bits = v.bitPattern
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
        return bytes
    }

    /// The values whose bit patterns `bytes` holds; nil unless its count is a multiple of 4.
    public static func values(_ bytes: ArraySlice<UInt8>) -> [Float]? {
        guard bytes.count % 4 == 0 else { return nil }
        var values = [Float](repeating: 0, count: bytes.count / 4)
        var i = bytes.startIndex
        for j in values.indices {
            let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            values[j] = Float(bitPattern: bits)
            i += 4
        }
        return values
    }
}
