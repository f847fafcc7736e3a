/// One key a cell kind accepts: its type, default and a line of documentation.
public struct SchemaKey: Sendable {
    /// The key as written in a cell, e.g. `buffer_size`.
    public var name: String
    /// The accepted values.
    public var type: ValueType
    /// The default as YAML text (empty: no default).
    public var defaultText: String
    /// One line of documentation.
    public var doc: String

    /// Creates a schema key.
    public init(_ name: String, _ type: ValueType, default defaultText: String, _ doc: String) {
        self.name = name
        self.type = type
        self.defaultText = defaultText
        self.doc = doc
    }
}
