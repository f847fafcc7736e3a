// Binary checkpoint container, little-endian:
//   "GLRCKPT\0" (8) | version UInt32 | payload length UInt64 | payload | CRC-32 of payload UInt32
//   payload = arrayCount UInt32, then per array (sorted by name): name (UInt32 length + UTF-8),
//             element count UInt64, Float32 bits; metaCount UInt32, then per entry (sorted by
//             key): key, value (UInt32 length + UTF-8 each).

/// A versioned, checksummed binary container of named Float arrays plus string metadata.
///
/// `encoded()` is deterministic (entries sorted by name); `init(decoding:)` rejects a
/// truncated, corrupted or foreign file with a `CheckpointError`.
public struct Checkpoint: Equatable, Sendable {
    /// Named Float arrays (parameters, optimiser buffers, ...).
    public var arrays: [String: [Float]]
    /// Free-form string metadata (model kind, epoch, seed, ...).
    public var metadata: [String: String]

    /// The format version written by `encoded()`.
    public static let formatVersion: UInt32 = 1
    static let magic: [UInt8] = Array("GLRCKPT".utf8) + [0]
    static let headerSize = 8 + 4 + 8

    /// A checkpoint holding `arrays` and `metadata`.
    public init(arrays: [String: [Float]], metadata: [String: String] = [:]) {
        self.arrays = arrays
        self.metadata = metadata
    }

    /// The binary encoding (see the file header).
    public func encoded() -> [UInt8] {
        var payload: [UInt8] = []
        payload.reserveCapacity(arrays.values.reduce(64) { $0 + 64 + 4 * $1.count })
        append(UInt32(arrays.count), to: &payload)
        for name in arrays.keys.sorted() {
            appendString(name, to: &payload)
            let values = arrays[name]!
            append(UInt64(values.count), to: &payload)
            payload += Float32Bytes.bytes(values)
        }
        append(UInt32(metadata.count), to: &payload)
        for key in metadata.keys.sorted() {
            appendString(key, to: &payload)
            appendString(metadata[key]!, to: &payload)
        }
        var bytes = Checkpoint.magic
        append(Checkpoint.formatVersion, to: &bytes)
        append(UInt64(payload.count), to: &bytes)
        bytes += payload
        append(CRC32.checksum(payload), to: &bytes)
        return bytes
    }

    /// Decodes bytes written by `encoded()`; throws `CheckpointError` if they are truncated,
    /// corrupt (checksum), of another format version, or not a checkpoint.
    public init(decoding bytes: [UInt8]) throws {
        guard bytes.count >= Checkpoint.headerSize + 4 else { throw CheckpointError.tooShort(byteCount: bytes.count) }
        guard Array(bytes[0..<8]) == Checkpoint.magic else { throw CheckpointError.badMagic }
        var reader = ByteReader(bytes: bytes, offset: 8)
        let version: UInt32 = try reader.read()
        guard version == Checkpoint.formatVersion else {
            throw CheckpointError.unsupportedVersion(found: version, supported: Checkpoint.formatVersion)
        }
        let length: UInt64 = try reader.read()
        let expected = Checkpoint.headerSize + 4 + Int(clamping: length)
        guard length <= UInt64(Int.max / 2), bytes.count >= expected else {
            throw CheckpointError.truncated(expected: expected, found: bytes.count)
        }
        guard bytes.count == expected else {
            throw CheckpointError.malformed(offset: expected, reason: "\(bytes.count - expected) unexpected bytes after the checksum")
        }
        let payloadEnd = Checkpoint.headerSize + Int(length)
        var crcReader = ByteReader(bytes: bytes, offset: payloadEnd)
        let stored: UInt32 = try crcReader.read()
        let computed = CRC32.checksum(bytes[Checkpoint.headerSize..<payloadEnd])
        guard stored == computed else { throw CheckpointError.checksumMismatch(stored: stored, computed: computed) }

        reader.limit = payloadEnd
        var arrays: [String: [Float]] = [:]
        let arrayCount: UInt32 = try reader.read()
        for _ in 0..<arrayCount {
            let name = try reader.readString()
            let count: UInt64 = try reader.read()
            guard count <= UInt64((reader.limit - reader.offset) / 4) else {
                throw CheckpointError.malformed(offset: reader.offset, reason: "array '\(name)' claims \(count) values, more than the file holds")
            }
            let end = reader.offset + 4 * Int(count)
            arrays[name] = Float32Bytes.values(reader.bytes[reader.offset..<end])!
            reader.offset = end
        }
        var metadata: [String: String] = [:]
        let metaCount: UInt32 = try reader.read()
        for _ in 0..<metaCount {
            let key = try reader.readString()
            metadata[key] = try reader.readString()
        }
        guard reader.offset == payloadEnd else {
            throw CheckpointError.malformed(offset: reader.offset, reason: "payload has \(payloadEnd - reader.offset) trailing bytes")
        }
        self.arrays = arrays
        self.metadata = metadata
    }
}

private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    var v = value.littleEndian
    withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
}

private func appendString(_ s: String, to bytes: inout [UInt8]) {
    let utf8 = Array(s.utf8)
    append(UInt32(utf8.count), to: &bytes)
    bytes += utf8
}

/// Bounds-checked little-endian reads from a byte array.
private struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    lazy var limit: Int = bytes.count

    init(bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    mutating func read<T: FixedWidthInteger>() throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= limit else {
            throw CheckpointError.malformed(offset: offset, reason: "needs \(size) more bytes but the payload ends at \(limit)")
        }
        var v: T = 0
        for i in 0..<size { v |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return v
    }

    mutating func readString() throws -> String {
        let n: UInt32 = try read()
        guard Int(n) <= limit - offset else {
            throw CheckpointError.malformed(offset: offset, reason: "string of \(n) bytes runs past the payload end")
        }
        let s = String(decoding: bytes[offset..<offset + Int(n)], as: UTF8.self)
        offset += Int(n)
        return s
    }
}
