/// A cell as written: its fence info string, kind, optional name and YAML body.
public struct SourceCell: Sendable {
    /// Cell kind (`params`, `run`, `sweep`, `table`, `plot`).
    public var kind: String
    /// The name after the kind in the info string (`run glr` → `glr`), if any.
    public var name: String?
    /// The whole info string.
    public var info: String
    /// The body between the fences.
    public var body: String
    /// 1-based line of the opening fence.
    public var line: Int
    /// 1-based column of the opening fence.
    public var column: Int
    /// 1-based position among the document's cells.
    public var index: Int

    /// Creates a source cell.
    public init(kind: String, name: String?, info: String, body: String, line: Int, column: Int, index: Int) {
        self.kind = kind
        self.name = name
        self.info = info
        self.body = body
        self.line = line
        self.column = column
        self.index = index
    }

    /// The cell's name, or a generated one: `table-3` for the third cell.
    public var displayName: String { name ?? "\(kind)-\(index)" }

    /// Line of the first body line in the file.
    public var bodyLine: Int { line + 1 }
}
