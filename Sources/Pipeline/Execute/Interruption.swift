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
///
/// Exiting skips the command's `defer` blocks and catch clauses, so what must be undone on
/// the way out (`glr check` removes its temporary cache) is registered with `beforeExit`.
public final class Interruption: @unchecked Sendable {
    /// The process's interruption state.
    public static let shared = Interruption()

    private let lock = NSLock()
    private var received: Int32 = 0
    private var sources: [DispatchSourceSignal] = []
    private var exitMessage: String?
    private var exitActions: [@Sendable () -> Void] = []

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

    /// Adds `action` to what `exitIfRequested` does before it prints its message and exits
    /// (in the order added); an action must be safe to run on any thread, and also
    /// harmless when the command has already done it.
    public func beforeExit(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        exitActions.append(action)
        lock.unlock()
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

    /// Forgets a received signal and the `beforeExit` actions (tests).
    public func reset() {
        lock.lock()
        received = 0
        exitActions = []
        lock.unlock()
    }

    /// Throws `Interrupted` when a signal was received.
    public func check() throws {
        if let signal = requested { throw Interrupted(signal: signal) }
    }

    /// Exits the process with the signal's code (128 + signal) after the `beforeExit` actions
    /// and the message, when a signal was received and `install` armed this; otherwise returns.
    public func exitIfRequested() {
        guard let signal = requested else { return }
        lock.lock()
        let message = exitMessage
        let actions = exitActions
        exitActions = []
        lock.unlock()
        guard let message else { return }
        for action in actions { action() }
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
