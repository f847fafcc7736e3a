import Foundation
import Report
import TestSupport
import Testing

/// A template that includes a partial with no template file fails to load, naming the file,
/// the line and column of the `{{> name}}` tag and the partials that exist; Mustache alone
/// would render the tag as nothing.
@Suite(.removesTemporaryDirectories) struct TemplatePartialTests {
    /// A templates directory holding `report` (report.html) and style.css; returns it.
    static func templates(report: String) throws -> URL {
        let dir = try temporaryDirectory("glr-templates")
        try report.write(to: dir.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        try "p { margin: 0 }\n".write(to: dir.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        return dir
    }

    /// Writes the fixture document's report with the templates of `dir`.
    static func write(with dir: URL) throws {
        try ReportWriter.write(Fixtures.document(), to: try temporaryDirectory(), embed: false, templates: dir, provenance: Fixtures.provenance)
    }

    @Test(arguments: ["{{>footer}}", "{{> footer}}", "{{> footer }}", "{{>\tfooter  }}"])
    func danglingPartialNamesFileLineAndColumn(tag: String) throws {
        let dir = try Self.templates(report: "<html>\n<style>{{> style}}</style>\n<body>\n  <h1>{{title}}</h1> \(tag)\n</body>\n</html>\n")
        let file = dir.standardizedFileURL.appendingPathComponent("report.html").path
        #expect(throws: ReportError.missingPartial(file: file, line: 4, column: 22, partial: "footer", available: ["style"])) {
            try Self.write(with: dir)
        }
    }

    @Test func messageSaysWhereAndWhatExists() throws {
        let dir = try Self.templates(report: "{{> style}}\r\n{{#cells}}\r\n    {{> cell}}\r\n{{/cells}}\r\n")
        do {
            try Self.write(with: dir)
            Issue.record("a report was written with a dangling partial")
        } catch let error as ReportError {
            #expect("\(error)".hasPrefix("\(dir.standardizedFileURL.path)/report.html:3:5: template error: the partial 'cell' has no template file"),
                    "\(error)")
            #expect("\(error)".contains("the partials are: style;"), "\(error)")
        }
    }

    @Test func commentsDynamicNamesAndOtherDelimitersAreNotReferences() throws {
        let report = "{{! {{> old}} }}\n{{>*chosen}}\n{{> style}}\n{{=<% %>=}}\n{{> notATag}}\n<%> style %>\n<%={{ }}=%>\n{{> gone}}\n"
        let dir = try Self.templates(report: report)
        let file = dir.standardizedFileURL.appendingPathComponent("report.html").path
        #expect(throws: ReportError.missingPartial(file: file, line: 8, column: 1, partial: "gone", available: ["style"])) {
            try Self.write(with: dir)
        }
    }

    @Test func danglingPartialInAPartialIsFound() throws {
        let dir = try Self.templates(report: "{{> style}}{{> cell}}\n")
        try "<div>\n{{#rows}}{{> row}}{{/rows}}\n</div>\n".write(to: dir.appendingPathComponent("cell.html"), atomically: true, encoding: .utf8)
        let file = dir.standardizedFileURL.appendingPathComponent("cell.html").path
        #expect(throws: ReportError.missingPartial(file: file, line: 2, column: 10, partial: "row", available: ["cell", "style"])) {
            try Self.write(with: dir)
        }
    }

    @Test func bundledTemplatesLoad() throws {
        for templates in [Fixtures.templates, nil] {
            let dir = try temporaryDirectory()
            try ReportWriter.write(Fixtures.document(), to: dir, embed: false, templates: templates, provenance: Fixtures.provenance)
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("index.html").path))
        }
    }
}
