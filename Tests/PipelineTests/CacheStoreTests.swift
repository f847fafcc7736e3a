import Foundation
import Pipeline
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct CacheStoreTests {
    @Test func roundTripAndPurge() throws {
        let dir = try temporaryDirectory()
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

    @Test func halfWrittenEntryIsNeverVisible() throws {
        let dir = try temporaryDirectory()
        let store = try DirectoryCacheStore(root: dir)
        // What a writer killed before its rename leaves: a partial temporary file.
        let partial = CacheEntryFormat.encode([UInt8](repeating: 7, count: 1000)).prefix(300)
        try Data(partial).write(to: store.entries.appendingPathComponent(".tmp-k.result-999999-1"))
        #expect(!store.exists("k.result"))
        #expect(try store.load("k.result") == nil)
        #expect(try store.names().isEmpty)
        try store.save("k.result", [1, 2])
        #expect(try store.load("k.result") == [1, 2])
        #expect(try CacheMaintenance.clear(store) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.entries.path).isEmpty, "clear removes leftover temporaries")
    }

    @Test func maintenanceKeepsKeysBeingComputed() throws {
        let dir = try temporaryDirectory()
        let store = try DirectoryCacheStore(root: dir)
        try store.save("busy.checkpoint", [1])
        try store.save("idle.result", [2])
        let claim = try store.claim("busy", onWait: { _ in }, satisfied: { false })
        let writing = store.entries.appendingPathComponent(".tmp-busy.result-1-2")
        try Data([1]).write(to: writing)
        #expect(try CacheMaintenance.clear(store) == 1)
        #expect(try store.names() == ["busy.checkpoint"])
        #expect(FileManager.default.fileExists(atPath: writing.path), "a write under way is left alone")
        claim.release()
    }

    @Test func gcKeepsReferencedAndYoungEntries() throws {
        let dir = try temporaryDirectory()
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
