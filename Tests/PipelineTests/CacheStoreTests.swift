import Foundation
import Pipeline
import Testing

@Suite struct CacheStoreTests {
    @Test func roundTripAndPurge() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try DirectoryCacheStore(root: dir)
        let payload: [UInt8] = (0..<1000).map { UInt8($0 % 251) }
        #expect(try store.load("k.result") == nil)
        try store.save("k.result", payload)
        #expect(store.exists("k.result"))
        #expect(try store.load("k.result") == payload)
        #expect(try store.names() == ["k.result"])
        try store.purge("k.result")
        #expect(!store.exists("k.result"))
    }

    @Test func flippedByteAndTruncationAreDetected() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try DirectoryCacheStore(root: dir)
        let payload: [UInt8] = Array("some payload bytes".utf8)
        try store.save("a", payload)
        var bytes = [UInt8](try Data(contentsOf: store.url("a")))
        bytes[bytes.count - 3] ^= 0x01
        try Data(bytes).write(to: store.url("a"))
        #expect(throws: CacheError.self) { try store.load("a") }
        try store.save("b", payload)
        let full = try Data(contentsOf: store.url("b"))
        try full.prefix(full.count - 5).write(to: store.url("b"))
        #expect(throws: CacheError.self) { try store.load("b") }
        try Data("garbage".utf8).write(to: store.url("c"))
        #expect(throws: CacheError.self) { try store.load("c") }
    }

    @Test func secondLockWaitsForTheFirst() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var first: CacheLock? = try CacheLock(directory: dir)
        #expect(first?.waited == false)
        let released = Date().addingTimeInterval(0.3)
        let waiter = Task.detached { () -> (Bool, Date) in
            let lock = try CacheLock(directory: dir)
            return (lock.waited, Date())
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        first = nil
        let (waited, acquired) = try await waiter.value
        #expect(waited)
        #expect(acquired >= released)
        withExtendedLifetime(first) {}
    }

    @Test func gcKeepsReferencedAndYoungEntries() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try DirectoryCacheStore(root: dir)
        try store.save("keep.result", [1])
        try store.save("drop.result", [2])
        try store.save("drop.checkpoint", [3])
        let removed = try CacheMaintenance.collect(store, referenced: ["keep"], olderThan: nil)
        #expect(Set(removed) == ["drop.result", "drop.checkpoint"])
        #expect(try CacheMaintenance.collect(store, referenced: nil, olderThan: 3600).isEmpty)
        #expect(try store.names() == ["keep.result"])
    }
}
