import Foundation

/// The progress of every running unit: on a terminal, one line per running unit, redrawn in
/// place; otherwise each worker line as a plain line prefixed with its unit. Everything goes
/// through the render's `ProgressReporter`.
final class UnitProgressBoard: @unchecked Sendable {
    private let progress: ProgressReporter
    private let mutex = NSLock()
    private var order: [Int] = []
    private var latest: [Int: String] = [:]
    private var drawn = 0
    private var closed = false

    init(progress: ProgressReporter) { self.progress = progress }

    func start(_ unit: RunUnit) {
        mutex.lock(); defer { mutex.unlock() }
        order.append(unit.index)
        latest[unit.index] = "\(prefix(unit)) starting"
        if progress.mode == .terminal { redraw() } else { progress.log(latest[unit.index]!) }
    }

    /// A worker's line; ignored once the board is closed (a worker stopping after an
    /// interruption says so, but the command prints the one line about it).
    func update(_ unit: RunUnit, _ line: String) {
        mutex.lock(); defer { mutex.unlock() }
        guard !closed else { return }
        latest[unit.index] = "\(prefix(unit)) \(line)"
        if progress.mode == .terminal { redraw() } else { progress.log(latest[unit.index]!) }
    }

    func finish(_ unit: RunUnit) {
        mutex.lock(); defer { mutex.unlock() }
        order.removeAll { $0 == unit.index }
        let last = latest.removeValue(forKey: unit.index)
        if progress.mode == .terminal {
            erase()
            if let last { progress.draw(last + "\n") }
            redraw()
        }
    }

    /// A line of the parent's own (an error), above the running units' lines.
    func log(_ line: String) {
        mutex.lock(); defer { mutex.unlock() }
        guard progress.mode == .terminal else { progress.log(line); return }
        erase()
        progress.log(line)
        redraw()
    }

    /// Erases the running units' lines; later worker lines are ignored.
    func close() {
        mutex.lock(); defer { mutex.unlock() }
        closed = true
        if progress.mode == .terminal { erase() }
    }

    private func prefix(_ unit: RunUnit) -> String { "[unit \(unit.index) \(unit.name)]" }

    /// Moves up over the drawn lines and clears them.
    private func erase() {
        guard drawn > 0 else { return }
        progress.draw(String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawn))
        drawn = 0
    }

    private func redraw() {
        erase()
        let width = 118
        let text = order.compactMap { latest[$0] }.map { String($0.prefix(width)) + "\n" }.joined()
        progress.draw(text)
        drawn = order.count
    }
}
