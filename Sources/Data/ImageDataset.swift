// A dataset as loaded from IDX files, with the statistics used to normalise it.

/// A dataset as loaded from IDX files: raw [0,1] pixels, the train set's mean/std, a fingerprint.
public struct ImageDataset: Sendable {
    /// Short name: "fashion-mnist" or the directory's last path component.
    public let name: String
    /// The training split (raw pixels in [0,1]).
    public let train: RawImages
    /// The test split (raw pixels in [0,1]).
    public let test: RawImages
    /// Mean of every training pixel in [0,1] (accumulated in Double).
    public let mean: Float
    /// Population standard deviation of every training pixel in [0,1].
    public let std: Float
    /// Hex SHA-256 over the bytes of the four files as stored (train images, train
    /// labels, test images, test labels, in that order).
    public let fingerprint: String

    /// A dataset from its splits; mean and std are computed from `train`.
    public init(name: String, train: RawImages, test: RawImages, fingerprint: String) {
        let (mean, std) = ImageDataset.statistics(train.pixels)
        self.init(name: name, train: train, test: test, mean: mean, std: std, fingerprint: fingerprint)
    }

    /// A dataset with given statistics (e.g. to normalise with another dataset's).
    public init(name: String, train: RawImages, test: RawImages, mean: Float, std: Float, fingerprint: String) {
        self.name = name
        self.train = train
        self.test = test
        self.mean = mean
        self.std = std
        self.fingerprint = fingerprint
    }

    /// The distinct training labels, ascending.
    public var classes: [Int32] { train.classes }

    /// Mean and population standard deviation of `values`, accumulated in Double
    /// (exact to ~1e-12 relative for 47M values in [0,1]).
    public static func statistics(_ values: [Float]) -> (mean: Float, std: Float) {
        guard !values.isEmpty else { return (0, 1) }
        var sum = 0.0
        var sumSquares = 0.0
        values.withUnsafeBufferPointer { v in
            // Blocks of Float partial sums keep the loop vectorised; Double keeps it exact.
            var i = 0
            while i < v.count {
                let end = min(i + 4096, v.count)
                var s: Float = 0
                var q: Float = 0
                for j in i..<end { s += v[j]; q += v[j] * v[j] }
                sum += Double(s)
                sumSquares += Double(q)
                i = end
            }
        }
        let n = Double(values.count)
        let mean = sum / n
        let variance = max(0, sumSquares / n - mean * mean)
        let std = variance.squareRoot()
        return (Float(mean), Float(std > 0 ? std : 1))
    }
}
