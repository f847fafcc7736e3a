/// A YAML value with the file position of each of its parts, for error messages.
public struct LocatedValue: Sendable {
    /// The value.
    public var value: ParameterValue
    /// Where the value starts.
    public var location: SourceLocation
    /// For a mapping: its keys with their positions and located values, in order.
    public var entries: [LocatedEntry]
    /// For a list: its located items.
    public var items: [LocatedValue]

    /// Creates a located value.
    public init(value: ParameterValue, location: SourceLocation, entries: [LocatedEntry] = [], items: [LocatedValue] = []) {
        self.value = value
        self.location = location
        self.entries = entries
        self.items = items
    }
}

/// A mapping key with its position and its located value.
public struct LocatedEntry: Sendable {
    /// The key.
    public var key: String
    /// Where the key is written.
    public var keyLocation: SourceLocation
    /// The value.
    public var value: LocatedValue

    /// Creates an entry.
    public init(key: String, keyLocation: SourceLocation, value: LocatedValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
