import Data
import Foundation

/// What planning needs to know about a dataset to check sizes before anything runs: image
/// and class counts of each split, read from the two label files (small; the image files
/// are not read: MNIST-scale 28×28 images are assumed for the memory estimate).
public struct DatasetShape: Codable, Sendable, Equatable {
    /// Training images per class, by class label.
    public var trainPerClass: [Int32: Int]
    /// Test images per class, by class label.
    public var testPerClass: [Int32: Int]

    /// Creates a shape from per-class counts.
    public init(trainPerClass: [Int32: Int], testPerClass: [Int32: Int]) {
        self.trainPerClass = trainPerClass
        self.testPerClass = testPerClass
    }

    /// Reads the label files of a dataset spec.
    /// - Throws: the loader's errors for a missing or malformed file.
    public static func read(_ spec: String) throws -> DatasetShape {
        let files = try DatasetLoader.files(spec)
        func counts(_ url: URL) throws -> [Int32: Int] {
            var result: [Int32: Int] = [:]
            for label in try IDXFile.read(url, magic: IDXFile.labelsMagic).values { result[Int32(label), default: 0] += 1 }
            return result
        }
        return DatasetShape(trainPerClass: try counts(files[1]), testPerClass: try counts(files[3]))
    }

    /// The sorted class labels of the training split.
    public var classes: [Int32] { trainPerClass.keys.sorted() }

    /// Training and test images each experience of `benchmark` has before `train_size` /
    /// `test_size` subsample it: every image for rotated and permuted, a class pair's for
    /// split (the smallest pair among the first `experiences`).
    public func perExperience(_ benchmark: BenchmarkKind, experiences: Int) -> (train: Int, test: Int) {
        let train = trainPerClass.values.reduce(0, +), test = testPerClass.values.reduce(0, +)
        guard benchmark == .split else { return (train, test) }
        let sorted = classes
        var smallest = (train: train, test: test)
        for i in 0..<min(experiences, sorted.count / 2) {
            let pair = [sorted[2 * i], sorted[2 * i + 1]]
            smallest.train = min(smallest.train, pair.reduce(0) { $0 + (trainPerClass[$1] ?? 0) })
            smallest.test = min(smallest.test, pair.reduce(0) { $0 + (testPerClass[$1] ?? 0) })
        }
        return smallest
    }
}
