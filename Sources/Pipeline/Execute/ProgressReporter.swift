import Continual
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr for every command that trains (`glr render`, `glr stream`, `glr train`):
/// a bar with the rate and ETA redrawn in place on a terminal, plain log lines otherwise,
/// nothing when silent. Every log line (not bar redraws) is also kept in `lines`, for tests.
public final class ProgressReporter: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: Sendable {
        /// A bar redrawn in place (stderr is a terminal).
        case terminal
        /// One line per phase and per finished task (or per `plainLines` part of it).
        case plain
        /// Nothing written (lines are still kept).
        case silent
    }

    /// The output mode.
    public let mode: Mode
    /// Log lines written so far.
    public private(set) var lines: [String] = []
    private let output: (String) -> Void
    private var lastDraw = Date.distantPast
    private var lastPlain = ""
    private var plainTask = ""
    private var plainStep = -1
    private var plainDone = 0
    private var barShown = false
    private var cellTag = ""
    private let mutex = NSLock()

    /// A reporter with an explicit mode, writing to `output` (default: stderr).
    public init(mode: Mode, output: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.mode = mode
        self.output = output
    }

    /// Bar on a terminal, plain lines otherwise (isatty on stderr).
    public static func standardError() -> ProgressReporter { ProgressReporter(mode: isatty(2) == 1 ? .terminal : .plain) }

    /// A reporter that writes nothing.
    public static var silent: ProgressReporter { ProgressReporter(mode: .silent) }

    /// A log line (clears the bar first on a terminal).
    /// Safe to call from several threads (worker output arrives on background queues).
    public func log(_ line: String) {
        mutex.lock(); defer { mutex.unlock() }
        logLocked(line)
    }

    /// Cell i of n starts.
    public func cell(_ index: Int, of count: Int, _ label: String) {
        mutex.lock()
        cellTag = "[\(index)/\(count)]"
        mutex.unlock()
        log("[\(index)/\(count)] \(label)")
    }

    /// Stream progress of the run `name`: its phases as log lines (each once), its epochs as a
    /// bar whose ETA covers the rest of the run.
    public func stream(_ p: StreamProgress, run name: String) {
        let experience = "experience \(p.experience + 1)/\(p.experiences)"
        guard p.samplesTotal > 0 else {
            let line = "  \(name): \(experience): \(p.message)"
            mutex.lock(); defer { mutex.unlock() }
            if line != lastPlain { lastPlain = line; logLocked(line) }
            return
        }
        let tag = cellTag.isEmpty ? "" : cellTag + " "
        bar(tag + "\(name) \(experience) epoch \(p.epoch + 1)/\(p.epochs)", plainLabel: "  \(name): \(experience) epoch \(p.epoch + 1)/\(p.epochs)",
            done: p.samplesDone, total: p.samplesTotal, samplesPerSecond: p.samplesPerSecond, remaining: Self.remainingSeconds(p))
    }

    /// Progress of one task counted in samples (an epoch): on a terminal a bar redrawn at most
    /// ten times a second with the rate, `remaining` seconds as ETA and `detail`; in plain mode
    /// a line when the task ends, or each `plainLines`-th of it; nothing when silent.
    public func bar(_ label: String, plainLabel: String? = nil, done: Int, total: Int, samplesPerSecond: Double, remaining: Double?,
                    detail: String = "", plainLines: Int = 1) {
        mutex.lock(); defer { mutex.unlock() }
        let eta = remaining.map(Self.duration) ?? "?"
        let rate = "\(Int(samplesPerSecond)) samples/s"
        let extra = detail.isEmpty ? "" : " \(detail)"
        switch mode {
        case .silent:
            return
        case .plain:
            let task = plainLabel ?? label
            if task != plainTask || done < plainDone { plainTask = task; plainStep = -1 }
            plainDone = done
            let steps = max(1, plainLines)
            let step = done >= total ? steps : done * steps / max(total, 1)
            guard step > plainStep, step > 0, steps > 1 || done >= total else { return }
            plainStep = step
            let progress = done >= total ? "done" : "\(done)/\(total)"
            logLocked("\(task) \(progress),\(extra.isEmpty ? "" : extra + ",") \(rate), ETA \(eta)")
        case .terminal:
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 || done >= total else { return }
            lastDraw = now
            let fraction = min(1, Double(done) / Double(max(total, 1)))
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            output("\r\u{1B}[K\(label) \(bar) \(Int(fraction * 100))%\(extra) \(rate) ETA \(eta)")
            barShown = true
        }
    }

    /// Remaining seconds of the run, assuming every epoch has this epoch's size and rate (nil: no rate yet).
    static func remainingSeconds(_ p: StreamProgress) -> Double? {
        guard p.samplesPerSecond > 0 else { return nil }
        let epochsLeft = (p.epochs - p.epoch - 1) + (p.experiences - p.experience - 1) * p.epochs
        let samples = Double(p.samplesTotal - p.samplesDone) + Double(p.samplesTotal) * Double(max(0, epochsLeft))
        return samples / p.samplesPerSecond
    }

    /// `1m05s` or `42s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.isFinite ? max(0, seconds) : 0)
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }

    /// Writes text as it is, not as a log line (`UnitProgressBoard` redraws its lines with it).
    func draw(_ text: String) {
        guard mode != .silent else { return }
        output(text)
    }

    /// Ends any bar line.
    public func finish() {
        mutex.lock(); defer { mutex.unlock() }
        clearBar()
    }

    private func logLocked(_ line: String) {
        lines.append(line)
        guard mode != .silent else { return }
        clearBar()
        output(line + "\n")
    }

    private func clearBar() {
        if barShown { output("\r\u{1B}[K"); barShown = false }
    }
}
