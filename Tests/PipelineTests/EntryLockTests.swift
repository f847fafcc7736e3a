import Foundation
import Pipeline
import TestSupport
import Testing

/// Per-key locks (`EntryLock`): one holder per key, a holder's record in the file, a dead
/// or silent holder's lock taken over, a live one respected.
@Suite(.removesTemporaryDirectories) struct EntryLockTests {
    /// A pid that no process has: a child that has exited and been reaped.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func secondAttemptIsHeldUntilRelease() throws {
        let root = try temporaryDirectory()
        guard case .acquired(let first) = try EntryLock.attempt(key: "k1", root: root) else {
            Issue.record("first attempt did not acquire"); return
        }
        guard case .held(let holder) = try EntryLock.attempt(key: "k1", root: root) else {
            Issue.record("a second holder got a held lock"); return
        }
        #expect(holder == first.holder, "the file names the holder")
        #expect(holder?.pid == getpid())
        guard case .acquired = try EntryLock.attempt(key: "other", root: root) else {
            Issue.record("another key was blocked: the lock is not per key"); return
        }
        first.release()
        guard case .acquired = try EntryLock.attempt(key: "k1", root: root) else {
            Issue.record("not acquired after release"); return
        }
    }

    @Test func lockOfADeadProcessIsTakenOver() throws {
        let root = try temporaryDirectory()
        let path = EntryLock.path(key: "k", root: root)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let crashed = LockHolder(host: LockHolder.hostName, pid: try Self.deadPid(), token: "crashed")
        try crashed.text.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .acquired(let lock) = try EntryLock.attempt(key: "k", root: root) else {
            Issue.record("a dead holder's lock was not taken over"); return
        }
        #expect(LockHolder(text: try String(contentsOfFile: path, encoding: .utf8)) == lock.holder)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["k.lock"], "no temporary or aside files remain: \(leftovers)")
    }

    @Test func liveHolderOnThisHostIsRespectedAndSilentRemoteHolderTakenOver() throws {
        let root = try temporaryDirectory()
        let path = EntryLock.path(key: "k", root: root)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // pid 1 is alive: held, even though the record is not ours.
        try LockHolder(host: LockHolder.hostName, pid: 1, token: "init").text.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .held = try EntryLock.attempt(key: "k", root: root) else { Issue.record("a live holder's lock was taken"); return }
        // A holder on another host with a recent heartbeat: held.
        try LockHolder(host: "node-elsewhere", pid: 4242, token: "remote").text.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .held = try EntryLock.attempt(key: "k", root: root) else { Issue.record("a fresh remote lock was taken"); return }
        // No heartbeat for longer than staleAfter: taken over.
        let old = Date().addingTimeInterval(-EntryLock.staleAfter - 60)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        guard case .acquired = try EntryLock.attempt(key: "k", root: root) else { Issue.record("a silent remote lock was not taken over"); return }
    }

    @Test func releaseLeavesAnotherHoldersLock() throws {
        let root = try temporaryDirectory()
        guard case .acquired(let lock) = try EntryLock.attempt(key: "k", root: root) else { Issue.record("not acquired"); return }
        let other = LockHolder(host: "node-elsewhere", pid: 7, token: "later")
        try other.text.write(toFile: lock.path, atomically: true, encoding: .utf8)
        lock.release()
        #expect(LockHolder(text: (try? String(contentsOfFile: lock.path, encoding: .utf8)) ?? "") == other)
    }

    @Test func waiterReturnsWhenTheEntryAppears() async throws {
        let root = try temporaryDirectory()
        let store = try DirectoryCacheStore(root: root)
        guard case .acquired(let holder) = try EntryLock.attempt(key: "k", root: root) else { Issue.record("not acquired"); return }
        let waiter = Task.detached { () -> (Bool, String) in
            var message = ""
            let claim = try store.claim("k", onWait: { message = $0 }, satisfied: { store.exists("k.result") })
            return (claim.computedElsewhere, message)
        }
        try await Task.sleep(nanoseconds: 400_000_000)
        try store.save("k.result", [1, 2, 3])
        holder.release()
        let (elsewhere, message) = try await waiter.value
        #expect(elsewhere, "the waiter saw the entry and computes nothing")
        #expect(message.contains("pid \(getpid())"), "the wait names the holder: \(message)")
    }
}
