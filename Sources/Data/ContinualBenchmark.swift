// Building a continual-learning benchmark (a stream of experiences) from a dataset.

import Foundation
import Engine

/// A stream of experiences built from one dataset: permuted, rotated or split.
public struct ContinualBenchmark: Sendable {
    /// Which benchmark this is.
    public let kind: BenchmarkKind
    /// The experiences, in training order.
    public let experiences: [Experience]

    /// A benchmark from its experiences.
    public init(kind: BenchmarkKind, experiences: [Experience]) {
        self.kind = kind
        self.experiences = experiences
    }

    /// Every class of any experience, ascending.
    public var classes: [Int32] { Array(Set(experiences.flatMap(\.classes))).sorted() }

    /// Builds `experiences` experiences of `kind` from `dataset`.
    ///
    /// - `permuted`: experience i applies its own seeded pixel permutation (stream
    ///   `rng.derived("permutation").derived(i)`), or `permutations[i]` when `permutations`
    ///   is given (e.g. Avalanche's, to train on another tool's exact data). Every experience
    ///   is permuted, the first included, as in Avalanche's PermutedMNIST; train and test
    ///   share the permutation.
    /// - `rotated`: experience i rotates counter-clockwise by i·360°/n about the image
    ///   centre (0°, 72°, 144°, 216°, 288° for n = 5), nearest-neighbour by default
    ///   (torchvision NEAREST), zero fill; see `ImageTransform.rotation`.
    /// - `split`: class-incremental; experience i holds classes 2i and 2i+1 of the
    ///   dataset's sorted classes (at most classes/2 experiences), labels unchanged.
    ///
    /// Transforms act on [0,1] pixels, then pixels are normalised with the dataset's
    /// train mean/std. `trainSize`/`testSize` keep a seeded class-balanced subset
    /// (`Subsample.balancedIndices`, stream `rng.derived("subsample")`) of each
    /// experience; for permuted and rotated it is the same subset of source images in
    /// every experience. `rng` is used for nothing else, so the benchmark depends only on it.
    /// - Throws: `DataError.invalidBenchmark` for fewer than one experience, too many
    ///   split experiences, a size outside 1...available, or `permutations` that are not one
    ///   permutation of 0..<H·W per experience of a permuted benchmark.
    public static func make(kind: BenchmarkKind, dataset: ImageDataset, experiences: Int, rng: RandomStream,
                            trainSize: Int?, testSize: Int?, interpolation: Interpolation = .nearest,
                            permutations: [[Int]]? = nil) throws -> ContinualBenchmark {
        guard experiences >= 1 else {
            throw DataError.invalidBenchmark(reason: "experiences must be at least 1, got \(experiences)")
        }
        let height = dataset.train.height, width = dataset.train.width
        if let permutations {
            try validatePermutations(permutations, kind: kind, experiences: experiences, pixels: height * width)
        }
        let allClasses = dataset.classes
        let subsample = rng.derived("subsample")

        switch kind {
        case .permuted, .rotated:
            let trainIndices = try subset(dataset.train, size: trainSize, setting: "train_size", rng: subsample.derived("train"))
            let testIndices = try subset(dataset.test, size: testSize, setting: "test_size", rng: subsample.derived("test"))
            let trainLabels = trainIndices.map { dataset.train.labels[$0] }
            let testLabels = testIndices.map { dataset.test.labels[$0] }
            // Experiences are independent: build them concurrently (same result as serially).
            let result = try parallelMap(experiences) { i -> Experience in
                let transform: ImageTransform
                let label: String
                if kind == .permuted {
                    if let given = permutations?[i] {
                        transform = ImageTransform.permutation(given, height: height, width: width)
                    } else {
                        var stream = rng.derived("permutation").derived(i)
                        transform = ImageTransform.randomPermutation(height: height, width: width, rng: &stream)
                    }
                    label = "permutation \(i)"
                } else {
                    let degrees = 360.0 * Double(i) / Double(experiences)
                    transform = ImageTransform.rotation(degrees: degrees, height: height, width: width, interpolation: interpolation)
                    label = "rotated \(formatDegrees(degrees))°"
                }
                return experience(i, transform: transform, dataset: dataset, trainIndices: trainIndices,
                                  trainLabels: trainLabels, testIndices: testIndices, testLabels: testLabels,
                                  classes: allClasses, label: label)
            }
            return ContinualBenchmark(kind: kind, experiences: result)

        case .split:
            guard experiences * 2 <= allClasses.count else {
                throw DataError.invalidBenchmark(
                    reason: "a split benchmark holds two classes per experience, so \(dataset.name)'s \(allClasses.count) classes allow at most \(allClasses.count / 2) experiences, not \(experiences); lower `experiences`")
            }
            let identity = ImageTransform.identity(height: height, width: width)
            let result = try parallelMap(experiences) { i -> Experience in
                let classes = [allClasses[2 * i], allClasses[2 * i + 1]]
                let trainPool = dataset.train.labels.indices.filter { classes.contains(dataset.train.labels[$0]) }
                let testPool = dataset.test.labels.indices.filter { classes.contains(dataset.test.labels[$0]) }
                let trainPick = try subset(trainPool.map { dataset.train.labels[$0] }, size: trainSize, setting: "train_size",
                                           rng: subsample.derived(i).derived("train"))
                let testPick = try subset(testPool.map { dataset.test.labels[$0] }, size: testSize, setting: "test_size",
                                          rng: subsample.derived(i).derived("test"))
                let trainIndices = trainPick.map { trainPool[$0] }
                let testIndices = testPick.map { testPool[$0] }
                return experience(i, transform: identity, dataset: dataset, trainIndices: trainIndices,
                                  trainLabels: trainIndices.map { dataset.train.labels[$0] },
                                  testIndices: testIndices, testLabels: testIndices.map { dataset.test.labels[$0] },
                                  classes: classes, label: "classes \(classes[0]), \(classes[1])")
            }
            return ContinualBenchmark(kind: kind, experiences: result)
        }
    }

    /// Checks given permutations: a permuted benchmark only, one per experience, each a
    /// permutation of 0..<pixels.
    static func validatePermutations(_ permutations: [[Int]], kind: BenchmarkKind, experiences: Int, pixels: Int) throws {
        guard kind == .permuted else {
            throw DataError.invalidBenchmark(reason: "pixel permutations were given for a \(kind.rawValue) benchmark; they apply to `permuted` only")
        }
        guard permutations.count >= experiences else {
            throw DataError.invalidBenchmark(reason: "\(experiences) experiences need \(experiences) permutations, but \(permutations.count) were given")
        }
        for (i, p) in permutations.prefix(experiences).enumerated() {
            guard ImageTransform.isPermutation(p, of: pixels) else {
                throw DataError.invalidBenchmark(reason: "permutation \(i) is not a permutation of 0..<\(pixels) (it has \(p.count) entries)")
            }
        }
    }

    /// One experience: the transform applied to the chosen train and test images.
    static func experience(_ index: Int, transform: ImageTransform, dataset: ImageDataset,
                           trainIndices: [Int], trainLabels: [Int32], testIndices: [Int], testLabels: [Int32],
                           classes: [Int32], label: String) -> Experience {
        let h = dataset.train.height, w = dataset.train.width
        let train = LabeledImages(pixels: transform.apply(to: dataset.train, indices: trainIndices, mean: dataset.mean, std: dataset.std),
                                  labels: trainLabels, height: h, width: w)
        let test = LabeledImages(pixels: transform.apply(to: dataset.test, indices: testIndices, mean: dataset.mean, std: dataset.std),
                                 labels: testLabels, height: h, width: w)
        return Experience(index: index, train: train, test: test, classes: classes, label: label, mean: dataset.mean, std: dataset.std)
    }

    static func subset(_ images: RawImages, size: Int?, setting: String, rng: RandomStream) throws -> [Int] {
        try subset(images.labels, size: size, setting: setting, rng: rng)
    }

    /// All indices when `size` is nil, else a seeded class-balanced subset of `size`.
    static func subset(_ labels: [Int32], size: Int?, setting: String, rng: RandomStream) throws -> [Int] {
        guard let size else { return Array(labels.indices) }
        guard size >= 1 && size <= labels.count else {
            throw DataError.invalidBenchmark(
                reason: "\(setting) = \(size) but each experience has \(labels.count) images; use a value in 1...\(labels.count) or leave it unset for all")
        }
        return Subsample.balancedIndices(labels: labels, count: size, rng: rng)
    }

    /// "72" for 72.0, "22.5" for 22.5.
    static func formatDegrees(_ degrees: Double) -> String {
        degrees == degrees.rounded() ? String(Int(degrees)) : String(format: "%.1f", degrees)
    }
}
