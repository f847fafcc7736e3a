// One split of a dataset as loaded: pixels in [0,1], before any transform or normalisation.
//
// N = images, H = height, W = width; pixels are N×H×W row-major (one channel).

/// Images and labels of one split with raw pixels scaled to [0,1] (byte / 255).
public struct RawImages: Sendable {
    /// N×H×W pixels in [0,1], row-major.
    public let pixels: [Float]
    /// N class labels.
    public let labels: [Int32]
    /// Image height H.
    public let height: Int
    /// Image width W.
    public let width: Int

    /// Raw images from pixels in [0,1] and labels; `pixels.count` must be N·H·W.
    public init(pixels: [Float], labels: [Int32], height: Int, width: Int) {
        precondition(pixels.count == labels.count * height * width,
                     "RawImages: \(pixels.count) pixels for \(labels.count) images of \(height)×\(width)")
        self.pixels = pixels
        self.labels = labels
        self.height = height
        self.width = width
    }

    /// Number of images N.
    public var count: Int { labels.count }

    /// Pixels per image, H·W.
    public var pixelsPerImage: Int { height * width }

    /// The distinct labels, ascending.
    public var classes: [Int32] { Array(Set(labels)).sorted() }
}
