import Pipeline

/// Names of figure files: `fig-<cell index>-<kind>.png`, stable across renders.
enum FigureFile {
    /// The file name of a cell's figure.
    static func name(cellIndex: Int, kind: FigureKind) -> String {
        "fig-\(cellIndex)-\(kind.rawValue).png"
    }
}
