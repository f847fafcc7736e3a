import Plot
import Testing

/// Measuring, wrapping and shortening text for layout.
@Suite struct TextLayoutTests {
    @Test func wrapBreaksAtSpacesWithinWidth() {
        let font = Font.regular()
        #expect(font.wrap("latent replay", width: 60, maxLines: 2) == ["latent", "replay"])
        #expect(font.wrap("glr", width: 60, maxLines: 2) == ["glr"])
        let lines = font.wrap("a very long strategy name indeed", width: 60, maxLines: 2)
        #expect(lines.count == 2 && lines[1].hasSuffix("…"))
        for line in lines { #expect(font.width(of: line) <= 60) }
    }

    @Test func truncatedFitsAndKeepsShortText() {
        let font = Font.regular(scale: 2)
        #expect(font.truncated("ok", width: 100) == "ok")
        let short = font.truncated("a long label", width: 55)
        #expect(short.hasSuffix("…") && Double(font.width(of: short)) <= 55)
    }

    /// Fonts for each scale: scale 1 is 13 px lines, 2 is 20 px, 3 is 39 px; bold matches regular.
    @Test func fontMetricsPerScale() {
        #expect(Font.regular(scale: 1).lineHeight == 13 && Font.regular(scale: 1).advance == 6)
        #expect(Font.regular(scale: 2).lineHeight == 20 && Font.regular(scale: 2).advance == 10)
        #expect(Font.regular(scale: 3).lineHeight == 39 && Font.regular(scale: 4).lineHeight == 40)
        for scale in 1...4 {
            #expect(Font.bold(scale: scale).advance == Font.regular(scale: scale).advance)
            #expect(Font.bold(scale: scale).lineHeight == Font.regular(scale: scale).lineHeight)
        }
    }

    /// Every symbol the reports use has a glyph of its own (not the "?" fallback).
    @Test func symbolsHaveGlyphs() {
        var question = Canvas(width: 10, height: 20, background: .transparent)
        question.text("?", 0, 0, font: .regular(), color: .black)
        for symbol in ["°", "±", "×", "µ", "–", "−", "α", "σ", "…", "≤", "≥"] {
            var canvas = Canvas(width: 10, height: 20, background: .transparent)
            canvas.text(symbol, 0, 0, font: .regular(), color: .black)
            #expect(canvas != question, "\(symbol) falls back to ?")
            #expect(canvas.pixels.contains { $0 != 0 }, "\(symbol) draws nothing")
        }
    }
}

/// Series colours.
@Suite struct PaletteTests {
    /// The first 24 series colours are pairwise distinct; the first 8 are Okabe-Ito's.
    @Test func seriesColoursAreDistinct() {
        let colours = (0..<24).map(Palette.color)
        #expect(Set(colours).count == 24)
        #expect(Array(colours.prefix(8)) == Palette.okabeIto)
        #expect(Palette.okabeIto[0] == Color(hex: 0x0072B2) && Palette.okabeIto[1] == Color(hex: 0xE69F00))
    }

    /// Viridis runs from dark purple to yellow and is monotone in luminance.
    @Test func viridisIsMonotone() {
        func luminance(_ c: Color) -> Double { 0.2126 * Double(c.r) + 0.7152 * Double(c.g) + 0.0722 * Double(c.b) }
        let samples = (0...50).map { ColorMap.viridis.color(at: Double($0) / 50) }
        #expect(samples.first == Color(hex: 0x440154) && samples.last == Color(hex: 0xFDE725))
        for k in 1..<samples.count { #expect(luminance(samples[k]) >= luminance(samples[k - 1])) }
        #expect(ColorMap.viridis.color(at: -3) == samples.first && ColorMap.viridis.color(at: .nan) == samples.first)
    }
}
