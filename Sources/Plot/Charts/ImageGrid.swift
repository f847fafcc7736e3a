/// Rows of greyscale images with a label left of each row, e.g. example inputs of
/// each experience (row "Experience 1": ten digits, ...).
///
/// The canvas size follows from the images, the magnification and the labels.
public struct ImageGrid: Sendable {
    /// One row of images.
    public struct Row: Sendable {
        /// Label drawn left of the row, vertically centred.
        public var label: String
        /// Images left to right (rows may differ in length and image size).
        public var images: [GreyImage]

        /// A labelled row.
        public init(label: String, images: [GreyImage]) { self.label = label; self.images = images }
    }

    /// Title above the grid ("" for none).
    public var title: String
    /// The rows, top to bottom.
    public var rows: [Row]
    /// Labels above the columns (e.g. class names), or empty.
    public var columnLabels: [String]
    /// Screen pixels per image pixel, in logical pixels (times `scale`).
    public var magnification: Int
    /// Gap between images, in logical pixels.
    public var spacing: Int
    /// HiDPI factor.
    public var scale: Int

    /// An image grid.
    public init(title: String = "", rows: [Row], columnLabels: [String] = [], magnification: Int = 2,
                spacing: Int = 4, scale: Int = 1) {
        self.title = title; self.rows = rows; self.columnLabels = columnLabels
        self.magnification = magnification; self.spacing = spacing; self.scale = scale
    }

    /// Draws the grid on a new canvas sized to fit.
    public func render() -> Canvas {
        let font = Font.regular(scale: scale), bold = Font.bold(scale: scale)
        let s = scale, m = magnification * scale, gap = spacing * scale, pad = 10 * s
        let cellW = (rows.flatMap(\.images).map(\.width).max() ?? 0) * m
        let rowHeights = rows.map { max(($0.images.map(\.height).max() ?? 0) * m, font.lineHeight) }
        let columns = max(rows.map(\.images.count).max() ?? 0, columnLabels.count)
        let labelWidth = rows.map { font.width(of: $0.label) }.max() ?? 0
        let left = pad + labelWidth + (labelWidth > 0 ? 8 * s : 0)
        var top = pad + (title.isEmpty ? 0 : bold.lineHeight + 8 * s)
        let headerTop = top
        if !columnLabels.isEmpty { top += font.lineHeight + 4 * s }
        let gridW = columns * cellW + max(0, columns - 1) * gap
        let width = max(left + gridW + pad, bold.width(of: title) + 2 * pad)
        let height = top + rowHeights.reduce(0, +) + max(0, rows.count - 1) * gap + pad
        var canvas = Canvas(width: width, height: height)
        if !title.isEmpty {
            canvas.text(title, Double(width) / 2, Double(pad), font: bold, color: .ink, align: .center)
        }
        for (j, label) in columnLabels.enumerated() {
            let fitted = font.truncated(label, width: Double(cellW + gap - font.advance / 2))
            canvas.text(fitted, Double(left + j * (cellW + gap)) + Double(cellW) / 2, Double(headerTop),
                        font: font, color: .ink, align: .center)
        }
        var y = top
        for (i, row) in rows.enumerated() {
            canvas.text(row.label, Double(left - 8 * s), Double(y) + Double(rowHeights[i]) / 2,
                        font: font, color: .ink, align: .right, valign: .middle)
            for (j, image) in row.images.enumerated() {
                let x = left + j * (cellW + gap) + (cellW - image.width * m) / 2
                canvas.image(image, x, y + (rowHeights[i] - image.height * m) / 2, magnification: m)
            }
            y += rowHeights[i] + gap
        }
        return canvas
    }
}
