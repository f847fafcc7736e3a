import ArgumentParser
import Foundation
import Pipeline
import Report

/// How a command ends on an error, one policy for every command: the message on stderr and
/// the exit status (sysexits-style: 64 a bad selector, 65 a bad document, 73 cache or
/// report I/O, 128 + signal when interrupted).
enum CommandFailure {
    /// Writes `error`'s message and returns its exit status; nil for errors this policy does
    /// not know (an `ExitCode` the command threw itself, for one), which the caller rethrows.
    /// `resume` follows an interruption's message.
    static func exitCode(for error: Error, resume: String = "") -> ExitCode? {
        func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        switch error {
        case let error as DocumentError: say(error.description); return ExitCode(65)
        case let error as Interrupted: say("\(error) \(resume)"); return ExitCode(error.exitCode)
        case let error as ReportError: say("error: \(error)"); return ExitCode(73)
        case let error as CacheError: say("error: \(error)"); return ExitCode(73)
        case let error as UnitError: say("error: \(error)"); return ExitCode(64)
        default: return nil
        }
    }
}
