/// A cache problem, naming the entry or file.
public enum CacheError: Error, CustomStringConvertible, Sendable {
    /// The entry's header, length or checksum does not match its payload.
    case corrupt(entry: String, reason: String)
    /// A file operation failed.
    case io(path: String, reason: String)

    /// What happened and what glr does or the user can do.
    public var description: String {
        switch self {
        case .corrupt(let entry, let reason):
            return "cache entry \(entry) is corrupt (\(reason)); it is removed and recomputed"
        case .io(let path, let reason):
            return "cache: \(path): \(reason); check permissions and free space, choose another --cache directory, or use --no-cache"
        }
    }
}
