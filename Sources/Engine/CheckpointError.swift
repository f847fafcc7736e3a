/// Why a checkpoint could not be read or applied; each case says where and how to fix it.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// Fewer bytes than the fixed header.
    case tooShort(byteCount: Int)
    /// The file does not start with the glr checkpoint magic.
    case badMagic
    /// Written by a newer or unknown format version.
    case unsupportedVersion(found: UInt32, supported: UInt32)
    /// Fewer bytes than the header announces.
    case truncated(expected: Int, found: Int)
    /// The stored CRC-32 does not match the content.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// The payload's structure is inconsistent at a byte offset (corrupt file).
    case malformed(offset: Int, reason: String)
    /// An array the model needs is absent.
    case missingArray(name: String)
    /// An array has the wrong number of elements for the model.
    case shapeMismatch(name: String, expected: Int, found: Int)
    /// An array the model does not know.
    case unexpectedArray(name: String)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .tooShort(let n):
            return "checkpoint is \(n) bytes, shorter than its header: the file is truncated or not a glr checkpoint; delete it and recompute"
        case .badMagic:
            return "not a glr checkpoint (bad magic bytes): check the path, or delete the file and recompute"
        case .unsupportedVersion(let found, let supported):
            return "checkpoint format version \(found) is not supported (this glr reads version \(supported)): recompute it with this glr"
        case .truncated(let expected, let found):
            return "checkpoint is truncated: header announces \(expected) bytes, file has \(found); delete it and recompute"
        case .checksumMismatch(let stored, let computed):
            return "checkpoint is corrupt: CRC-32 stored \(String(stored, radix: 16)), computed \(String(computed, radix: 16)); delete it and recompute"
        case .malformed(let offset, let reason):
            return "checkpoint is malformed at byte \(offset): \(reason); delete it and recompute"
        case .missingArray(let name):
            return "checkpoint lacks array '\(name)': it was written for a different model; recompute it"
        case .shapeMismatch(let name, let expected, let found):
            return "checkpoint array '\(name)' has \(found) values but the model needs \(expected): it was written for a different model"
        case .unexpectedArray(let name):
            return "checkpoint has array '\(name)' that this model does not have: it was written for a different model"
        }
    }
}
