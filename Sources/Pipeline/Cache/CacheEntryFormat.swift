import Foundation

/// The on-disk format of an entry: a text header with the payload's length and SHA-256,
/// then the payload.
///
///     GLRCACHE 1\n
///     length N\n
///     sha256 HEX\n
///     \n
///     PAYLOAD (N bytes)
public enum CacheEntryFormat {
    static let magic = "GLRCACHE 1"

    /// Header + payload.
    public static func encode(_ payload: [UInt8]) -> [UInt8] {
        let header = "\(magic)\nlength \(payload.count)\nsha256 \(CacheKey.hex(payload))\n\n"
        return Array(header.utf8) + payload
    }

    /// The payload, checked against the header.
    /// - Throws: `CacheError.corrupt` naming `entry` and what is wrong.
    public static func decode(_ bytes: [UInt8], entry: String) throws -> [UInt8] {
        // Header: four newline-terminated lines, the last empty.
        var newlines: [Int] = []
        for (i, b) in bytes.prefix(256).enumerated() where b == 0x0A {
            newlines.append(i)
            if newlines.count == 4 { break }
        }
        guard newlines.count == 4, newlines[3] == newlines[2] + 1 else { throw CacheError.corrupt(entry: entry, reason: "bad header") }
        let lines = String(decoding: bytes[..<newlines[2]], as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 3, lines[0] == magic, lines[1].hasPrefix("length "), lines[2].hasPrefix("sha256 "),
              let length = Int(lines[1].dropFirst(7)) else {
            throw CacheError.corrupt(entry: entry, reason: "bad header")
        }
        let payload = Array(bytes[(newlines[3] + 1)...])
        guard payload.count == length else {
            throw CacheError.corrupt(entry: entry, reason: "truncated: \(payload.count) of \(length) bytes")
        }
        guard CacheKey.hex(payload) == String(lines[2].dropFirst(7)) else {
            throw CacheError.corrupt(entry: entry, reason: "checksum mismatch")
        }
        return payload
    }
}
