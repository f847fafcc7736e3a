import Foundation

/// The git commit and working-tree state of the repository holding a directory, by running
/// `git` through Foundation.Process. Files under `reports/` are ignored for the dirty flag
/// (rendering writes there, and the flag must not change between two renders).
struct GitInfo {
    /// Commit hash, or "unknown" (no git, or not a repository).
    var commit = "unknown"
    /// "clean", "dirty" or "unknown".
    var workingTree = "unknown"

    /// Queries git in `directory`.
    init(directory: String) {
        guard let top = GitInfo.run(["-C", directory, "rev-parse", "--show-toplevel"]),
              let head = GitInfo.run(["-C", top, "rev-parse", "HEAD"]) else { return }
        commit = head
        if let status = GitInfo.run(["-C", top, "status", "--porcelain", "--", ".", ":(exclude)reports"]) {
            workingTree = status.isEmpty ? "clean" : "dirty"
        }
    }

    /// Runs git with `arguments`; its trimmed stdout, or nil if git is missing or fails.
    static func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
