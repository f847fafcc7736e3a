/// The finished rows of a run: everything `StreamResult` is computed from, and what a
/// checkpoint saves besides the network, optimiser and memory.
struct RunState: Codable {
    /// Experiences finished.
    var completed = 0
    var accuracyMatrix: [[Double]] = []
    var lossMatrix: [[Double]] = []
    var randomInitAccuracy: [Double] = []
    var storageBytes: [Int] = []
    var secondsPerExperience: [Double] = []
    var fidelity: GeneratorFidelity?
    var latentScatter: LatentScatter?

    /// The result of the run so far, with its metrics. An `offline` run (joint: one row,
    /// after training on everything at once) has no per-experience history, so its average
    /// accuracy over time and forgetting are empty and its mean forgetting, BWT and FWT nil.
    func result(offline: Bool = false) -> StreamResult {
        let r = accuracyMatrix
        let forgetting = offline ? [] : StreamMetrics.forgetting(r)
        return StreamResult(
            accuracyMatrix: r, lossMatrix: lossMatrix,
            finalAverageAccuracy: StreamMetrics.finalAverage(r), finalAverageLoss: StreamMetrics.finalAverage(lossMatrix),
            averageAccuracyOverTime: offline ? [] : StreamMetrics.averageAccuracyOverTime(r), forgetting: forgetting,
            meanForgetting: offline ? nil : forgetting.isEmpty ? 0 : StreamMetrics.mean(forgetting),
            bwt: offline ? nil : StreamMetrics.backwardTransfer(r),
            fwt: offline ? nil : StreamMetrics.forwardTransfer(r, randomInit: randomInitAccuracy),
            randomInitAccuracy: randomInitAccuracy, storageBytes: storageBytes,
            secondsPerExperience: secondsPerExperience, seconds: secondsPerExperience.reduce(0, +),
            fidelity: fidelity, latentScatter: latentScatter)
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
              fidelity: fidelity, latentScatter: latentScatter)
    }

    init() {}

    init(_ e: Exact) {
        completed = e.completed
        accuracyMatrix = e.accuracy.map { $0.map(Double.init(bitPattern:)) }
        lossMatrix = e.loss.map { $0.map(Double.init(bitPattern:)) }
        randomInitAccuracy = e.randomInit.map(Double.init(bitPattern:))
        storageBytes = e.storageBytes
        secondsPerExperience = e.seconds
        fidelity = e.fidelity
        latentScatter = e.latentScatter
    }
}
