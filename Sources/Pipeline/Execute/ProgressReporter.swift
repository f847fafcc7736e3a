import Continual
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr: a redrawn bar on a terminal, plain log lines otherwise, nothing when
/// silent. Every log line (not bar redraws) is also kept in `lines`, for tests.
public final class ProgressReporter: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: Sendable {
        /// A bar redrawn in place (stderr is a terminal).
        case terminal
        /// One line per phase and epoch.
        case plain
        /// Nothing written (lines are still kept).
        case silent
    }

    /// The output mode.
    public let mode: Mode
    /// Log lines written so far.
    public private(set) var lines: [String] = []
    private var lastDraw = Date.distantPast
    private var lastPlain = ""
    private var barShown = false
    private var prefix = ""
    private var cellTag = ""
    private let logMutex = NSLock()

    /// A reporter with an explicit mode.
    public init(mode: Mode) { self.mode = mode }

    /// Bar on a terminal, plain lines otherwise (isatty on stderr).
    public static func standardError() -> ProgressReporter { ProgressReporter(mode: isatty(2) == 1 ? .terminal : .plain) }

    /// A reporter that writes nothing.
    public static var silent: ProgressReporter { ProgressReporter(mode: .silent) }

    /// A log line (clears the bar first on a terminal).
    /// Safe to call from several threads (worker output arrives on background queues).
    public func log(_ line: String) {
        logMutex.lock(); defer { logMutex.unlock() }
        lines.append(line)
        guard mode != .silent else { return }
        clearBar()
        write(line + "\n")
    }

    /// Cell i of n starts.
    public func cell(_ index: Int, of count: Int, _ label: String) {
        prefix = "[\(index)/\(count)] \(label)"
        cellTag = "[\(index)/\(count)]"
        log(prefix)
    }

    /// Stream progress of the run `name`.
    public func stream(_ p: StreamProgress, run name: String) {
        let experience = "experience \(p.experience + 1)/\(p.experiences)"
        guard p.samplesTotal > 0 else {
            let line = "  \(name): \(experience): \(p.message)"
            if line != lastPlain { lastPlain = line; log(line) }
            return
        }
        let epoch = "epoch \(p.epoch + 1)/\(p.epochs)"
        let eta = Self.eta(p)
        switch mode {
        case .silent:
            return
        case .plain:
            if p.samplesDone >= p.samplesTotal {
                log("  \(name): \(experience) \(epoch) done, \(Int(p.samplesPerSecond)) samples/s, ETA \(eta)")
            }
        case .terminal:
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 || p.samplesDone >= p.samplesTotal else { return }
            lastDraw = now
            let fraction = min(1, Double(p.samplesDone) / Double(p.samplesTotal))
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\u{1B}[K\(cellTag) \(name) \(experience) \(epoch) \(bar) \(Int(fraction * 100))% \(Int(p.samplesPerSecond)) samples/s ETA \(eta)")
            barShown = true
        }
    }

    /// Remaining time of the run, assuming every epoch has this epoch's size and rate.
    static func eta(_ p: StreamProgress) -> String {
        guard p.samplesPerSecond > 0 else { return "?" }
        let epochsLeft = (p.epochs - p.epoch - 1) + (p.experiences - p.experience - 1) * p.epochs
        let samples = Double(p.samplesTotal - p.samplesDone) + Double(p.samplesTotal) * Double(max(0, epochsLeft))
        let seconds = Int(samples / p.samplesPerSecond)
        return seconds >= 60 ? "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s" : "\(seconds)s"
    }

    /// Ends any bar line.
    public func finish() { clearBar() }

    private func clearBar() {
        if barShown { write("\r\u{1B}[K"); barShown = false }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
