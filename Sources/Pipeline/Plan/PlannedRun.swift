import Continual

/// One run to execute or load: its name, resolved configuration and cache key.
public struct PlannedRun: Sendable {
    /// `glr`, or `glr-buffer[buffer_size=600]` for one run of a sweep.
    public var name: String
    /// The run or sweep cell it belongs to.
    public var cellName: String
    /// For sweep runs: the varied parameters, in `vary` order.
    public var varied: [ResolvedParameter]
    /// The resolved parameters, with those the strategy does not read reset to defaults.
    public var configuration: StreamConfiguration
    /// Hex SHA-256 content key.
    public var key: String

    /// Creates a planned run.
    public init(name: String, cellName: String, varied: [ResolvedParameter], configuration: StreamConfiguration, key: String) {
        self.name = name
        self.cellName = cellName
        self.varied = varied
        self.configuration = configuration
        self.key = key
    }
}
