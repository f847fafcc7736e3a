// One experience (task) of a continual benchmark.

/// One experience of a benchmark: its training and test images (normalised), the
/// classes it contains and a human-readable label such as "rotated 72°".
public struct Experience: Sendable {
    /// Position in the stream, from 0.
    public let index: Int
    /// Training images, normalised with the dataset's train mean/std.
    public let train: LabeledImages
    /// Test images, normalised the same way.
    public let test: LabeledImages
    /// The classes present, ascending.
    public let classes: [Int32]
    /// What distinguishes this experience: "rotated 72°", "permutation 2", "classes 4, 5".
    public let label: String
    /// The mean subtracted during normalisation.
    public let mean: Float
    /// The standard deviation divided by during normalisation.
    public let std: Float

    /// An experience from its parts.
    public init(index: Int, train: LabeledImages, test: LabeledImages, classes: [Int32], label: String, mean: Float, std: Float) {
        self.index = index
        self.train = train
        self.test = test
        self.classes = classes
        self.label = label
        self.mean = mean
        self.std = std
    }

    /// The first `count` training images with normalisation undone (x·std + mean),
    /// clamped to [0,1], each an H×W row-major array: for example-image figures.
    public func exampleImages(count: Int) -> [[Float]] {
        let n = min(max(count, 0), train.count)
        let p = train.pixelsPerImage
        var images: [[Float]] = []
        for i in 0..<n {
            var image = [Float](repeating: 0, count: p)
            for j in 0..<p { image[j] = min(1, max(0, train.pixels[i * p + j] * std + mean)) }
            images.append(image)
        }
        return images
    }
}
