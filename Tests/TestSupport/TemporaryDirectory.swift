// Temporary directories for tests, each removed when the test that made it ends.
import Foundation
import Testing

/// Makes a fresh directory `LABEL-UUID` in the system's temporary directory and returns it;
/// it is removed, with everything in it, when the current test ends.
///
/// The removing is done by the `.removesTemporaryDirectories` trait of the test or its suite.
/// Called outside such a test, this records an issue naming the directory it would leave behind.
public func temporaryDirectory(_ label: String = "glr-test", sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    if let made = MadeDirectories.current {
        made.append(url)
    } else {
        Issue.record("temporaryDirectory(\"\(label)\") was called in a test without the .removesTemporaryDirectories trait, so \(url.path) is left behind: add the trait to the suite",
                     sourceLocation: sourceLocation)
    }
    return url
}

/// A trait that removes, when each test (or each case of a parameterised test) ends, the
/// directories it made with `temporaryDirectory(_:)`, whether it passed, failed or threw.
/// Give it to a suite: `@Suite(.removesTemporaryDirectories)`.
public struct RemovesTemporaryDirectories: SuiteTrait, TestTrait, TestScoping {
    /// The trait; `.removesTemporaryDirectories` names it in a suite's traits.
    public init() {}

    /// Applies to every test of the suite and of its nested suites.
    public var isRecursive: Bool { true }

    /// Runs `function` with a fresh list of made directories, then removes each of them.
    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        let made = MadeDirectories()
        defer { made.removeAll() }
        try await MadeDirectories.$current.withValue(made) { try await function() }
    }
}

extension Trait where Self == RemovesTemporaryDirectories {
    /// Removes the directories each test made with `temporaryDirectory(_:)` when it ends.
    public static var removesTemporaryDirectories: Self { Self() }
}

/// The directories one test has made so far (task-local, so tests running in parallel keep
/// their own lists).
final class MadeDirectories: @unchecked Sendable {
    /// The running test's list; nil outside a test with the trait.
    @TaskLocal static var current: MadeDirectories?

    private let lock = NSLock()
    private var urls: [URL] = []

    /// Records `url` for removal.
    func append(_ url: URL) {
        lock.lock()
        urls.append(url)
        lock.unlock()
    }

    /// Removes every recorded directory (those already gone are skipped).
    func removeAll() {
        lock.lock()
        let all = urls
        urls = []
        lock.unlock()
        for url in all { try? FileManager.default.removeItem(at: url) }
    }
}
