import Pipeline

extension ExecutedDocument {
    /// The document's cells in order.
    var cells: [ExecutedCell] {
        blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
    }
}
