/// An experiment file split into prose, verbatim blocks and cells; nothing is run or resolved.
public struct SourceDocument: Sendable {
    /// The path as given.
    public var path: String
    /// File name without `.md`.
    public var name: String
    /// The first level-1 heading's text, or the name.
    public var title: String
    /// Blocks in document order.
    public var blocks: [SourceBlock]
    /// Located warnings (`file:line:column: warning: …`), e.g. a fence two edits from a kind.
    public var warnings: [String]

    /// Creates a source document.
    public init(path: String, name: String, title: String, blocks: [SourceBlock], warnings: [String] = []) {
        self.path = path
        self.name = name
        self.title = title
        self.blocks = blocks
        self.warnings = warnings
    }

    /// The cells in document order.
    public var cells: [SourceCell] {
        blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
    }
}
