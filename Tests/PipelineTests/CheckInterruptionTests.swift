import Foundation
import TestSupport
import Testing

/// SIGINT / SIGTERM stop `glr check` (a real glr process, in-process runs with -j 1 or worker
/// processes with -j 2): it exits 130 / 143 with one line saying nothing was kept, its
/// temporary cache (glr-check-UUID in TMPDIR) is gone, and no worker outlives it.
@Suite(.serialized, .removesTemporaryDirectories) struct CheckInterruptionTests {
    /// Two runs of a few experiences: each takes about a second, so a signal sent when the
    /// first experience starts arrives while the check computes.
    static let document = InterruptionTests.tinyDocument(experiences: 4, epochs: 2)

    /// Runs `glr ARGUMENTS` in `dir` with `environment` added, stderr to a file; returns the process and that file.
    ///
    /// glr starts with SIGINT and SIGTERM unblocked and at their default action, as from a
    /// shell, through `env --default-signal` (which execs it, keeping the pid): a `Process`
    /// child inherits the spawning thread's signal mask, and the test runner's threads block
    /// both signals, so a glr that never handles them would not die of them either.
    static func start(_ glr: URL, _ arguments: [String], in dir: URL, environment: [String: String] = [:]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=INT,TERM", glr.path] + arguments
        process.currentDirectoryURL = dir
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errFile = dir.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errFile)
    }

    /// The processes (pid, command line) whose command line contains `text`, from /proc.
    static func processes(mentioning text: String) -> [(pid: Int32, commandLine: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry), pid != getpid(),
                  let bytes = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let commandLine = String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return commandLine.contains(text) ? (pid, commandLine) : nil
        }
    }

    /// The glr-check-* folders in `tmp`.
    static func checkFolders(in tmp: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []).filter { $0.hasPrefix("glr-check-") }
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")], [1, 2])
    func interruptedCheckKeepsNothing(signal: (number: Int32, code: Int32, name: String), jobs: Int) throws {
        guard let glr = InterruptionTests.glr, FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            print("CheckInterruptionTests: skipped (no glr executable beside the tests, or no Fashion-MNIST)")
            return
        }
        let dir = try temporaryDirectory("glr-check-signal")
        try Self.document.write(to: dir.appendingPathComponent("tiny.md"), atomically: true, encoding: .utf8)
        let (render, renderErr) = try Self.start(glr, ["render", "tiny.md", "--cache", "cache", "--out", "out"], in: dir)
        render.waitUntilExit()
        try #require(render.terminationStatus == 0, "\((try? String(contentsOf: renderErr, encoding: .utf8)) ?? "")")

        let tmp = dir.appendingPathComponent("tmp", isDirectory: true)  // a private TMPDIR: the check's cache goes here
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let (check, errFile) = try Self.start(glr, ["check", "tiny.md", "--report", "out/tiny", "-j", "\(jobs)"], in: dir,
                                              environment: ["TMPDIR": tmp.path])
        defer {  // a failing case leaves no process behind
            if check.isRunning { kill(check.processIdentifier, SIGKILL); check.waitUntilExit() }
            for leftover in Self.processes(mentioning: tmp.path) { kill(leftover.pid, SIGKILL) }
        }
        func stderr() -> String { (try? String(contentsOf: errFile, encoding: .utf8)) ?? "" }
        let started = Date().addingTimeInterval(600)
        while Date() < started, check.isRunning, !(stderr().contains(": experience 1/") && !Self.checkFolders(in: tmp).isEmpty) {
            usleep(5_000)
        }
        try #require(check.isRunning, "the check ended before it was signalled: \(stderr())")
        #expect(Self.checkFolders(in: tmp).count == 1, "the check computes in its temporary cache")
        let workers = Self.processes(mentioning: tmp.path)
        #expect(jobs > 1 ? !workers.isEmpty : workers.isEmpty, "worker processes while computing: \(workers.map(\.commandLine))")

        kill(check.processIdentifier, signal.number)
        let ended = Date().addingTimeInterval(600)
        while Date() < ended, check.isRunning { usleep(10_000) }
        try #require(!check.isRunning, "the check did not end within 600 s of \(signal.name)")

        #expect(check.terminationReason == .exit && check.terminationStatus == signal.code,
                "status \(check.terminationStatus) (\(check.terminationReason == .exit ? "exit" : "killed by the signal")): \(stderr())")
        #expect(Self.checkFolders(in: tmp).isEmpty, "the temporary cache was left in TMPDIR: \(Self.checkFolders(in: tmp))")
        let left = Self.processes(mentioning: tmp.path)
        #expect(left.isEmpty, "processes outlived the check: \(left.map(\.commandLine))")
        let last = stderr().split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("glr: interrupted by \(signal.name). The check was stopped and nothing was kept: its temporary cache "),
                "\(last)")
        #expect(!stderr().contains("run the same command again to resume"), "no worker's resume line: \(stderr())")
    }
}
