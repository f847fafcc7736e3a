extension Canvas {
    /// Draws one line of `text` so that the anchor (x, y) sits at `align`/`valign` of its box.
    ///
    /// The box is `font.width(of: text)` wide and `font.lineHeight` tall; the text is
    /// snapped to whole pixels (bitmap glyphs are not resampled), so x and y are rounded.
    public mutating func text(_ text: String, _ x: Double, _ y: Double, font: Font, color: Color,
                              align: HAlign = .left, valign: VAlign = .top) {
        let (left, top) = textOrigin(font.width(of: text), font, x, y, align, valign)
        var penX = left
        for scalar in text.unicodeScalars {
            glyph(scalar, font, color) { gx, gy in (penX + gx, top + gy) }
            penX += font.advance
        }
    }

    /// Draws `text` rotated 90° anticlockwise (reading upwards), as for a y-axis label.
    ///
    /// Alignment is in the text's own frame: `align` runs along the reading direction
    /// (`.center` centres the text on y), `valign` across it (`.top` puts the glyph tops at x).
    public mutating func verticalText(_ text: String, _ x: Double, _ y: Double, font: Font, color: Color,
                                      align: HAlign = .center, valign: VAlign = .top) {
        // Lay the text out as if horizontal about (−y, x), then rotate: (u, v) → (v, −u).
        let (left, top) = textOrigin(font.width(of: text), font, -y, x, align, valign)
        var penU = left
        for scalar in text.unicodeScalars {
            glyph(scalar, font, color) { gx, gy in (top + gy, -(penU + gx) - 1) }
            penU += font.advance
        }
    }

    /// Top-left of the unrotated text box for an anchor and alignment.
    private func textOrigin(_ width: Int, _ font: Font, _ x: Double, _ y: Double,
                            _ align: HAlign, _ valign: VAlign) -> (Int, Int) {
        let ax = floorPixel(x + 0.5), ay = floorPixel(y + 0.5)
        let left: Int
        switch align {
        case .left: left = ax
        case .center: left = ax - width / 2
        case .right: left = ax - width
        }
        let top: Int
        switch valign {
        case .top: top = ay
        case .middle: top = ay - font.lineHeight / 2
        case .baseline: top = ay - font.ascent
        case .bottom: top = ay - font.lineHeight
        }
        return (left, top)
    }

    /// Blends the set pixels of one glyph, mapping font pixel (gx, gy) (in canvas
    /// pixels, relative to the glyph cell) to region coordinates with `place`.
    private mutating func glyph(_ scalar: Unicode.Scalar, _ font: Font, _ color: Color,
                                _ place: (Int, Int) -> (Int, Int)) {
        let m = font.magnification
        for (row, bits) in font.bitmap.rows(scalar).enumerated() {
            let ink = font.emboldened ? bits | bits >> 1 : bits
            if ink == 0 { continue }
            for col in 0..<16 where ink & (0x8000 >> UInt16(col)) != 0 {
                for dy in 0..<m {
                    for dx in 0..<m {
                        let (px, py) = place(col * m + dx, row * m + dy)
                        blend(px + originX, py + originY, color)
                    }
                }
            }
        }
    }
}
