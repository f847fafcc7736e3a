// Small IDX datasets written to temporary directories for the Data tests.

import Data
import Foundation

/// Writes raw bytes to `directory/name`.
@discardableResult
func writeFile(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

/// Compresses a file in place with /bin/gzip (an implementation independent of glr's).
func gzipFile(_ url: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-f", "-n", url.path]
    try process.run()
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "gzip failed on \(url.path)")
}

/// Runs a shell command and returns its standard output.
func shell(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "command failed: \(command)")
    return String(decoding: data, as: UTF8.self)
}

/// A tiny MNIST-format dataset: images whose pixels encode (image, position), labels i % classes.
struct TinyDataset {
    let trainCount: Int
    let testCount: Int
    let height: Int
    let width: Int
    let classes: Int

    /// Pixel byte of image `i`, position `p` (deterministic, spans 0...255).
    func byte(_ i: Int, _ p: Int, test: Bool) -> UInt8 {
        UInt8((i * 37 + p * 11 + (test ? 101 : 0)) % 256)
    }

    func imageBytes(test: Bool) -> [UInt8] {
        let n = test ? testCount : trainCount
        var bytes: [UInt8] = []
        for i in 0..<n { for p in 0..<(height * width) { bytes.append(byte(i, p, test: test)) } }
        return bytes
    }

    func labelBytes(test: Bool) -> [UInt8] {
        let n = test ? testCount : trainCount
        return (0..<n).map { UInt8($0 % classes) }
    }

    /// Writes the four IDX files into `directory`, gzipped when `gzip` is true.
    func write(to directory: URL, gzip: Bool) throws {
        let files: [(String, [UInt8], [Int])] = [
            ("train-images-idx3-ubyte", imageBytes(test: false), [trainCount, height, width]),
            ("train-labels-idx1-ubyte", labelBytes(test: false), [trainCount]),
            ("t10k-images-idx3-ubyte", imageBytes(test: true), [testCount, height, width]),
            ("t10k-labels-idx1-ubyte", labelBytes(test: true), [testCount]),
        ]
        for (name, values, dims) in files {
            let url = try writeFile(IDXFile.encode(values, dimensions: dims), name, in: directory)
            if gzip { try gzipFile(url) }
        }
    }
}

/// An in-memory dataset for benchmark tests. Image i of a split has pixel j equal to
/// (j + 1) / (P + 1) scaled by a per-image factor, so pixels within an image are distinct
/// (a permutation can be read back) and the pixel sum identifies the image.
func syntheticDataset(train: Int, test: Int, height: Int, width: Int, classes: Int) -> ImageDataset {
    func split(_ n: Int, offset: Int) -> RawImages {
        let p = height * width
        var pixels = [Float](repeating: 0, count: n * p)
        for i in 0..<n {
            let factor = Float(1 + (i + offset) % 97) / 97
            for j in 0..<p { pixels[i * p + j] = factor * Float(j + 1) / Float(p + 1) }
        }
        return RawImages(pixels: pixels, labels: (0..<n).map { Int32(($0 * 7 + offset) % classes) }, height: height, width: width)
    }
    return ImageDataset(name: "synthetic", train: split(train, offset: 0), test: split(test, offset: 31), fingerprint: "synthetic")
}
