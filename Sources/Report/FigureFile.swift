/// Names of figure files: `fig-<cell index>-<kind>.png`, stable across renders.
enum FigureFile {
    /// The file name of a cell's figure.
    static func name(cellIndex: Int, kind: String) -> String {
        let safe = String(kind.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return "fig-\(cellIndex)-\(safe).png"
    }
}
