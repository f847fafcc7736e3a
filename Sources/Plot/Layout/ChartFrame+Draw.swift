extension ChartFrame {
    /// Draws background, title, grid, axes, ticks, tick labels and axis titles.
    func drawAxes(_ canvas: inout Canvas, style: ChartStyle, title: String, xAxis: Axis, yAxis: Axis,
                  xGrid: Bool = true, xTickMarks: Bool = true) {
        let s = style.s, font = style.font, tick = 4 * s, pad = 10 * s
        canvas.fill(.white)
        if !title.isEmpty {
            let titleWidth = Double(style.bold.width(of: title))
            let centre = titleWidth <= right - left ? (left + right) / 2 : Double(canvas.regionWidth) / 2
            canvas.text(title, centre, pad, font: style.bold, color: .ink, align: .center)
        }
        for (v, _) in yTicks {
            canvas.fillRect(left, (y(v) - s / 2).rounded(), right - left, s, color: .grid)
        }
        if xGrid {
            for (v, _) in xTicks { canvas.fillRect((x(v) - s / 2).rounded(), top, s, bottom - top, color: .grid) }
        }
        canvas.fillRect(left - s, top, s, bottom - top + s, color: .ink)
        canvas.fillRect(left - s, bottom, right - left + s, s, color: .ink)
        var previousTop = Double.infinity
        for (v, label) in yTicks.sorted(by: { $0.0 < $1.0 }) {
            let py = (y(v) - s / 2).rounded()
            canvas.fillRect(left - s - tick, py, tick, s, color: .ink)
            let half = Double(font.lineHeight) / 2
            if py + half > previousTop - s { continue }
            previousTop = py - half
            canvas.text(label, left - s - tick - 3 * s, py + s / 2, font: font, color: .ink, align: .right, valign: .middle)
        }
        let spacing = xTicks.count > 1 ? abs(x(xTicks[1].0) - x(xTicks[0].0)) : right - left
        // Labels are placed left to right; one that would touch the previous is skipped.
        var previousRight = -Double.infinity
        for (v, label) in xTicks {
            let px = (x(v) - s / 2).rounded()
            if xTickMarks { canvas.fillRect(px, bottom + s, s, tick, color: .ink) }
            let lines = categorical ? font.wrap(label, width: spacing - Double(font.advance), maxLines: xLabelLines) : [label]
            let half = Double(lines.map { font.width(of: $0) }.max() ?? 0) / 2
            if px - half < previousRight + Double(font.advance) { continue }
            previousRight = px + half
            for (k, text) in lines.enumerated() {
                canvas.text(text, px + s / 2, bottom + s + tick + 3 * s + Double(k * font.lineHeight),
                            font: font, color: .ink, align: .center)
            }
        }
        let line = Double(font.lineHeight)
        if !xAxis.label.isEmpty {
            let labelTop = bottom + s + tick + 3 * s + line * Double(xLabelLines) + 4 * s
            canvas.text(xAxis.label, (left + right) / 2, labelTop,
                        font: font, color: .ink, align: .center)
        }
        if !yAxis.label.isEmpty {
            canvas.verticalText(yAxis.label, pad, (top + bottom) / 2, font: font, color: .ink, align: .center, valign: .top)
        }
    }

    /// Runs `body` clipped to the plot rectangle widened by `margin` pixels (so markers
    /// on the border stay whole while lines never reach the labels).
    func clipped(_ canvas: inout Canvas, margin: Double, _ body: (inout Canvas) -> Void) {
        let x0 = Int(left - margin), y0 = Int(top - margin)
        canvas.withClip(x: x0, y: y0, width: Int(right + margin) - x0, height: Int(bottom + margin) - y0, body)
    }

    /// Draws the legend at its position (inside a corner or to the right of the plot).
    func drawLegend(_ canvas: inout Canvas) {
        guard let legend else { return }
        let (w, h) = legend.size, inset = 6 * legend.style.s
        switch legendPosition {
        case .none: return
        case .right: legend.draw(&canvas, x: right + 8 * legend.style.s, y: top, framed: false)
        case .topLeft: legend.draw(&canvas, x: left + inset, y: top + inset, framed: true)
        case .topRight: legend.draw(&canvas, x: right - w - inset, y: top + inset, framed: true)
        case .bottomLeft: legend.draw(&canvas, x: left + inset, y: bottom - h - inset, framed: true)
        case .bottomRight: legend.draw(&canvas, x: right - w - inset, y: bottom - h - inset, framed: true)
        }
    }
}
