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
    static let files: [(role: String, base: String, magic: UInt32)] = [
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
        let directory: String
        let name: String
        if spec == defaultName {
            directory = defaultDirectory
            name = defaultName
            guard isDirectory(directory) else {
                throw DataError.defaultDatasetMissing(name: defaultName, directory: directory, package: defaultPackage)
            }
        } else {
            directory = spec
            guard isDirectory(directory) else { throw DataError.directoryMissing(path: directory) }
            name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        }
        return try load(directory: URL(fileURLWithPath: directory, isDirectory: true), name: name)
    }

    /// Loads the four IDX files of `directory` (each `NAME.gz` or `NAME`, gzip preferred).
    public static func load(directory: URL, name: String) throws -> ImageDataset {
        let urls = try files.map { try locate($0.base, in: directory) }
        var contents: [[UInt8]] = []
        var hasher = SHA256()
        for url in urls {
            let bytes = try IDXFile.readBytes(url)
            hasher.update(data: bytes)
            contents.append(bytes)
        }
        let fingerprint = hasher.finalize().map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()

        var decoded: [IDXFile] = []
        for (index, file) in files.enumerated() {
            let path = urls[index].path
            let bytes = contents[index]
            let inflated = Gzip.isGzip(bytes) ? try Gzip.inflate(bytes, path: path) : bytes
            contents[index] = []  // release the compressed copy early
            decoded.append(try IDXFile(decoding: inflated, magic: file.magic, path: path))
        }
        let train = try split(images: decoded[0], labels: decoded[1], imagesPath: urls[0].path, labelsPath: urls[1].path)
        let test = try split(images: decoded[2], labels: decoded[3], imagesPath: urls[2].path, labelsPath: urls[3].path)
        guard train.height == test.height, train.width == test.width else {
            throw DataError.mismatch(path: urls[2].path,
                                     reason: "test images are \(test.height)×\(test.width) but train images are \(train.height)×\(train.width)")
        }
        return ImageDataset(name: name, train: train, test: test, fingerprint: fingerprint)
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
