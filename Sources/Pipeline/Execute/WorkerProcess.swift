import Foundation

/// One `glr run FILE --unit I --cache DIR` child process, its stderr lines passed to a
/// `UnitProgressBoard` and the last few kept for an error message.
final class WorkerProcess: @unchecked Sendable {
    let unit: RunUnit
    private let process = Process()
    private let mutex = NSLock()
    private var tail: [String] = []
    private var partial = ""

    /// Starts the worker.
    init(unit: RunUnit, executable: URL, document: String, overrides: [String: String], limits: PlanLimits, cache: URL,
         board: UnitProgressBoard) throws {
        self.unit = unit
        process.executableURL = executable
        process.arguments = ["run", document, "--unit", "\(unit.index)", "--cache", cache.path]
            + overrides.keys.sorted().flatMap { ["--set", "\($0)=\(overrides[$0]!)"] } + limits.commandLineArguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { handle.readabilityHandler = nil; return }
            for line in self.lines(data) { board.update(unit, line) }
        }
        board.start(unit)
        do { try process.run() } catch {
            throw CacheError.io(path: executable.path, reason: "cannot start a worker: \(error)")
        }
    }

    var isRunning: Bool { process.isRunning }
    var status: Int32 { process.terminationStatus }

    /// Sends `signal` to the worker. On SIGINT or SIGTERM a worker (`glr run`) stops at its
    /// next safe point, as an interrupted render does.
    func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Returns when the worker has exited.
    func waitUntilExit() { process.waitUntilExit() }

    /// The worker's last lines of output.
    var lastLines: [String] {
        mutex.lock(); defer { mutex.unlock() }
        return tail
    }

    /// Complete lines of `data` (carriage returns end a line too: progress bars redraw).
    private func lines(_ data: Data) -> [String] {
        mutex.lock(); defer { mutex.unlock() }
        partial += String(decoding: data, as: UTF8.self)
        var complete: [String] = []
        while let end = partial.firstIndex(where: { $0 == "\n" || $0 == "\r" }) {
            let line = String(partial[..<end]).trimmingCharacters(in: .whitespaces)
            partial = String(partial[partial.index(after: end)...])
            if line.isEmpty { continue }
            complete.append(line)
            tail.append(line)
            if tail.count > 6 { tail.removeFirst() }
        }
        return complete
    }
}
