// Finding and loading an MNIST-format dataset directory.
//
// A dataset directory holds four IDX files, gzipped or raw:
//   train-images-idx3-ubyte[.gz]  train-labels-idx1-ubyte[.gz]
//   t10k-images-idx3-ubyte[.gz]   t10k-labels-idx1-ubyte[.gz]

import Crypto
import Foundation

/// Loads datasets by name ("fashion-mnist") or from a directory of IDX files.
public enum DatasetLoader {
    /// The default dataset's name.
    public static let defaultName = "fashion-mnist"
    /// Where Debian's `dataset-fashion-mnist` package installs the files.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// The Debian package holding the default dataset.
    public static let defaultPackage = "dataset-fashion-mnist"

    /// The four files of a dataset, in fingerprint order: (role, base name).
    static let fileSpecs: [(role: String, base: String, magic: UInt32)] = [
        ("train images", "train-images-idx3-ubyte", IDXFile.imagesMagic),
        ("train labels", "train-labels-idx1-ubyte", IDXFile.labelsMagic),
        ("test images", "t10k-images-idx3-ubyte", IDXFile.imagesMagic),
        ("test labels", "t10k-labels-idx1-ubyte", IDXFile.labelsMagic),
    ]

    /// Loads a dataset: `"fashion-mnist"` is /usr/share/datasets/fashion-mnist; anything
    /// else is a directory of MNIST-format IDX files (e.g. real MNIST or KMNIST).
    ///
    /// Pixels are scaled to [0,1]; `mean`/`std` are those of the training pixels;
    /// `fingerprint` is the hex SHA-256 of the four files' bytes in a fixed order.
    /// - Throws: `DataError` naming the missing directory or file, or what is wrong in
    ///   a file; for the missing default, how to install it.
    public static func load(_ spec: String) throws -> ImageDataset {
        let (directory, name) = try resolve(spec)
        return try load(directory: URL(fileURLWithPath: directory, isDirectory: true), name: name)
    }

    /// The four files of a dataset spec, in fingerprint order (train images, train labels,
    /// test images, test labels), each `NAME.gz` or `NAME`, without reading them.
    /// - Throws: the same missing-dataset, -directory and -file errors as `load`.
    public static func files(_ spec: String) throws -> [URL] {
        let directory = try resolve(spec).directory
        return try fileSpecs.map { try locate($0.base, in: URL(fileURLWithPath: directory, isDirectory: true)) }
    }

    /// The fingerprint `load` would give (hex SHA-256 of the four files' bytes in
    /// fingerprint order), computed without decoding the images.
    public static func fingerprint(_ spec: String) throws -> String {
        var hasher = SHA256()
        for url in try files(spec) { hasher.update(data: try IDXFile.readBytes(url)) }
        return hex(hasher.finalize())
    }

    /// The directory and name a spec stands for, or the error saying why it is unusable.
    static func resolve(_ spec: String) throws -> (directory: String, name: String) {
        if spec == defaultName {
            guard isDirectory(defaultDirectory) else {
                throw DataError.defaultDatasetMissing(name: defaultName, directory: defaultDirectory, package: defaultPackage)
            }
            return (defaultDirectory, defaultName)
        }
        guard isDirectory(spec) else { throw DataError.directoryMissing(path: spec) }
        return (spec, URL(fileURLWithPath: spec).standardizedFileURL.lastPathComponent)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    /// Loads the four IDX files of `directory` (each `NAME.gz` or `NAME`, gzip preferred).
    public static func load(directory: URL, name: String) throws -> ImageDataset {
        let urls = try fileSpecs.map { try locate($0.base, in: directory) }
        let contents = try urls.map { try IDXFile.readBytes($0) }
        // Hashing and the four decodes are independent: run them concurrently.
        enum Piece { case fingerprint(String), idx(IDXFile) }
        let pieces = try parallelMap(1 + fileSpecs.count) { task -> Piece in
            if task == 0 {
                var hasher = SHA256()
                for bytes in contents { hasher.update(data: bytes) }
                return .fingerprint(hex(hasher.finalize()))
            }
            let index = task - 1
            let path = urls[index].path
            let bytes = contents[index]
            let inflated = Gzip.isGzip(bytes) ? try Gzip.inflate(bytes, path: path) : bytes
            return .idx(try IDXFile(decoding: inflated, magic: fileSpecs[index].magic, path: path))
        }
        guard case let .fingerprint(fingerprint) = pieces[0] else { preconditionFailure("task 0 is the fingerprint") }
        let decoded: [IDXFile] = pieces.dropFirst().map {
            guard case let .idx(file) = $0 else { preconditionFailure("tasks 1... are files") }
            return file
        }
        let splits = try parallelMap(2) { s in
            try split(images: decoded[2 * s], labels: decoded[2 * s + 1], imagesPath: urls[2 * s].path, labelsPath: urls[2 * s + 1].path)
        }
        let train = splits[0], test = splits[1]
        guard train.height == test.height, train.width == test.width else {
            throw DataError.mismatch(path: urls[2].path,
                                     reason: "test images are \(test.height)×\(test.width) but train images are \(train.height)×\(train.width)")
        }
        let (mean, std) = byteStatistics(decoded[0].values)
        return ImageDataset(name: name, train: train, test: test, mean: mean, std: std, fingerprint: fingerprint)
    }

    /// Mean and population standard deviation of bytes / 255, exactly from a histogram.
    static func byteStatistics(_ bytes: [UInt8]) -> (mean: Float, std: Float) {
        var histogram = [Int](repeating: 0, count: 256)
        bytes.withUnsafeBufferPointer { b in
            histogram.withUnsafeMutableBufferPointer { h in
                for v in b { h[Int(v)] += 1 }
            }
        }
        var sum = 0.0, sumSquares = 0.0
        for (v, c) in histogram.enumerated() {
            let x = Double(v) / 255
            sum += Double(c) * x
            sumSquares += Double(c) * x * x
        }
        let n = Double(max(bytes.count, 1))
        let mean = sum / n
        let std = max(0, sumSquares / n - mean * mean).squareRoot()
        return (Float(mean), Float(std > 0 ? std : 1))
    }

    /// Raw images from decoded IDX image and label arrays, checked against each other.
    static func split(images: IDXFile, labels: IDXFile, imagesPath: String, labelsPath: String) throws -> RawImages {
        let n = images.dimensions[0], height = images.dimensions[1], width = images.dimensions[2]
        guard labels.dimensions[0] == n else {
            throw DataError.mismatch(path: labelsPath, reason: "has \(labels.dimensions[0]) labels but \(imagesPath) has \(n) images")
        }
        let count = images.values.count
        let pixels = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            images.values.withUnsafeBufferPointer { source in
                let scale: Float = 1 / 255
                for i in 0..<count { buffer[i] = Float(source[i]) * scale }
            }
            initialized = count
        }
        var labelValues = [Int32](repeating: 0, count: n)
        for i in 0..<n { labelValues[i] = Int32(labels.values[i]) }
        return RawImages(pixels: pixels, labels: labelValues, height: height, width: width)
    }

    /// `base.gz` or `base` in `directory`, or `DataError.fileMissing` naming both.
    static func locate(_ base: String, in directory: URL) throws -> URL {
        let candidates = [base + ".gz", base]
        for candidate in candidates {
            let url = directory.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw DataError.fileMissing(directory: directory.path, candidates: candidates)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
