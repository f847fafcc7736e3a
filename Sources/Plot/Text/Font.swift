/// A bitmap font at an integer pixel scale, optionally emboldened: what text is drawn with.
///
/// `Font.regular(scale:)` and `Font.bold(scale:)` pick the embedded font for a HiDPI
/// scale: at scale 1 misc-fixed 6x13 (bold 6x13B), at even scales 10x20 magnified by
/// scale/2 (bold by smearing each row one pixel right), at odd scales > 1 6x13 magnified.
/// Widths are exact: every character advances `advance` pixels.
public struct Font: Sendable {
    /// The glyph bitmaps.
    public let bitmap: BitmapFont
    /// Each font pixel becomes a `magnification × magnification` block.
    public let magnification: Int
    /// Whether rows are smeared one pixel right (synthetic bold).
    public let emboldened: Bool

    /// A font from a bitmap, a magnification ≥ 1 and optional synthetic bold.
    public init(_ bitmap: BitmapFont, magnification: Int = 1, emboldened: Bool = false) {
        precondition(magnification >= 1, "Font magnification must be ≥ 1, got \(magnification)")
        self.bitmap = bitmap; self.magnification = magnification; self.emboldened = emboldened
    }

    /// The body font for a HiDPI `scale` (1: 13-pixel lines, 2: 20-pixel lines, ...).
    public static func regular(scale: Int = 1) -> Font {
        let s = max(1, scale)
        if s % 2 == 0 { return Font(.fixed10x20, magnification: s / 2) }
        return Font(.fixed6x13, magnification: s)
    }

    /// The bold font for titles at a HiDPI `scale`, with the same metrics as `regular`.
    public static func bold(scale: Int = 1) -> Font {
        let s = max(1, scale)
        if s % 2 == 0 { return Font(.fixed10x20, magnification: s / 2, emboldened: true) }
        return Font(.fixed6x13Bold, magnification: s)
    }

    /// Horizontal advance per character, in canvas pixels.
    public var advance: Int { bitmap.cellWidth * magnification }
    /// Line height (cell height), in canvas pixels.
    public var lineHeight: Int { bitmap.cellHeight * magnification }
    /// Pixels from the top of a line to its baseline.
    public var ascent: Int { bitmap.ascent * magnification }

    /// Width of `text` in canvas pixels: characters (Unicode scalars) × `advance`.
    public func width(of text: String) -> Int { text.unicodeScalars.count * advance }
}
