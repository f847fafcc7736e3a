// The shared test helper `temporaryDirectory`: what a test makes is gone when the test ends.

import Foundation
import TestSupport
import Testing

@Suite struct TemporaryDirectoryTests {
    struct Thrown: Error {}

    /// Runs `body` in the scope `.removesTemporaryDirectories` gives a test, and returns the
    /// names left in the system's temporary directory that start with `label`.
    static func leftAfterScope(_ label: String, _ body: @escaping @Sendable () throws -> Void) async throws -> [String] {
        let test = try #require(Test.current)
        do {
            try await RemovesTemporaryDirectories().provideScope(for: test, testCase: Test.Case.current) { try body() }
        } catch is Thrown {}
        return try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix(label) }
    }

    @Test(arguments: [false, true]) func directoriesAreRemovedWhenTheTestEnds(throwing: Bool) async throws {
        let label = "glr-scope-test-\(UUID().uuidString)"
        let left = try await Self.leftAfterScope(label) {
            for _ in 0..<2 {
                let dir = try temporaryDirectory(label)
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
                try Data("x".utf8).write(to: dir.appendingPathComponent("sub/file"))
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sub/file").path))
            }
            if throwing { throw Thrown() }
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
