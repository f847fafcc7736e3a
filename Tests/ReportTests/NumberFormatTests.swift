import Foundation
import Pipeline
import Report
import TestSupport
import Testing

/// How a report's tables write numbers: mean ± sd with shared decimals, grouped whole numbers,
/// and a figure that does not vary over seeds alone.
@Suite(.removesTemporaryDirectories) struct NumberFormatTests {
    /// The texts of the numeric cells of a rendered one-table, one-row document, in order.
    func numericCells(_ values: [TableValue]) throws -> [String] {
        let table = TableData(caption: nil, columns: values.indices.map { "c\($0)" }, rows: [values])
        let cell = ExecutedCell(kind: "table", name: "table-1", index: 1, body: "runs: []\n", info: "table", line: 1, echo: false,
                                status: .ok, cacheHit: false, seconds: 0, output: .table(table))
        let document = ExecutedDocument(path: "experiments/t.md", name: "t", title: "T", parameters: [], blocks: [.cell(cell)],
                                        datasetFingerprints: [:], engineVersion: "test-1", seconds: 0)
        let dir = try temporaryDirectory()
        try ReportWriter.write(document, to: dir, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        // The table's row comes first; the provenance's tables follow it.
        let cells = html.components(separatedBy: "<td class=\"num\">").dropFirst().prefix(values.count).map { String($0.prefix { $0 != "<" }) }
        return cells
    }

    @Test func meanAndSpreadShareTheirDecimals() throws {
        #expect(try numericCells([.meanSD(0.84736, 0.01234, decimals: 3), .meanSD(0.5, 0.0001, decimals: 3)])
                == ["0.847 ± 0.012", "0.500 ± 0.000"], "a spread that rounds to 0 is still shown")
    }

    @Test func aFigureThatDoesNotVaryOverSeedsIsShownAlone() throws {
        #expect(try numericCells([.meanSD(2_308_400, 0, decimals: 0), .meanSD(0.25, 0, decimals: 3)]) == ["2,308,400", "0.250"])
    }

    @Test func wholeNumbersAreGrouped() throws {
        #expect(try numericCells([.meanSD(6_917_400, 1_234.4, decimals: 0), .integer(-1_234_567)]) == ["6,917,400 ± 1,234", "-1,234,567"])
    }

    @Test func missingMeanIsNotAvailable() throws {
        #expect(try numericCells([.meanSD(.nan, 0.1, decimals: 3), .number(-0.0001, decimals: 3)]) == ["n/a", "0.000"])
    }
}
