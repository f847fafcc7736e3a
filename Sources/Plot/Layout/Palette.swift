/// The Okabe-Ito colour-blind-safe palette (Okabe and Ito, 2008), ordered for series.
///
/// Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black:
/// the first five are distinguishable under deuteranopia, protanopia and tritanopia
/// and have enough contrast on white; yellow comes late because it is faint on white.
public enum Palette {
    /// The eight Okabe-Ito colours in series order.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xE69F00), Color(hex: 0x009E73), Color(hex: 0xD55E00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0xF0E442), Color(hex: 0x000000),
    ]

    /// The colour of series `index`: the eight Okabe-Ito colours, then the same eight
    /// 40 % darker (mixed with black), then 45 % lighter (mixed with white), repeating.
    public static func color(_ index: Int) -> Color {
        let n = okabeIto.count, i = max(0, index)
        let base = okabeIto[i % n]
        switch (i / n) % 3 {
        case 1: return base == .black ? Color(hex: 0x777777) : base.mixed(with: .black, 0.4)
        case 2: return base.mixed(with: .white, 0.45)
        default: return base
        }
    }
}
