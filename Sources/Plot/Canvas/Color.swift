/// An sRGB colour with straight (non-premultiplied) 8-bit alpha.
public struct Color: Hashable, Sendable {
    /// Red, green, blue and alpha, each 0...255.
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8

    /// A colour from its four 8-bit channels (alpha 255 is opaque).
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }

    /// A colour from `0xRRGGBB`, opaque.
    public init(hex: UInt32) {
        self.init(r: UInt8(hex >> 16 & 0xFF), g: UInt8(hex >> 8 & 0xFF), b: UInt8(hex & 0xFF))
    }

    /// The same colour with alpha `opacity` (0...1) times its own alpha, rounded.
    public func withOpacity(_ opacity: Double) -> Color {
        let o = min(max(opacity, 0), 1)
        return Color(r: r, g: g, b: b, a: UInt8((Double(a) * o).rounded()))
    }

    /// Linear interpolation `self + t (other - self)` per channel, t in 0...1, rounded.
    public func mixed(with other: Color, _ t: Double) -> Color {
        func lerp(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * min(max(t, 0), 1)).rounded())
        }
        return Color(r: lerp(r, other.r), g: lerp(g, other.g), b: lerp(b, other.b), a: lerp(a, other.a))
    }

    /// Opaque white.
    public static let white = Color(r: 255, g: 255, b: 255)
    /// Opaque black.
    public static let black = Color(r: 0, g: 0, b: 0)
    /// Fully transparent black.
    public static let transparent = Color(r: 0, g: 0, b: 0, a: 0)
    /// Dark grey for text and axes (#222222).
    public static let ink = Color(hex: 0x222222)
    /// Light grey for grid lines (#E5E5E5).
    public static let grid = Color(hex: 0xE5E5E5)
    /// Mid grey for secondary text and reference series (#777777).
    public static let muted = Color(hex: 0x777777)
}
