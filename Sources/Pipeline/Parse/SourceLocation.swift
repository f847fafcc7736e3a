/// A position in an experiment file: 1-based line and column, like a compiler's.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as given on the command line.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (in Unicode scalars).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}
