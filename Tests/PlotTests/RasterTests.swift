import Foundation
import Plot
import Testing

/// Sum of alpha (in pixels' worth, 0...1 each) over a canvas.
func alphaSum(_ canvas: Canvas) -> Double {
    var sum = 0.0
    for y in 0..<canvas.height { for x in 0..<canvas.width { sum += Double(canvas.pixel(x, y).a) / 255 } }
    return sum
}

/// Rasteriser invariants that need no golden image.
@Suite struct RasterTests {
    /// A line of length L and width w covers L·w plus its two half-disc caps, π w²/4,
    /// at any angle: within 2 % plus one pixel of that area (sampling at pixel centres
    /// and 8-bit alpha make the sum inexact).
    @Test(arguments: [0.0, 0.3, 0.785398, 1.2, 1.5707963])
    func lineCoverageMatchesArea(angle: Double) {
        for width in [1.0, 2.0, 3.5] {
            var canvas = Canvas(width: 120, height: 120, background: .transparent)
            let length = 80.0, cx = 60.3, cy = 60.7
            let dx = cos(angle) * length / 2, dy = sin(angle) * length / 2
            canvas.line(cx - dx, cy - dy, cx + dx, cy + dy, width: width, color: .black)
            let expected = length * width + Double.pi * width * width / 4
            let sum = alphaSum(canvas)
            #expect(abs(sum - expected) <= 0.02 * expected + 1, "angle \(angle), width \(width): \(sum) vs \(expected)")
        }
    }

    /// A dashed line with on = off covers about half of the solid line.
    @Test func dashedLineCoversHalf() {
        var solid = Canvas(width: 200, height: 20, background: .transparent)
        var dashed = solid
        solid.line(10, 10, 190, 10, width: 2, color: .black)
        dashed.line(10, 10, 190, 10, width: 2, color: .black, dash: Dash([10, 10]))
        let ratio = alphaSum(dashed) / alphaSum(solid)
        // Each of the 9 dashes gains round caps (π·1² each), so slightly over one half.
        #expect(ratio > 0.5 && ratio < 0.6, "ratio \(ratio)")
    }

    /// A filled disc covers π r² pixels (within 1 %).
    @Test func discCoverageIsPiRSquared() {
        var canvas = Canvas(width: 64, height: 64, background: .transparent)
        canvas.fillCircle(31.7, 32.2, 20, color: .black)
        let expected = Double.pi * 400
        #expect(abs(alphaSum(canvas) - expected) < 0.01 * expected)
    }

    /// A polygon's coverage equals its area (here a right triangle of area 1200).
    @Test func polygonCoverageIsArea() {
        var canvas = Canvas(width: 80, height: 80, background: .transparent)
        canvas.fillPolygon([Point(10.2, 10.6), Point(70.2, 10.6), Point(10.2, 50.6)], color: .black)
        #expect(abs(alphaSum(canvas) - 1200) < 6)
    }

    /// Drawing far outside, across edges, with NaN or infinite coordinates never traps
    /// and never writes outside the canvas or the current region.
    @Test func clippingNeverWritesOutside() {
        var canvas = Canvas(width: 40, height: 30, background: .white)
        let bad: [Double] = [-1e300, -50, -0.5, 0, 39.9, 1e9, 1e300, .infinity, -.infinity, .nan]
        canvas.withRegion(x: 10, y: 5, width: 20, height: 15) { region in
            for a in bad {
                for b in bad {
                    region.line(a, b, b, a, width: 3, color: .black)
                    region.fillRect(a, b, 100, 100, color: .black)
                    region.fillCircle(a, b, 30, color: .black)
                    region.marker(.triangle, a, b, size: 20, color: .black)
                    region.text("clip", a, b, font: .regular(), color: .black)
                    region.verticalText("clip", a, b, font: .regular(), color: .black)
                    region.fillPolygon([Point(a, b), Point(b, a), Point(5, 5)], color: .black)
                }
            }
        }
        canvas.line(-1e12, 15, 1e12, 15, width: .infinity, color: .black.withOpacity(0))
        #expect(canvas.pixels.count == 40 * 30 * 4)
        for y in 0..<30 {
            for x in 0..<40 {
                let inside = (10..<30).contains(x) && (5..<20).contains(y)
                if !inside { #expect(canvas.pixel(x, y) == .white, "pixel (\(x), \(y)) outside the region changed") }
            }
        }
        #expect(canvas.pixel(15, 10) != .white, "the region itself was drawn")
    }

    /// Source-over in integers agrees with the real-valued Porter-Duff formula within
    /// one unit of 8-bit rounding.
    @Test func blendMatchesPorterDuff() {
        let levels: [UInt8] = [0, 1, 37, 128, 200, 254, 255]
        for sa in levels {
            for da in levels {
                for (sc, dc) in [(UInt8(0), UInt8(255)), (255, 0), (90, 180), (13, 13)] {
                    let out = Blend.over(Color(r: sc, g: dc, b: sc, a: sa), Color(r: dc, g: sc, b: 77, a: da))
                    let a = Double(sa) / 255, d = Double(da) / 255
                    let outA = a + d * (1 - a)
                    func channel(_ s: UInt8, _ t: UInt8) -> Double {
                        outA == 0 ? 0 : (Double(s) * a + Double(t) * d * (1 - a)) / outA
                    }
                    #expect(abs(Double(out.a) - outA * 255) <= 1)
                    if outA > 0 {
                        #expect(abs(Double(out.r) - channel(sc, dc)) <= 1)
                        #expect(abs(Double(out.g) - channel(dc, sc)) <= 1)
                        #expect(abs(Double(out.b) - channel(sc, 77)) <= 1)
                    }
                }
            }
        }
        // Half-transparent black over white is mid grey; opaque replaces; transparent keeps.
        #expect(Blend.over(Color(r: 0, g: 0, b: 0, a: 128), .white) == Color(r: 127, g: 127, b: 127))
        #expect(Blend.over(.black, .white) == .black)
        #expect(Blend.over(.transparent, Color(hex: 0x123456)) == Color(hex: 0x123456))
    }

    /// The drawn ink of text lies inside the measured box and reaches near its right edge.
    @Test(arguments: [1, 2, 3])
    func textWidthMatchesInk(scale: Int) {
        let font = Font.regular(scale: scale), text = "Accuracy 0.97 ± W"
        var canvas = Canvas(width: 400, height: 120, background: .transparent)
        canvas.text(text, 20, 30, font: font, color: .black)
        let box = inkBox(canvas)
        let width = font.width(of: text)
        #expect(width == text.unicodeScalars.count * font.advance)
        #expect(box.minX >= 20 && box.maxX < 20 + width)
        #expect(box.maxX >= 20 + width - font.advance, "the last glyph 'W' reaches into its cell")
        #expect(box.minY >= 30 && box.maxY < 30 + font.lineHeight)
        // Rotated text occupies the transposed box.
        var rotated = Canvas(width: 120, height: 400, background: .transparent)
        rotated.verticalText(text, 30, 200, font: font, color: .black, align: .center, valign: .top)
        let r = inkBox(rotated)
        #expect(r.minX >= 30 && r.maxX < 30 + font.lineHeight)
        #expect(r.minY >= 200 - width / 2 - 1 && r.maxY <= 200 + width / 2)
        #expect(r.maxY - r.minY + 1 == box.maxX - box.minX + 1)
    }

    /// Inclusive bounding box of non-transparent pixels.
    func inkBox(_ canvas: Canvas) -> (minX: Int, minY: Int, maxX: Int, maxY: Int) {
        var box = (minX: Int.max, minY: Int.max, maxX: Int.min, maxY: Int.min)
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where canvas.pixel(x, y).a > 0 {
                box = (min(box.minX, x), min(box.minY, y), max(box.maxX, x), max(box.maxY, y))
            }
        }
        return box
    }
}
