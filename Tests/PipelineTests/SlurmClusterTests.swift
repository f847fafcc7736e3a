import Foundation
import TestSupport
import Testing

/// A real one-node Slurm cluster (`scripts/slurm-test`): `glr submit --slurm` computes a
/// small sweep as two array jobs, `glr render --from-cache` assembles the report, and its
/// results.json equals a local `-j 1` render. Skipped, with the reason printed, where
/// Slurm cannot be installed or started (not root, no apt).
@Suite(.serialized, .removesTemporaryDirectories) struct SlurmClusterTests {
    @Test(.timeLimit(.minutes(5))) func sweepOnSlurmEqualsLocalRender() throws {
        guard let glr = InterruptionTests.glr else {
            print("SlurmClusterTests: skipped (no glr executable beside the tests)")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let output = try temporaryDirectory("glr-slurm-test").appendingPathComponent("slurm-test.log")
        let status = try Self.spawnAndWait(root.appendingPathComponent("scripts/slurm-test").path, [glr.path], log: output.path, in: root.path)
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        if status == 77 {
            print(log.split(separator: "\n").last { $0.contains("SKIPPED") }.map(String.init) ?? "slurm-test: SKIPPED")
            return
        }
        #expect(status == 0, "\(log)")
        print(log.split(separator: "\n").last.map(String.init) ?? "")
    }

    /// Runs `path ARGS` in `directory` with stdout and stderr to `log`, and waits for it with
    /// `waitpid`. Not `Process`: the daemons the script starts must get default signal
    /// handling and an empty signal mask (so that they stop on SIGTERM), which posix_spawn
    /// sets explicitly.
    static func spawnAndWait(_ path: String, _ arguments: [String], log: String, in directory: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // bash changes to `directory`, then becomes the script.
        let command = "cd '\(directory)' && exec '\(path)' " + arguments.map { "'\($0)'" }.joined(separator: " ")
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/bash", "-c", command].map { (word: String) in strdup(word) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
