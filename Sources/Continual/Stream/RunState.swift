/// The finished rows of a run: everything `StreamResult` is made of, and what a checkpoint
/// saves besides the network, optimiser and the strategy's state.
struct RunState: Codable {
    /// Experiences finished.
    var completed = 0
    var accuracyMatrix: [[Double]] = []
    var lossMatrix: [[Double]] = []
    var randomInitAccuracy: [Double] = []
    var storageBytes: [Int] = []
    var secondsPerExperience: [Double] = []
    /// What the strategy measured after its experiences (`Strategy.observe`).
    var measurements = StreamMeasurements()

    /// Records finished experience `e` (the next one; an offline run's only row is that of the
    /// last experience): its accuracy and loss rows, the bytes the strategy keeps after it,
    /// its seconds and the measurements so far.
    mutating func record(experience e: Int, accuracy: [Double], loss: [Double], storageBytes bytes: Int, seconds: Double,
                         measurements: StreamMeasurements) {
        accuracyMatrix.append(accuracy)
        lossMatrix.append(loss)
        storageBytes.append(bytes)
        secondsPerExperience.append(seconds)
        self.measurements = measurements
        completed = e + 1
    }

    /// The result of the run so far. An `offline` run (joint: one row, after training on
    /// everything at once) has no per-experience history (see `StreamResult.isOffline`).
    func result(offline: Bool = false) -> StreamResult {
        StreamResult(accuracyMatrix: accuracyMatrix, lossMatrix: lossMatrix, randomInitAccuracy: randomInitAccuracy,
                     storageBytes: storageBytes, secondsPerExperience: secondsPerExperience, isOffline: offline,
                     fidelity: measurements.fidelity, latentScatter: measurements.latentScatter)
    }

    /// Doubles as bit patterns, so a checkpoint restores them exactly.
    struct Exact: Codable {
        var completed: Int
        var accuracy: [[UInt64]]
        var loss: [[UInt64]]
        var randomInit: [UInt64]
        var storageBytes: [Int]
        var seconds: [Double]
        var fidelity: GeneratorFidelity?
        var latentScatter: LatentScatter?
    }

    var exact: Exact {
        Exact(completed: completed, accuracy: accuracyMatrix.map { $0.map(\.bitPattern) }, loss: lossMatrix.map { $0.map(\.bitPattern) },
              randomInit: randomInitAccuracy.map(\.bitPattern), storageBytes: storageBytes, seconds: secondsPerExperience,
              fidelity: measurements.fidelity, latentScatter: measurements.latentScatter)
    }

    init() {}

    init(_ e: Exact) {
        completed = e.completed
        accuracyMatrix = e.accuracy.map { $0.map(Double.init(bitPattern:)) }
        lossMatrix = e.loss.map { $0.map(Double.init(bitPattern:)) }
        randomInitAccuracy = e.randomInit.map(Double.init(bitPattern:))
        storageBytes = e.storageBytes
        secondsPerExperience = e.seconds
        measurements.fidelity = e.fidelity
        measurements.latentScatter = e.latentScatter
    }
}
