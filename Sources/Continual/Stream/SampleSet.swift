// Labelled samples in one space: images (N×1×H×W) or latents (N×D), row-major.
//
// N = samples, S = values per sample (the product of `sampleShape`).

import Data

/// Labelled samples, row-major N×S, with the per-sample shape the network expects.
public struct SampleSet: Sendable {
    /// N×S values, row-major.
    public var values: [Float]
    /// N labels.
    public var labels: [Int32]
    /// The shape of one sample: [1, H, W] for images, [D] for latents.
    public let sampleShape: [Int]

    /// Samples from their values, labels and per-sample shape; counts must agree.
    public init(values: [Float], labels: [Int32], sampleShape: [Int]) {
        let size = sampleShape.reduce(1, *)
        precondition(values.count == labels.count * size,
                     "SampleSet: \(values.count) values for \(labels.count) samples of shape \(sampleShape)")
        self.values = values
        self.labels = labels
        self.sampleShape = sampleShape
    }

    /// The images of `images` (normalised pixels, N×1×H×W) with their labels.
    public init(_ images: LabeledImages) {
        self.init(values: images.pixels, labels: images.labels, sampleShape: images.sampleShape)
    }

    /// An empty set of samples of `sampleShape`.
    public init(empty sampleShape: [Int]) {
        self.init(values: [], labels: [], sampleShape: sampleShape)
    }

    /// Number of samples N.
    public var count: Int { labels.count }

    /// Values per sample S.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The first `n` samples (all when n ≥ count).
    public func prefix(_ n: Int) -> SampleSet {
        let k = min(max(0, n), count)
        return SampleSet(values: Array(values[0..<k * sampleSize]), labels: Array(labels[0..<k]), sampleShape: sampleShape)
    }

    /// The samples at `indices`, in that order.
    public func rows(_ indices: [Int]) -> SampleSet {
        var v = [Float](repeating: 0, count: indices.count * sampleSize)
        var l = [Int32](repeating: 0, count: indices.count)
        copyRows(indices[...], into: &v, labels: &l, at: 0)
        return SampleSet(values: v, labels: l, sampleShape: sampleShape)
    }

    /// Copies the samples at `indices` into `destination` and `destinationLabels`, starting
    /// at sample row `offset` (both must be large enough).
    public func copyRows(_ indices: ArraySlice<Int>, into destination: inout [Float], labels destinationLabels: inout [Int32], at offset: Int) {
        let s = sampleSize
        precondition(offset >= 0 && (offset + indices.count) * s <= destination.count && offset + indices.count <= destinationLabels.count,
                     "SampleSet.copyRows: \(indices.count) rows at row \(offset) do not fit \(destination.count / max(1, s)) rows / \(destinationLabels.count) labels")
        values.withUnsafeBufferPointer { source in
            destination.withUnsafeMutableBufferPointer { target in
                var row = offset
                for i in indices {
                    precondition(i >= 0 && i < labels.count, "SampleSet.copyRows: index \(i) out of 0..<\(labels.count)")
                    (target.baseAddress! + row * s).update(from: source.baseAddress! + i * s, count: s)
                    destinationLabels[row] = labels[i]
                    row += 1
                }
            }
        }
    }

    /// The samples of `sets` one after the other (all of `sampleShape`).
    public static func concatenating(_ sets: [SampleSet], sampleShape: [Int]) -> SampleSet {
        var v: [Float] = []
        var l: [Int32] = []
        v.reserveCapacity(sets.reduce(0) { $0 + $1.values.count })
        l.reserveCapacity(sets.reduce(0) { $0 + $1.count })
        for set in sets {
            precondition(set.sampleShape == sampleShape, "SampleSet.concatenating: shape \(set.sampleShape) ≠ \(sampleShape)")
            v += set.values
            l += set.labels
        }
        return SampleSet(values: v, labels: l, sampleShape: sampleShape)
    }
}
