// Dataset loading: small directories written here, errors, and the real Fashion-MNIST.

import Data
import Foundation
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct DatasetLoaderTests {
    let tiny = TinyDataset(trainCount: 30, testCount: 10, height: 4, width: 3, classes: 5)

    @Test(arguments: [false, true]) func loadsADirectory(gzipped: Bool) throws {
        let dir = try temporaryDirectory()
        try tiny.write(to: dir, gzip: gzipped)
        let dataset = try DatasetLoader.load(dir.path)
        #expect(dataset.name == dir.lastPathComponent)
        #expect(dataset.train.count == 30 && dataset.test.count == 10)
        #expect(dataset.train.height == 4 && dataset.train.width == 3)
        #expect(dataset.train.labels == tiny.labelBytes(test: false).map { Int32($0) })
        #expect(dataset.test.labels == tiny.labelBytes(test: true).map { Int32($0) })
        #expect(dataset.classes == [0, 1, 2, 3, 4])
        // Pixels are byte / 255.
        let expected = tiny.imageBytes(test: true).map { Double($0) / 255 }
        #expect(zip(dataset.test.pixels, expected).allSatisfy { abs(Double($0) - $1) < 1e-7 })
        // Mean and std computed independently in Double.
        let train = tiny.imageBytes(test: false).map { Double($0) / 255 }
        let mean = train.reduce(0, +) / Double(train.count)
        let std = (train.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(train.count)).squareRoot()
        #expect(abs(Double(dataset.mean) - mean) < 1e-6)
        #expect(abs(Double(dataset.std) - std) < 1e-6)
        // Fingerprint: SHA-256 of the four files concatenated, by coreutils.
        let ext = gzipped ? ".gz" : ""
        let names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
        let command = "cd '\(dir.path)' && cat " + names.map { $0 + ext }.joined(separator: " ") + " | sha256sum"
        let reference = try shell(command).split(separator: " ")[0]
        #expect(dataset.fingerprint == String(reference))
    }

    @Test func filesAndFingerprintWithoutLoading() throws {
        let dir = try temporaryDirectory()
        try tiny.write(to: dir, gzip: true)
        // A raw file next to a gzipped one: the gzipped one is preferred.
        try writeFile(IDXFile.encode([1], dimensions: [1]), "train-labels-idx1-ubyte", in: dir)
        let files = try DatasetLoader.files(dir.path)
        #expect(files.map(\.lastPathComponent) == ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                                  "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])
        #expect(try DatasetLoader.fingerprint(dir.path) == DatasetLoader.load(dir.path).fingerprint)
        #expect(throws: DataError.directoryMissing(path: "/nonexistent/x")) { try DatasetLoader.fingerprint("/nonexistent/x") }
    }

    @Test func fingerprintChangesWithTheData() throws {
        let a = try temporaryDirectory(), b = try temporaryDirectory()
        try tiny.write(to: a, gzip: false)
        try TinyDataset(trainCount: 30, testCount: 10, height: 4, width: 3, classes: 3).write(to: b, gzip: false)
        #expect(try DatasetLoader.load(a.path).fingerprint != DatasetLoader.load(b.path).fingerprint)
    }

    @Test func missingDirectoryIsNamed() {
        let path = "/nonexistent/glr-dataset"
        #expect(throws: DataError.directoryMissing(path: path)) { try DatasetLoader.load(path) }
    }

    @Test func missingFileIsNamed() throws {
        let dir = try temporaryDirectory()
        try tiny.write(to: dir, gzip: true)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        #expect {
            try DatasetLoader.load(dir.path)
        } throws: { error in
            "\(error)".contains("t10k-labels-idx1-ubyte.gz") && "\(error)".contains(dir.path)
        }
    }

    @Test func labelCountMismatchIsAnError() throws {
        let dir = try temporaryDirectory()
        try tiny.write(to: dir, gzip: false)
        try writeFile(IDXFile.encode([0, 1, 2], dimensions: [3]), "t10k-labels-idx1-ubyte", in: dir)
        #expect {
            try DatasetLoader.load(dir.path)
        } throws: { error in
            guard case let DataError.mismatch(path, reason) = error else { return false }
            return path.hasSuffix("t10k-labels-idx1-ubyte") && reason.contains("3 labels") && reason.contains("10 images")
        }
    }

    @Test func missingDefaultSaysHowToInstall() {
        let message = "\(DataError.defaultDatasetMissing(name: "fashion-mnist", directory: DatasetLoader.defaultDirectory, package: DatasetLoader.defaultPackage))"
        #expect(message.contains("apt-get install dataset-fashion-mnist"))
        #expect(message.contains("/usr/share/datasets/fashion-mnist"))
    }

    static let fashionInstalled = FileManager.default.fileExists(atPath: DatasetLoader.defaultDirectory)

    @Test(.enabled(if: fashionInstalled, "/usr/share/datasets/fashion-mnist is absent: apt-get install dataset-fashion-mnist"))
    func realFashionMNIST() throws {
        let dataset = try DatasetLoader.load("fashion-mnist")
        #expect(dataset.name == "fashion-mnist")
        #expect(dataset.train.count == 60000 && dataset.test.count == 10000)
        #expect(dataset.train.height == 28 && dataset.train.width == 28)
        var counts = [Int](repeating: 0, count: 10)
        for label in dataset.train.labels { counts[Int(label)] += 1 }
        #expect(counts == [Int](repeating: 6000, count: 10))
        var testCounts = [Int](repeating: 0, count: 10)
        for label in dataset.test.labels { testCounts[Int(label)] += 1 }
        #expect(testCounts == [Int](repeating: 1000, count: 10))
        #expect(abs(dataset.mean - 0.2860) < 1e-4)
        #expect(abs(dataset.std - 0.3530) < 1e-4)
        #expect(dataset.fingerprint.count == 64)
    }
}
