import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during a render: a handler records the signal, and the render stops at
/// the next safe point, where no cache or report file is being written:
///
/// - after a run's checkpoint is saved (the executor throws `Interrupted`);
/// - between cells (the executor throws `Interrupted`);
/// - at a progress report between minibatches (the process exits there, once `install()`
///   armed it: the last complete checkpoint is already in the cache, and no write is under
///   way, since every cache write happens synchronously in the checkpoint call).
///
/// Re-running the same command resumes from the last complete checkpoint.
public final class Interruption: @unchecked Sendable {
    /// The process's interruption state.
    public static let shared = Interruption()

    private let lock = NSLock()
    private var received: Int32 = 0
    private var sources: [DispatchSourceSignal] = []
    private var exitMessage: String?

    /// Records SIGINT and SIGTERM instead of dying; `message` is printed (one line on stderr)
    /// before the process exits at a safe point inside a run.
    public func install(message: String) {
        lock.lock()
        defer { lock.unlock() }
        exitMessage = message
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Records `signal` as if it had been received (the first one wins).
    public func request(_ signal: Int32) {
        lock.lock()
        if received == 0 { received = signal }
        lock.unlock()
    }

    /// The signal received, nil when none.
    public var requested: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received == 0 ? nil : received
    }

    /// Forgets a received signal (tests).
    public func reset() {
        lock.lock()
        received = 0
        lock.unlock()
    }

    /// Throws `Interrupted` when a signal was received.
    public func check() throws {
        if let signal = requested { throw Interrupted(signal: signal) }
    }

    /// Exits the process with the signal's code (128 + signal) after printing the message,
    /// when a signal was received and `install` armed this; otherwise returns.
    public func exitIfRequested() {
        guard let signal = requested else { return }
        lock.lock()
        let message = exitMessage
        lock.unlock()
        guard let message else { return }
        FileHandle.standardError.write(Data((Interrupted(signal: signal).description + " " + message + "\n").utf8))
        LockHeartbeat.shared.removeAllFiles()  // this process's entry locks: waiters need not wait for a takeover
        exit(128 + signal)
    }
}

/// A render stopped by SIGINT or SIGTERM at a safe point.
public struct Interrupted: Error, CustomStringConvertible, Sendable {
    /// The signal number.
    public var signal: Int32

    /// Creates the error for `signal`.
    public init(signal: Int32) { self.signal = signal }

    /// The shell's exit code for it: 130 for SIGINT, 143 for SIGTERM.
    public var exitCode: Int32 { 128 + signal }

    /// `glr: interrupted by SIGINT.`
    public var description: String { "glr: interrupted by \(signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "signal \(signal)")." }
}
