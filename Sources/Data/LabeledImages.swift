// One split of one experience, ready for training: normalised pixels and labels.
//
// N = images, H = height, W = width; pixels are N×1×H×W row-major.

/// Images and labels of one split, N×1×H×W row-major; `pixels` already normalised.
public struct LabeledImages: Sendable {
    /// N×1×H×W normalised pixels ((x − mean) / std of the training set), row-major.
    public var pixels: [Float]
    /// N class labels.
    public var labels: [Int32]
    /// Image height H.
    public let height: Int
    /// Image width W.
    public let width: Int

    /// Labelled images from normalised pixels; `pixels.count` must be N·H·W.
    public init(pixels: [Float], labels: [Int32], height: Int, width: Int) {
        precondition(pixels.count == labels.count * height * width,
                     "LabeledImages: \(pixels.count) pixels for \(labels.count) images of \(height)×\(width)")
        self.pixels = pixels
        self.labels = labels
        self.height = height
        self.width = width
    }

    /// Number of images N.
    public var count: Int { labels.count }

    /// Pixels per image, H·W.
    public var pixelsPerImage: Int { height * width }

    /// The sample shape for the engine, [1, H, W].
    public var sampleShape: [Int] { [1, height, width] }

    /// The images at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabeledImages {
        var inputs: [Float] = []
        var subsetLabels: [Int32] = []
        copyBatch(indices[...], into: &inputs, labels: &subsetLabels)
        return LabeledImages(pixels: inputs, labels: subsetLabels, height: height, width: width)
    }

    /// Copies the images and labels at `indices` into `inputs` (resized to count·H·W)
    /// and `labels` (resized to count), reusing their storage when it is large enough.
    public func copyBatch(_ indices: ArraySlice<Int>, into inputs: inout [Float], labels batchLabels: inout [Int32]) {
        let p = pixelsPerImage
        let n = indices.count
        if inputs.count != n * p {
            if inputs.count > n * p { inputs.removeLast(inputs.count - n * p) } else {
                inputs.append(contentsOf: repeatElement(0, count: n * p - inputs.count))
            }
        }
        if batchLabels.count != n {
            if batchLabels.count > n { batchLabels.removeLast(batchLabels.count - n) } else {
                batchLabels.append(contentsOf: repeatElement(0, count: n - batchLabels.count))
            }
        }
        pixels.withUnsafeBufferPointer { source in
            inputs.withUnsafeMutableBufferPointer { destination in
                var row = 0
                for i in indices {
                    precondition(i >= 0 && i < labels.count, "copyBatch: index \(i) out of 0..<\(labels.count)")
                    let from = source.baseAddress! + i * p
                    (destination.baseAddress! + row * p).update(from: from, count: p)
                    batchLabels[row] = labels[i]
                    row += 1
                }
            }
        }
    }
}
