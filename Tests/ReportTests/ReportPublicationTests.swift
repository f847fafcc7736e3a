import Foundation
import Pipeline
import Report
import TestSupport
import Testing

/// A report is published whole: a write fault (a full disk) leaves the old report intact and
/// no temporary folder; a successful render leaves no backup behind.
@Suite(.removesTemporaryDirectories) struct ReportPublicationTests {
    struct DiskFull: Error, CustomStringConvertible { var description: String { "No space left on device" } }

    /// A writer that fails on the file named `failOn`, after writing the others it was given.
    static func faulty(failOn: String) -> ReportPublisher {
        ReportPublisher { data, url in
            if url.lastPathComponent == failOn { throw DiskFull() }
            try data.write(to: url)
        }
    }

    static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    @Test func faultWhileWritingLeavesTheOldReportIntact() throws {
        let parent = try temporaryDirectory()
        let directory = parent.appendingPathComponent("doc", isDirectory: true)
        try ReportWriter.write(Fixtures.document(seconds: 1.5, hit: false), to: directory, embed: false, templates: Fixtures.templates,
                               provenance: Fixtures.provenance)
        try Data("notes".utf8).write(to: directory.appendingPathComponent("NOTES.txt"))
        let before = try Self.snapshot(directory)
        #expect(before.keys.contains("results.json") && before.keys.contains("fig-6-bars.png"))

        var later = Fixtures.provenance
        later.date = "2026-02-03T04:05:06Z"
        for failing in ["results.json", "index.html", "fig-6-bars.png"] {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("figures.json"))  // force PNGs to be redrawn
            let expected = try Self.snapshot(directory)
            var message = "no error"
            do {
                try ReportWriter.write(Fixtures.document(seconds: 0.01, hit: true), to: directory, embed: false, templates: Fixtures.templates,
                                       provenance: later, publisher: Self.faulty(failOn: failing))
            } catch { message = "\(error)" }
            #expect(message.contains("cannot write the report (the old report is unchanged): No space left on device"), "\(message)")
            #expect(try Self.snapshot(directory) == expected, "failing on \(failing) changed the old report")
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["doc"], "a temporary folder was left")
        }
    }

    @Test func successfulRenderReplacesWholeAndKeepsOtherFiles() throws {
        let parent = try temporaryDirectory()
        let directory = parent.appendingPathComponent("doc", isDirectory: true)
        try ReportWriter.write(Fixtures.document(), to: directory, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        try Data("notes".utf8).write(to: directory.appendingPathComponent("NOTES.txt"))
        try Data("stale".utf8).write(to: directory.appendingPathComponent("fig-99-old.png"))
        try ReportWriter.write(Fixtures.document(), to: directory, embed: true, templates: Fixtures.templates, provenance: Fixtures.provenance)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["NOTES.txt", "index.html", "results.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["doc"])
    }
}
