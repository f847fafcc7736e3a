// Labelled samples read row by row: what one epoch of the training loop passes over.
//
// N = samples, S = values per sample (the product of `sampleShape`), k = part.

/// Labelled samples the training loop can copy minibatch rows from.
public protocol SampleRows {
    /// Number of samples N.
    var count: Int { get }
    /// The shape of one sample.
    var sampleShape: [Int] { get }
    /// Copies the samples at `indices` into `destination` and `destinationLabels`, starting
    /// at sample row `offset` (both must be large enough).
    func copyRows(_ indices: ArraySlice<Int>, into destination: inout [Float], labels destinationLabels: inout [Int32], at offset: Int)
}

extension SampleSet: SampleRows {}

/// Several sample sets of one shape read as one, in order, without copying them: row r is
/// row r − start[k] of part k, where start[k] is the number of samples before part k.
///
/// The offline joint's training set: the union of every experience's images (300,000
/// Fashion-MNIST images are 0.94 GB as Float32) indexes into the experiences instead of
/// concatenating them.
public struct SampleUnion: SampleRows {
    /// The parts, in order.
    public let parts: [SampleSet]
    /// start[k]: samples before part k; start[parts.count] = N.
    let starts: [Int]

    /// The union of `parts` (at least one; all of the first part's shape).
    public init(_ parts: [SampleSet]) {
        precondition(!parts.isEmpty, "SampleUnion needs at least one part")
        precondition(parts.allSatisfy { $0.sampleShape == parts[0].sampleShape },
                     "SampleUnion: parts of shapes \(parts.map(\.sampleShape)); they must share one")
        self.parts = parts
        var starts = [0]
        for part in parts { starts.append(starts.last! + part.count) }
        self.starts = starts
    }

    /// Number of samples N (the parts' counts added).
    public var count: Int { starts.last! }

    /// The parts' sample shape.
    public var sampleShape: [Int] { parts[0].sampleShape }

    /// The part holding row `row` and the row within it (binary search over `starts`).
    func locate(_ row: Int) -> (part: Int, row: Int) {
        precondition(row >= 0 && row < count, "SampleUnion: index \(row) out of 0..<\(count)")
        var low = 0, high = parts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= row { low = mid } else { high = mid - 1 }
        }
        return (low, row - starts[low])
    }

    /// Copies the samples at `indices` (rows of the union) as `SampleSet.copyRows` does.
    public func copyRows(_ indices: ArraySlice<Int>, into destination: inout [Float], labels destinationLabels: inout [Int32], at offset: Int) {
        var row = offset
        for i in indices {
            let (k, r) = locate(i)
            parts[k].copyRows([r], into: &destination, labels: &destinationLabels, at: row)
            row += 1
        }
    }
}
