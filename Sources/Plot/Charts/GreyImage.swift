/// A greyscale image with values in 0...1 (0 black, 1 white), row-major.
public struct GreyImage: Sendable {
    /// Size in image pixels.
    public let width: Int, height: Int
    /// `width × height` values, row after row; clamped to 0...1 when drawn.
    public let values: [Float]

    /// An image from row-major values (`values.count == width × height`).
    public init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height,
                     "GreyImage \(width)×\(height) needs \(width * height) values, got \(values.count)")
        self.width = width; self.height = height; self.values = values
    }

    /// An image from bytes 0...255 (e.g. an IDX image), mapped to value / 255.
    public init(width: Int, height: Int, bytes: [UInt8]) {
        self.init(width: width, height: height, values: bytes.map { Float($0) / 255 })
    }
}
