/// Source-over compositing of straight-alpha 8-bit colours (Porter and Duff, 1984).
///
/// With source alpha `sa` and destination alpha `da` in 0...1:
/// `outA = sa + da (1 - sa)` and `outC = (sc sa + dc da (1 - sa)) / outA`.
/// Computed in integers with round-half-up, so results are exact to within 1/255 of
/// the real-valued formula and identical on every machine.
public enum Blend {
    /// `source` composited over `destination` (straight alpha in and out).
    @inline(__always)
    public static func over(_ source: Color, _ destination: Color) -> Color {
        let sa = Int(source.a)
        if sa == 255 { return source }
        if sa == 0 { return destination }
        let da = Int(destination.a)
        // Work in units of 1/255²: outA255 = sa*255 + da*(255 - sa).
        let outA = sa * 255 + da * (255 - sa)
        func channel(_ s: UInt8, _ d: UInt8) -> UInt8 {
            let num = Int(s) * sa * 255 + Int(d) * da * (255 - sa)
            return UInt8((num + outA / 2) / outA)
        }
        return Color(r: channel(source.r, destination.r),
                     g: channel(source.g, destination.g),
                     b: channel(source.b, destination.b),
                     a: UInt8((outA + 127) / 255))
    }
}
