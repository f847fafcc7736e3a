import Foundation
import Testing

/// A real one-node Slurm cluster (`scripts/slurm-test`): `glr submit --slurm` computes a
/// small sweep as two array jobs, `glr render --from-cache` assembles the report, and its
/// results.json equals a local `-j 1` render. Skipped, with the reason printed, where
/// Slurm cannot be installed or started (not root, no apt).
@Suite(.serialized) struct SlurmClusterTests {
    @Test(.timeLimit(.minutes(5))) func sweepOnSlurmEqualsLocalRender() throws {
        guard let glr = InterruptionTests.glr else {
            print("SlurmClusterTests: skipped (no glr executable beside the tests)")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/slurm-test")
        process.arguments = [glr.path]
        process.currentDirectoryURL = root
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("glr-slurm-test-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        if process.terminationStatus == 77 {
            print(log.split(separator: "\n").last { $0.contains("SKIPPED") }.map(String.init) ?? "slurm-test: SKIPPED")
            return
        }
        #expect(process.terminationStatus == 0, "\(log)")
        print(log.split(separator: "\n").last.map(String.init) ?? "")
    }
}
