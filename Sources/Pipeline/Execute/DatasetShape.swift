import Data
import Foundation

/// What planning needs to know about a dataset to check sizes before anything runs: image
/// and class counts of each split (from the two label files) and the image size (from the
/// training images' IDX header). Read once per dataset and memoised in `datasets.json`.
public struct DatasetShape: Codable, Sendable, Equatable {
    /// The class labels of either split, sorted.
    public var classes: [Int32]
    /// Training images of each class, in `classes` order.
    public var trainCounts: [Int]
    /// Test images of each class, in `classes` order.
    public var testCounts: [Int]
    /// Image height and width in pixels (nil: unknown, 28×28 assumed).
    public var height: Int?, width: Int?

    /// Creates a shape from per-class counts (stored sorted by class, so that its encoding
    /// is canonical).
    public init(trainPerClass: [Int32: Int], testPerClass: [Int32: Int], height: Int? = nil, width: Int? = nil) {
        classes = Set(trainPerClass.keys).union(testPerClass.keys).sorted()
        trainCounts = classes.map { trainPerClass[$0] ?? 0 }
        testCounts = classes.map { testPerClass[$0] ?? 0 }
        self.height = height
        self.width = width
    }

    /// Pixels per image (28×28 when unknown).
    public var pixels: Int { (height ?? 28) * (width ?? 28) }

    /// Reads the label files of a dataset spec.
    /// - Throws: the loader's errors for a missing or malformed file.
    public static func read(_ spec: String) throws -> DatasetShape {
        let files = try DatasetLoader.files(spec)
        func counts(_ url: URL) throws -> [Int32: Int] {
            var result: [Int32: Int] = [:]
            for label in try IDXFile.read(url, magic: IDXFile.labelsMagic).values { result[Int32(label), default: 0] += 1 }
            return result
        }
        let dimensions = try IDXFile.read(files[0], magic: IDXFile.imagesMagic).dimensions
        return DatasetShape(trainPerClass: try counts(files[1]), testPerClass: try counts(files[3]),
                            height: dimensions.count == 3 ? dimensions[1] : nil, width: dimensions.count == 3 ? dimensions[2] : nil)
    }

    /// Training and test images each experience of `benchmark` has before `train_size` /
    /// `test_size` subsample it: every image for rotated and permuted, a class pair's for
    /// split (the smallest pair among the first `experiences`).
    public func perExperience(_ benchmark: BenchmarkKind, experiences: Int) -> (train: Int, test: Int) {
        let train = trainCounts.reduce(0, +), test = testCounts.reduce(0, +)
        guard benchmark == .split else { return (train, test) }
        var smallest = (train: train, test: test)
        for i in 0..<min(experiences, classes.count / 2) {
            smallest.train = min(smallest.train, trainCounts[2 * i] + trainCounts[2 * i + 1])
            smallest.test = min(smallest.test, testCounts[2 * i] + testCounts[2 * i + 1])
        }
        return smallest
    }
}
