// SampleSet's Codable conformance (for strategy states in checkpoints): values exact as
// base64 bit patterns (`ExactFloats`), labels and shape as numbers.

extension SampleSet: Codable {
    enum CodingKeys: String, CodingKey {
        case values, labels, sampleShape = "shape"
    }

    /// Writes values (exact), labels and the per-sample shape.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ExactFloats.text(values), forKey: .values)
        try c.encode(labels, forKey: .labels)
        try c.encode(sampleShape, forKey: .sampleShape)
    }

    /// Reads what `encode(to:)` wrote.
    /// - Throws: `DecodingError.dataCorrupted` when the counts of values and labels disagree.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let values = try ExactFloats.decode(c, .values)
        let labels = try c.decode([Int32].self, forKey: .labels)
        let shape = try c.decode([Int].self, forKey: .sampleShape)
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }), values.count == labels.count * shape.reduce(1, *) else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: c,
                                                   debugDescription: "\(values.count) values for \(labels.count) samples of shape \(shape)")
        }
        self.init(values: values, labels: labels, sampleShape: shape)
    }
}
