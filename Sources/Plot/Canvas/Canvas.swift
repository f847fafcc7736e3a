/// An RGBA8 raster image passed by value, after olive.c's `Olivec_Canvas`.
///
/// Pixel (x, y) occupies bytes `4 (y stride + x) ..< +4` of `pixels` as R, G, B, A
/// (straight alpha); y grows downwards. Geometry uses `Double` coordinates in which
/// pixel (x, y) is the unit square `[x, x+1) × [y, y+1)` with its centre at
/// `(x + 0.5, y + 0.5)`.
///
/// Drawing happens in the current *region*: coordinates are relative to `origin` and
/// every write is clipped to `clip` (and to the canvas). `withRegion` narrows both for
/// the duration of a closure, which is how charts draw into sub-areas ("sub-canvases
/// as offset regions").
public struct Canvas: Sendable, Equatable {
    /// RGBA8 bytes, row after row, `stride` pixels per row.
    public private(set) var pixels: [UInt8]
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Pixels per row in `pixels` (equal to `width` for canvases made here).
    public let stride: Int
    /// Absolute position of the current region's top-left corner.
    public private(set) var originX = 0, originY = 0
    /// Absolute clip rectangle `[minX, maxX) × [minY, maxY)` of the current region.
    public private(set) var clipMinX = 0, clipMinY = 0, clipMaxX: Int, clipMaxY: Int

    /// A canvas of `width × height` pixels filled with `background`.
    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width >= 0 && height >= 0, "Canvas size must be non-negative, got \(width)×\(height)")
        self.width = width; self.height = height; self.stride = width
        clipMaxX = width; clipMaxY = height
        pixels = [UInt8](repeating: 0, count: width * height * 4)
        for i in 0..<(width * height) {
            pixels[4 * i] = background.r; pixels[4 * i + 1] = background.g
            pixels[4 * i + 2] = background.b; pixels[4 * i + 3] = background.a
        }
    }

    /// A canvas over existing RGBA8 bytes (`pixels.count == 4 stride height`, `stride >= width`).
    public init(width: Int, height: Int, stride: Int? = nil, pixels: [UInt8]) {
        let s = stride ?? width
        precondition(s >= width && pixels.count == 4 * s * height,
                     "Canvas needs 4·stride·height = \(4 * s * height) bytes, got \(pixels.count)")
        self.width = width; self.height = height; self.stride = s; self.pixels = pixels
        clipMaxX = width; clipMaxY = height
    }

    /// Width of the current region (clip width).
    public var regionWidth: Int { clipMaxX - clipMinX }
    /// Height of the current region (clip height).
    public var regionHeight: Int { clipMaxY - clipMinY }

    /// The colour at region-relative pixel (x, y); `.transparent` outside the canvas.
    public func pixel(_ x: Int, _ y: Int) -> Color {
        let ax = x + originX, ay = y + originY
        guard ax >= 0, ay >= 0, ax < width, ay < height else { return .transparent }
        let i = 4 * (ay * stride + ax)
        return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
    }

    /// Runs `body` with origin moved to (x, y) of the current region and the clip
    /// narrowed to `width × height` there; restores both afterwards.
    public mutating func withRegion(x: Int, y: Int, width w: Int, height h: Int,
                                    _ body: (inout Canvas) throws -> Void) rethrows {
        let saved = (originX, originY, clipMinX, clipMinY, clipMaxX, clipMaxY)
        originX += x; originY += y
        clipMinX = max(clipMinX, originX); clipMinY = max(clipMinY, originY)
        clipMaxX = max(clipMinX, min(clipMaxX, originX + w))
        clipMaxY = max(clipMinY, min(clipMaxY, originY + h))
        defer { (originX, originY, clipMinX, clipMinY, clipMaxX, clipMaxY) = saved }
        try body(&self)
    }

    /// Runs `body` with the clip narrowed to `[x, x+w) × [y, y+h)` of the current region
    /// (coordinates unchanged); restores it afterwards.
    public mutating func withClip(x: Int, y: Int, width w: Int, height h: Int,
                                  _ body: (inout Canvas) throws -> Void) rethrows {
        let saved = (originX, originY)
        try withRegion(x: x, y: y, width: w, height: h) { canvas in
            canvas.originX = saved.0; canvas.originY = saved.1
            try body(&canvas)
        }
    }

    /// Replaces the absolute pixel (ax, ay) with `color` if it lies inside the clip.
    @inline(__always)
    mutating func store(_ ax: Int, _ ay: Int, _ color: Color) {
        guard ax >= clipMinX, ay >= clipMinY, ax < clipMaxX, ay < clipMaxY else { return }
        let i = 4 * (ay * stride + ax)
        pixels[i] = color.r; pixels[i + 1] = color.g; pixels[i + 2] = color.b; pixels[i + 3] = color.a
    }

    /// Composites `color` with its alpha scaled by `coverage` (0...1) over the absolute
    /// pixel (ax, ay), source-over; ignored outside the clip.
    @inline(__always)
    mutating func blend(_ ax: Int, _ ay: Int, _ color: Color, coverage: Float = 1) {
        guard ax >= clipMinX, ay >= clipMinY, ax < clipMaxX, ay < clipMaxY, coverage > 0 else { return }
        let alpha = coverage >= 1 ? color.a : UInt8((Float(color.a) * coverage).rounded())
        if alpha == 0 { return }
        let i = 4 * (ay * stride + ax)
        var src = color
        src.a = alpha
        let out = Blend.over(src, Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3]))
        pixels[i] = out.r; pixels[i + 1] = out.g; pixels[i + 2] = out.b; pixels[i + 3] = out.a
    }

    /// Sets every pixel of the current region to `color` (no blending).
    public mutating func fill(_ color: Color) {
        for y in clipMinY..<clipMaxY { for x in clipMinX..<clipMaxX { store(x, y, color) } }
    }

    /// Composites `image` with its top-left corner at region-relative (x, y), source-over.
    public mutating func draw(_ image: Canvas, x: Int, y: Int) {
        for iy in 0..<image.height {
            for ix in 0..<image.width {
                blend(ix + x + originX, iy + y + originY, image.pixel(ix, iy))
            }
        }
    }

    /// A copy of the absolute rectangle `[x, x+w) × [y, y+h)` as a new canvas
    /// (parts outside this canvas come out transparent).
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> Canvas {
        var out = Canvas(width: w, height: h, background: .transparent)
        for iy in 0..<h { for ix in 0..<w { out.store(ix, iy, pixel(ix + x - originX, iy + y - originY)) } }
        return out
    }

    /// Two canvases are equal when their visible pixels are (region state is ignored).
    public static func == (a: Canvas, b: Canvas) -> Bool {
        guard a.width == b.width, a.height == b.height else { return false }
        if a.stride == b.stride { return a.pixels == b.pixels }
        for y in 0..<a.height {
            for x in 0..<a.width where a.pixel(x - a.originX, y - a.originY) != b.pixel(x - b.originX, y - b.originY) {
                return false
            }
        }
        return true
    }
}
