// IDX files (the MNIST format): a big-endian header, then unsigned bytes.
//
// Layout: magic (UInt32: 0x00 0x00, type 0x08 = unsigned byte, number of dimensions),
// one UInt32 per dimension, then the product of the dimensions in bytes, row-major.
// Images are 0x00000803 (N×H×W), labels 0x00000801 (N). Files may be gzipped.

import Foundation

/// An unsigned-byte array read from an IDX file.
public struct IDXFile: Sendable {
    /// Magic number of an unsigned-byte image file (3 dimensions: N×H×W).
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic number of an unsigned-byte label file (1 dimension: N).
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// The dimensions from the header, outermost first.
    public let dimensions: [Int]
    /// The values, row-major, `dimensions.reduce(1, *)` of them.
    public let values: [UInt8]

    /// Reads an IDX file (gzipped or raw) and checks its magic number and size.
    ///
    /// - Parameters:
    ///   - url: the file; gzip is detected from its first two bytes, not its name.
    ///   - magic: the expected magic number (`imagesMagic` or `labelsMagic`); its low byte
    ///     is the number of dimensions.
    /// - Throws: `DataError` naming the file: unreadable, bad gzip, wrong magic, a zero
    ///   dimension, truncated, or trailing bytes.
    public static func read(_ url: URL, magic: UInt32) throws -> IDXFile {
        let bytes = try readBytes(url)
        let contents = Gzip.isGzip(bytes) ? try Gzip.inflate(bytes, path: url.path) : bytes
        return try IDXFile(decoding: contents, magic: magic, path: url.path)
    }

    /// Decodes the (already inflated) bytes of an IDX file.
    ///
    /// - Parameter path: where the bytes came from, for error messages.
    public init(decoding bytes: [UInt8], magic: UInt32, path: String) throws {
        let rank = Int(magic & 0xFF)
        guard bytes.count >= 4 else {
            throw DataError.truncated(path: path, expectedBytes: 4, actualBytes: bytes.count)
        }
        let found = IDXFile.bigEndian(bytes, at: 0)
        if found != magic {
            // Same type byte, other rank: say so in terms of dimensions.
            if found & 0xFFFF_FF00 == magic & 0xFFFF_FF00 {
                throw DataError.wrongDimensions(
                    path: path, reason: "has \(found & 0xFF) dimensions, expected \(rank) (magic 0x\(String(found, radix: 16)) instead of 0x\(String(magic, radix: 16)))")
            }
            throw DataError.wrongMagic(path: path, found: found, expected: magic)
        }
        let headerBytes = 4 + 4 * rank
        guard bytes.count >= headerBytes else {
            throw DataError.truncated(path: path, expectedBytes: headerBytes, actualBytes: bytes.count)
        }
        var dimensions: [Int] = []
        var total = 1
        for d in 0..<rank {
            let size = Int(IDXFile.bigEndian(bytes, at: 4 + 4 * d))
            guard size > 0 else {
                throw DataError.wrongDimensions(path: path, reason: "dimension \(d) is 0; the file holds no data")
            }
            dimensions.append(size)
            total *= size
        }
        let expected = headerBytes + total
        if bytes.count < expected {
            throw DataError.truncated(path: path, expectedBytes: expected, actualBytes: bytes.count)
        }
        if bytes.count > expected {
            throw DataError.trailingBytes(path: path, expectedBytes: expected, actualBytes: bytes.count)
        }
        self.dimensions = dimensions
        self.values = Array(bytes[headerBytes...])
    }

    /// Encodes values as an IDX file's bytes (for tests and for writing small datasets).
    public static func encode(_ values: [UInt8], dimensions: [Int]) -> [UInt8] {
        precondition(dimensions.reduce(1, *) == values.count, "IDX values must match the dimensions")
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions {
            let v = UInt32(d)
            bytes += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        return bytes + values
    }

    /// The whole file's bytes, or `DataError.unreadable` naming it.
    static func readBytes(_ url: URL) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw DataError.unreadable(path: url.path, reason: error.localizedDescription)
        }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
