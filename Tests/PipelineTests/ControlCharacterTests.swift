import Foundation
import Pipeline
import TestSupport
import Testing

/// NUL bytes, other control characters and invalid UTF-8 are located errors, never a silent
/// truncation of the file.
@Suite(.removesTemporaryDirectories) struct ControlCharacterTests {
    static func parse(_ bytes: [UInt8]) throws -> SourceDocument {
        let directory = try temporaryDirectory("glr-controls")
        let url = directory.appendingPathComponent("doc.md")
        try Data(bytes).write(to: url)
        return try DocumentParser.parse(path: url.path)
    }

    static func message(_ bytes: [UInt8]) -> String {
        do {
            let doc = try parse(bytes)
            return "parsed \(doc.cells.count) cells"
        } catch {
            return "\(error)"
        }
    }

    static let text = "# T\n\n```params\nseed: 7\n```\n\n```run a\nstrategy: naive\n```\n"

    @Test func nulByteIsALocatedError() {
        var bytes = Array(Self.text.utf8)
        bytes.insert(0, at: 17)  // line 4 "seed: 7", after "se"
        let message = Self.message(bytes)
        #expect(message.contains("doc.md:4:3: error: a NUL byte is not allowed"), "\(message)")
    }

    @Test(arguments: [UInt8(0x01), 0x07, 0x0B, 0x0C, 0x1B, 0x7F])
    func controlCharacterIsALocatedError(byte: UInt8) {
        var bytes = Array(Self.text.utf8)
        bytes.insert(byte, at: 37)  // line 8 "strategy: naive", column 1
        let message = Self.message(bytes)
        #expect(message.contains("doc.md:8:1: error: the control character U+00"), "\(message)")
    }

    @Test func tabsAndLineEndingsAreAccepted() {
        let bytes = Array("# T\n\n```params\nseed: 7\t# tab\r\n```\r\n".utf8)
        #expect(Self.message(bytes) == "parsed 1 cells")
    }

    @Test func invalidUTF8NamesLineColumnAndOffset() {
        var bytes = Array("# T\r\n\r\n```params\r\nseed: é7\r\n```\r\n".utf8)
        bytes.insert(0xFF, at: 26)  // line 4, after "seed: é" (7 scalars, 8 bytes)
        let message = Self.message(bytes)
        #expect(message.contains("doc.md:4:8: error: the file is not valid UTF-8 (first bad byte at offset 26); save the file as UTF-8."),
                "\(message)")
    }

    @Test func truncatedSequenceAtEndIsReported() {
        let bytes = Array("# T\n".utf8) + [0xE2, 0x82]
        #expect(Self.message(bytes).contains("doc.md:2:1: error: the file is not valid UTF-8 (first bad byte at offset 4)"))
    }
}
