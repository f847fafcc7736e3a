// A minimal, independent IDX reader for the end-to-end test (the Data module has its
// own; this one only needs `gzip -dc` and the 8/16-byte IDX headers).
import Foundation

enum FashionMNISTFixture {
    static let directory = "/usr/share/datasets/fashion-mnist"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Decompressed bytes of `name`.gz in the dataset directory.
    static func gunzip(_ name: String) throws -> [UInt8] {
        let path = "\(directory)/\(name).gz"
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path) is missing: install Debian's dataset-fashion-mnist (scripts/install-deps)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "gzip -dc \(path) failed") }
        return [UInt8](data)
    }

    static func bigEndian(_ b: [UInt8], _ at: Int) -> Int {
        (Int(b[at]) << 24) | (Int(b[at + 1]) << 16) | (Int(b[at + 2]) << 8) | Int(b[at + 3])
    }

    /// Pixels in [0,1] (N×784) and labels of a split ("train" or "t10k").
    static func load(_ split: String) throws -> (pixels: [Float], labels: [Int32]) {
        let images = try gunzip("\(split)-images-idx3-ubyte"), labels = try gunzip("\(split)-labels-idx1-ubyte")
        guard bigEndian(images, 0) == 0x803, bigEndian(labels, 0) == 0x801 else { throw Failure(description: "bad IDX magic in \(split)") }
        let n = bigEndian(images, 4)
        guard bigEndian(labels, 4) == n, bigEndian(images, 8) == 28, bigEndian(images, 12) == 28,
              images.count == 16 + n * 784, labels.count == 8 + n else { throw Failure(description: "unexpected IDX sizes in \(split)") }
        return (images[16...].map { Float($0) / 255 }, labels[8...].map { Int32($0) })
    }
}
