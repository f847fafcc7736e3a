import Foundation
import Pipeline
import TestSupport
import Testing

/// Documents saved with LF, CRLF, CR-only or mixed endings, with or without a BOM, split into
/// the same cells at the same positions, and report errors at the same `line:column`.
@Suite(.removesTemporaryDirectories) struct LineEndingTests {
    static let lf = """
    # Endings

    ```params
    seed: 7
    epochs: 1
    ```

    ```run naive
    strategy: naive
    ```

    ```sweep s
    vary: {seed: [1, 2]}
    ```

    ```table
    runs: [naive, s]
    bogus: 1
    ```

    """

    /// The LF text with every line ending replaced by `ending`, optionally with a BOM.
    static func variant(_ ending: String, bom: Bool) -> [UInt8] {
        let text = lf.replacingOccurrences(of: "\n", with: ending)
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    /// LF and CRLF alternating line by line, ending with a CR.
    static func mixed() -> [UInt8] {
        var out = ""
        for (i, line) in lf.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out += line + ([ "\r\n", "\n", "\r"][i % 3])
        }
        return Array(out.utf8)
    }

    static func parse(_ bytes: [UInt8]) throws -> SourceDocument {
        let directory = try temporaryDirectory("glr-endings")
        let url = directory.appendingPathComponent("doc.md")
        try Data(bytes).write(to: url)
        return try DocumentParser.parse(path: url.path)
    }

    static func summary(_ doc: SourceDocument) -> [String] {
        doc.cells.map { "\($0.kind) \($0.name ?? "-") \($0.line):\($0.column) \($0.body.debugDescription)" }
    }

    static func plannerError(_ doc: SourceDocument) -> String {
        do {
            _ = try Planner().plan(doc, overrides: [:], fingerprint: { _ in "print" })
            return "no error"
        } catch {
            return "\(error)".replacingOccurrences(of: doc.path, with: "FILE")
        }
    }

    @Test(arguments: [("\n", false), ("\r\n", false), ("\r", false), ("\n", true), ("\r\n", true), ("\r", true)])
    func everyEndingPlansTheSameCells(ending: String, bom: Bool) throws {
        let reference = try Self.parse(Self.variant("\n", bom: false))
        let doc = try Self.parse(Self.variant(ending, bom: bom))
        #expect(Self.summary(reference).count == 4)
        #expect(Self.summary(doc) == Self.summary(reference))
        #expect(doc.title == "Endings")
        #expect(Self.plannerError(doc) == Self.plannerError(reference))
        #expect(Self.plannerError(doc).contains("FILE:18:1: error: unknown key 'bogus'"))
    }

    @Test func mixedEndingsPlanTheSameCells() throws {
        let reference = try Self.parse(Self.variant("\n", bom: false))
        let doc = try Self.parse(Self.mixed())
        #expect(Self.summary(doc) == Self.summary(reference))
        #expect(Self.plannerError(doc) == Self.plannerError(reference))
    }
}
