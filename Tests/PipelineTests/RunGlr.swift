import Foundation

/// Runs `glr ARGUMENTS` in `dir` until it exits, with `changes` applied to the environment
/// (nil removes a variable); returns its exit status and its stderr.
func runGlr(_ glr: URL, _ arguments: [String], in dir: URL, environment changes: [String: String?] = [:]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = glr
    process.arguments = arguments
    process.currentDirectoryURL = dir
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in changes { environment[key] = value }
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stderr)
}
