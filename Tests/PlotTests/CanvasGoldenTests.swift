import Plot
import Testing

/// Golden images of the canvas primitives (olive.c's habit: draw a scene, compare).
@Suite struct CanvasGoldenTests {
    @Test func linesAndDashes() throws {
        var canvas = Canvas(width: 240, height: 160)
        for (i, width) in [0.5, 1, 2, 3.5, 6].enumerated() {
            let y = 14 + Double(i) * 14
            canvas.line(10, y, 110, y + 8, width: width, color: .ink)
        }
        canvas.line(130, 10, 230, 30, width: 2, color: Palette.color(0), dash: .dashed())
        canvas.line(130, 30, 230, 50, width: 3, color: Palette.color(1), dash: .dotted(6))
        canvas.line(130, 50, 230, 70, width: 2, color: Palette.color(3), dash: Dash([12, 4, 2, 4]))
        // A zig-zag with round joins, translucent: joins must not be darker than the line.
        let zigzag = (0..<8).map { Point(14 + Double($0) * 30, $0 % 2 == 0 ? 150 : 95) }
        canvas.polyline(zigzag, width: 8, color: Palette.color(2).withOpacity(0.6))
        canvas.polyline(zigzag, width: 1.5, color: .ink, dash: .dashed(5, 3))
        try expectGolden(canvas, "canvas_lines")
    }

    @Test func shapesMarkersAndBlending() throws {
        var canvas = Canvas(width: 240, height: 160)
        canvas.fillRect(10, 10, 60, 40, color: Palette.color(0))
        canvas.fillRect(40.5, 30.25, 60, 40, color: Palette.color(1).withOpacity(0.5))
        canvas.strokeRect(110, 10, 50, 40, width: 2, color: .ink)
        canvas.fillCircle(200, 30, 20, color: Palette.color(3).withOpacity(0.7))
        canvas.strokeCircle(200, 30, 12, width: 3, color: .white)
        canvas.fillPolygon([Point(110, 60), Point(160, 60), Point(135, 70), Point(160, 85), Point(110, 85)],
                           color: Palette.color(4))
        for (i, shape) in Marker.allCases.enumerated() {
            let x = 20 + Double(i) * 22
            canvas.marker(shape, x, 110, size: 12, color: Palette.color(i))
            canvas.marker(shape, x, 135, size: 6, color: .ink)
        }
        // Shapes crossing every edge are clipped.
        canvas.fillCircle(0, 160, 25, color: Palette.color(5).withOpacity(0.8))
        canvas.line(200, 100, 260, 170, width: 5, color: Palette.color(2))
        canvas.fillRect(225, -10, 30, 30, color: .ink)
        try expectGolden(canvas, "canvas_shapes")
    }

    @Test func textAndRegions() throws {
        var canvas = Canvas(width: 260, height: 120)
        let font = Font.regular(), bold = Font.bold()
        canvas.text("Accuracy 0.97 ± 0.01, α = 5 µs ≤ 6", 24, 8, font: font, color: .ink)
        canvas.text("Bold title: experience 1–5", 24, 26, font: bold, color: .ink)
        canvas.text("right-aligned", 250, 44, font: font, color: Palette.color(3), align: .right)
        canvas.verticalText("Accuracy", 6, 60, font: font, color: .ink)
        canvas.text("2×", 24, 62, font: Font.regular(scale: 2), color: Palette.color(0))
        canvas.withRegion(x: 130, y: 60, width: 120, height: 50) { region in
            region.fill(Color(hex: 0xEEEEEE))
            region.text("clipped to region text", 4, 30, font: font, color: .ink)
            region.line(-20, -20, 200, 80, width: 3, color: Palette.color(1))
        }
        try expectGolden(canvas, "canvas_text")
    }
}
