/// A few example images of one experience of a benchmark, for `plot kind: examples`: what a
/// `RunBackend` returns, the cache stores (`ExampleImages`) and the report draws.
public struct ExperienceExamples: Codable, Equatable, Sendable {
    /// The experience's label, as the figure shows it.
    public var label: String
    /// The images, each `height`×`width` values in [0, 1], row by row.
    public var images: [[Float]]
    /// Image height in pixels.
    public var height: Int
    /// Image width in pixels.
    public var width: Int

    /// Creates the examples of one experience.
    public init(label: String, images: [[Float]], height: Int, width: Int) {
        self.label = label
        self.images = images
        self.height = height
        self.width = width
    }
}
