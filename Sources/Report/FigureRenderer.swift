import Pipeline

/// Draws figures. Interim version: Plot's charts are not on main yet, so every figure is
/// shown as "could not be drawn" with this reason; replaced once Plot lands.
enum FigureRenderer {
    /// The figure of a plot cell (here: its alt text and caption, and the reason it is missing).
    static func image(_ figure: FigureData, cellIndex: Int) -> FigureImage {
        FigureImage(file: FigureFile.name(cellIndex: cellIndex, kind: figure.kind), png: [], alt: FigureText.alt(figure),
                    caption: FigureText.caption(figure), error: "this glr build has no chart drawing yet (Plot module pending)")
    }
}
