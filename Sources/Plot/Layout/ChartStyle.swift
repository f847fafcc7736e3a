/// Size, HiDPI scale and fonts shared by every chart.
public struct ChartStyle: Sendable {
    /// Canvas size in logical pixels (multiplied by `scale` on output).
    public var width: Int, height: Int
    /// HiDPI factor: 2 draws every length, line and font at twice the size.
    public var scale: Int

    /// A style for a `width × height` logical-pixel chart at `scale`.
    public init(width: Int = 640, height: Int = 400, scale: Int = 1) {
        precondition(scale >= 1, "Chart scale must be ≥ 1, got \(scale)")
        self.width = width; self.height = height; self.scale = scale
    }

    /// Scale as a Double, for lengths.
    var s: Double { Double(scale) }
    /// Body font (tick labels, legend, axis labels).
    var font: Font { .regular(scale: scale) }
    /// Title font.
    var bold: Font { .bold(scale: scale) }
    /// Output size in pixels.
    var pixelWidth: Int { width * scale }
    var pixelHeight: Int { height * scale }
}
