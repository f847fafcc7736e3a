// Inflating gzip files with zlib (through the CZlib shim).

import CZlib
import Foundation

/// Gzip decompression of whole files in memory.
public enum Gzip {
    /// True when `bytes` starts with the gzip magic 0x1f 0x8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates gzip data (all members, zlib `inflate` with windowBits 15+32).
    ///
    /// - Parameter path: the file the bytes came from, for error messages.
    /// - Throws: `DataError.gzip` when the data is not valid gzip or ends early.
    public static func inflate(_ input: [UInt8], path: String) throws -> [UInt8] {
        guard !input.isEmpty else { throw DataError.gzip(path: path, reason: "the file is empty") }
        // ISIZE (last 4 bytes, little-endian) is the uncompressed size mod 2^32: a capacity hint.
        var hint = input.count * 4
        if input.count >= 18 {
            let n = input.count
            let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
            // A truncated or odd file can end in any 4 bytes: trust ISIZE only up to 64:1.
            if isize > 0 { hint = min(isize, 64 * input.count + 1024) }
        }
        var output = [UInt8](repeating: 0, count: max(hint, 1024))
        var produced = 0
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw DataError.gzip(path: path, reason: "zlib init failed (\(status))") }
        defer { inflateEnd(&stream) }

        try input.withUnsafeBufferPointer { inBuffer in
            var consumed = 0
            while true {
                if produced == output.count { output.append(contentsOf: [UInt8](repeating: 0, count: output.count)) }
                let chunkIn = min(inBuffer.count - consumed, Int(UInt32.max))
                let chunkOut = min(output.count - produced, Int(UInt32.max))
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress! + consumed)
                stream.avail_in = UInt32(chunkIn)
                status = output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress! + produced
                    stream.avail_out = UInt32(chunkOut)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                consumed += chunkIn - Int(stream.avail_in)
                produced += chunkOut - Int(stream.avail_out)
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (concatenated files); other trailing bytes are ignored.
                    if inBuffer.count - consumed >= 2 && inBuffer[consumed] == 0x1F && inBuffer[consumed + 1] == 0x8B {
                        inflateReset(&stream)
                        continue
                    }
                    return
                case Z_OK, Z_BUF_ERROR:
                    // No progress possible with all input consumed and room left: the stream ended early.
                    if consumed == inBuffer.count && produced < output.count {
                        throw DataError.gzip(path: path, reason: "the compressed data ends early (truncated file)")
                    }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw DataError.gzip(path: path, reason: message)
                }
            }
        }
        output.removeSubrange(produced...)
        return output
    }
}
