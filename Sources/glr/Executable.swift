import Foundation
import Pipeline

/// Where this glr executable is (absolute), for worker processes and scheduler scripts.
enum Executable {
    static var url: URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }

    /// The full path of `command` on PATH, nil when absent.
    static func onPath(_ command: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(command)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// `glr run FILE --unit I --cache DIR [--set …]`: the command that recomputes a unit.
    static func runCommand(file: String, unit: Int, cache: String, overrides: [String], limits: PlanLimits) -> String {
        (["glr", "run", file, "--unit", "\(unit)", "--cache", cache] + overrides.flatMap { ["--set", $0] } + limits.commandLineArguments)
            .joined(separator: " ")
    }
}
