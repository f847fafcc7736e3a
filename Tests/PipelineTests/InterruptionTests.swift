import Continual
import Data
import Foundation
import Pipeline
import TestSupport
import Testing

/// SIGINT / SIGTERM stop a render at a safe point: the last complete checkpoint stays in the
/// cache, nothing temporary is left, one line says how to resume, and the exit code is
/// 130 / 143; re-running resumes.
@Suite(.serialized, .removesTemporaryDirectories) struct InterruptionTests {
    @Test func signalStopsAfterTheCheckpointIsSaved() throws {
        let dir = try temporaryDirectory()
        defer { Interruption.shared.reset() }
        let data = dir.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try writeTinyDataset(in: data)
        let path = try writeDocument("```params\ndataset: \(data.path)\nmodel: mlp\nexperiences: 3\n```\n\n```run a\nstrategy: naive\n```\n", in: dir)
        let cache = dir.appendingPathComponent("cache", isDirectory: true)
        let backend = SignallingBackend()
        var caught: Interrupted?
        do {
            _ = try DocumentExecutor(cacheDirectory: cache, progress: .silent, backend: backend).execute(path: path, overrides: [:])
        } catch let error as Interrupted { caught = error }
        #expect(caught?.exitCode == 130)
        #expect(backend.checkpoints == 1, "stopped right after the first checkpoint")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("entries").path)
        #expect(entries.count == 1 && entries[0].hasSuffix(".checkpoint"), "\(entries)")
    }

    /// A backend that raises SIGINT's flag during the first experience, then checkpoints.
    final class SignallingBackend: RunBackend, @unchecked Sendable {
        var checkpoints = 0
        func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                 checkpoint: (Int, [UInt8]) throws -> Void, progress: (StreamProgress) -> Void) throws -> StreamResult {
            for experience in 0..<configuration.experiences {
                if experience == 0 { Interruption.shared.request(SIGINT) }
                checkpoints += 1
                try checkpoint(experience, [UInt8(experience)])
            }
            Issue.record("the run was not stopped")
            throw CancellationError()
        }
        func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws
            -> [ExperienceExamples] { [] }
    }

    /// The glr executable beside the test bundle (built by `swift build`), nil when absent.
    static var glr: URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("glr")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// Two naive runs (seeds differ) of `experiences` experiences and `epochs` epochs on
    /// permuted Fashion-MNIST subsets.
    static func tinyDocument(experiences: Int, epochs: Int) -> String {
        """
        # Tiny

        ```params
        benchmark: permuted
        experiences: \(experiences)
        epochs: \(epochs)
        train_size: 1000
        test_size: 200
        ```

        ```run a
        strategy: naive
        ```

        ```run b
        strategy: naive
        seed: 5
        ```

        """
    }

    static let tiny = tinyDocument(experiences: 2, epochs: 1)

    /// Runs glr render on the tiny document, sending `signal` once stderr shows `trigger`.
    static func render(_ glr: URL, in dir: URL, signal: Int32?, trigger: String = "a: experience 2/2") throws -> (code: Int32, stderr: String) {
        let process = Process()
        process.executableURL = glr
        process.arguments = ["render", "tiny.md", "--cache", "cache", "--out", "out"]
        process.currentDirectoryURL = dir
        let errFile = dir.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        if let signal {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, process.isRunning {
                if (try? String(contentsOf: errFile, encoding: .utf8))?.contains(trigger) == true { break }
                usleep(5_000)
            }
            kill(process.processIdentifier, signal)
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func renderStopsWithAResumeLineAndResumes(signal: Int32, code: Int32, name: String) throws {
        guard let glr = Self.glr, FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            print("InterruptionTests: skipped (no glr executable beside the tests, or no Fashion-MNIST)")
            return
        }
        let dir = try temporaryDirectory("glr-signal")
        try Self.tiny.write(to: dir.appendingPathComponent("tiny.md"), atomically: true, encoding: .utf8)
        let stopped = try Self.render(glr, in: dir, signal: signal)
        #expect(stopped.code == code, "\(stopped.stderr)")
        let last = stopped.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("glr: interrupted by \(name). The finished runs and the current run's last complete checkpoint are in the cache; "
                               + "re-run the same command to resume: "), "\(last)")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("cache/entries").path)) ?? []
        #expect(!entries.contains { $0.hasPrefix(".tmp") }, "a temporary cache file was left: \(entries)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/tiny").path), "no report is published")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)) ?? []).isEmpty)

        let resumed = try Self.render(glr, in: dir, signal: nil)
        #expect(resumed.code == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming run a after experience") || resumed.stderr.contains("a: cached"),
                "\(stopped.stderr)\n---\n\(resumed.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/tiny/results.json").path))
    }
}
