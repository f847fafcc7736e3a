// Errors of the Data module: every case names the file or setting it came from and
// says how to fix it.

import Foundation

/// A failure while reading dataset, IDX or NumPy files, or while building a benchmark.
public enum DataError: Error, Equatable, Sendable {
    /// The default dataset directory does not exist (the Debian package is not installed).
    case defaultDatasetMissing(name: String, directory: String, package: String)
    /// A dataset directory given by path does not exist or is not a directory.
    case directoryMissing(path: String)
    /// None of the accepted file names exists in a dataset directory.
    case fileMissing(directory: String, candidates: [String])
    /// A file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// A gzip file could not be inflated.
    case gzip(path: String, reason: String)
    /// An IDX file's magic number is not the expected one.
    case wrongMagic(path: String, found: UInt32, expected: UInt32)
    /// An IDX file has a wrong number of dimensions or a zero/mismatched dimension.
    case wrongDimensions(path: String, reason: String)
    /// A file ends before the size its header announces.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// A file holds more bytes than its header announces.
    case trailingBytes(path: String, expectedBytes: Int, actualBytes: Int)
    /// Two files of one split disagree (e.g. image and label counts).
    case mismatch(path: String, reason: String)
    /// A benchmark cannot be built with these settings.
    case invalidBenchmark(reason: String)
    /// A NumPy .npy file is malformed or holds a type this reader does not support.
    case npy(path: String, reason: String)
}

extension DataError: CustomStringConvertible, LocalizedError {
    /// A sentence saying what is wrong, where, and how to fix it.
    public var description: String {
        switch self {
        case let .defaultDatasetMissing(name, directory, package):
            return "dataset '\(name)' not found: \(directory) does not exist; install it with `apt-get install \(package)`, or set `dataset:` to a directory of MNIST-format IDX files"
        case let .directoryMissing(path):
            return "dataset directory \(path) does not exist or is not a directory; set `dataset:` to fashion-mnist or to a directory of MNIST-format IDX files"
        case let .fileMissing(directory, candidates):
            return "dataset directory \(directory) has no \(candidates.joined(separator: " or ")); put the MNIST-format IDX file there (gzipped or raw)"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .gzip(path, reason):
            return "\(path) is not a valid gzip file (\(reason)); re-download it or use the un-gzipped IDX file"
        case let .wrongMagic(path, found, expected):
            return "\(path): wrong IDX magic number 0x\(hex8(found)), expected 0x\(hex8(expected)); is this the right file (images vs labels)?"
        case let .wrongDimensions(path, reason):
            return "\(path): \(reason)"
        case let .truncated(path, expected, actual):
            return "\(path) is truncated: its header announces \(expected) bytes but it has \(actual); re-download the file"
        case let .trailingBytes(path, expected, actual):
            return "\(path) has \(actual) bytes but its header announces \(expected); the file is corrupt or not an IDX file"
        case let .mismatch(path, reason):
            return "\(path): \(reason)"
        case let .invalidBenchmark(reason):
            return "cannot build the benchmark: \(reason)"
        case let .npy(path, reason):
            return "\(path): \(reason)"
        }
    }

    /// Same as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}

private func hex8(_ value: UInt32) -> String {
    let s = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 8 - s.count)) + s
}
