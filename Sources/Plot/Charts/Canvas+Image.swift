extension Canvas {
    /// Draws `image` with its top-left corner at (x, y), each image pixel a
    /// `magnification × magnification` block (nearest neighbour), opaque.
    public mutating func image(_ image: GreyImage, _ x: Int, _ y: Int, magnification: Int = 1) {
        for iy in 0..<image.height {
            for ix in 0..<image.width {
                let v = min(max(image.values[iy * image.width + ix], 0), 1)
                let level = UInt8((v * 255).rounded())
                fillRect(Double(x + ix * magnification), Double(y + iy * magnification),
                         Double(magnification), Double(magnification), color: Color(r: level, g: level, b: level))
            }
        }
    }
}
