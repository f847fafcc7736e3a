/// Why a PNG could not be encoded, decoded or written.
public enum PNGError: Error, CustomStringConvertible, Equatable {
    /// libpng refused to encode a `width × height` canvas (its message attached).
    case encodingFailed(width: Int, height: Int, message: String)
    /// libpng could not decode the bytes from `source` (a path or "memory").
    case decodingFailed(source: String, message: String)
    /// The file at `path` could not be written or renamed into place.
    case writeFailed(path: String, message: String)

    /// A message that says what failed and how to fix it.
    public var description: String {
        switch self {
        case let .encodingFailed(w, h, message):
            return "PNG encoding of a \(w)×\(h) canvas failed: \(message) (canvases must be non-empty and under 2³¹ bytes)"
        case let .decodingFailed(source, message):
            return "PNG decoding of \(source) failed: \(message) (is it a PNG file? re-create it)"
        case let .writeFailed(path, message):
            return "Writing PNG \(path) failed: \(message) (check that the directory exists and is writable)"
        }
    }
}
