/// The values a run parameter accepts. The pipeline checks a document's or a flag's value
/// against it (its `ValueType`), with one message per bad value.
public enum ParameterDomain: Sendable {
    /// An integer in minimum...maximum.
    case integer(minimum: Int, maximum: Int = .max)
    /// An integer in minimum...maximum, or `null` / `all` for "no limit".
    case optionalInteger(minimum: Int, maximum: Int = .max)
    /// A number used as a 32-bit float, inside the interval.
    case float(FloatInterval)
    /// `true` or `false`.
    case boolean
    /// One of these words.
    case choice([String])
    /// Any text.
    case text
    /// A generator mapping (`GeneratorSpec`).
    case generator
    /// A JSON file of pixel permutations; given on the command line only.
    case permutationFile
}

/// Sanity bounds of the run parameters, checked at plan time (documented in README.md):
/// at most 100 experiences (and as many for `window`), 1,000 epochs, 1,000,000 images per
/// experience for `batch_size` / `train_size` / `test_size` (a batch is further bounded by
/// the experience's images, see the pipeline's `RunChecks`), 1,000,000 samples in a buffer
/// and 1,000 mixture components per class.
public enum ParameterLimits {
    /// See `ParameterLimits`.
    public static let maxExperiences = 100
    /// See `ParameterLimits`.
    public static let maxEpochs = 1_000
    /// See `ParameterLimits`.
    public static let maxImages = 1_000_000
    /// See `ParameterLimits`.
    public static let maxBuffer = 1_000_000
    /// See `ParameterLimits`.
    public static let maxComponents = 1_000
}
