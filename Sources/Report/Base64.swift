import Foundation

/// Base64 (RFC 4648, with padding, no line breaks) for data URIs.
enum Base64 {
    /// The base64 text of some bytes.
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
