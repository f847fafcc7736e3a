// Tensors: Float32, row-major. Legend: N = batch, C = channels, H = height, W = width,
// F = features. Images are N×C×H×W, vectors N×F.

/// A Float32 tensor, row-major, NCHW for images and N×F for vectors.
///
/// A plain value: `data` is a Swift array, so copies are cheap until written (copy on write).
public struct Tensor: Sendable {
    /// Dimensions, outermost first (the batch dimension N is `shape[0]`).
    public var shape: [Int]
    /// The elements in row-major order; `data.count == shape.reduce(1, *)`.
    public var data: [Float]

    /// A tensor with the given shape and elements; stops if the counts disagree.
    public init(shape: [Int], data: [Float]) {
        precondition(shape.reduce(1, *) == data.count,
                     "Tensor shape \(shape) holds \(shape.reduce(1, *)) elements but data has \(data.count); pass data of matching size")
        self.shape = shape
        self.data = data
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        self.shape = shape
        self.data = [Float](repeating: 0, count: shape.reduce(1, *))
    }

    /// The number of elements.
    public var count: Int { data.count }

    /// The batch size N (`shape[0]`), or 1 for a scalar.
    public var batchSize: Int { shape.first ?? 1 }

    /// Elements per sample: the product of all dimensions but the first.
    public var sampleCount: Int { shape.dropFirst().reduce(1, *) }

    /// The same elements with a new shape of equal element count (no copy).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }
}
