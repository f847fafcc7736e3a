import ArgumentParser

/// `glr bench`: Measure engine throughput (sgemm, training, forward, head).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure engine throughput (sgemm, training, forward, head).")

    func run() throws {
        throw ValidationError("glr bench is still being built (engine).")
    }
}
