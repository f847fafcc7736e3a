import Foundation
import Pipeline
import Report
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct ReportWriterTests {
    func render(_ document: ExecutedDocument = Fixtures.document(), embed: Bool = false,
                provenance: Provenance = Fixtures.provenance) throws -> (URL, String) {
        let dir = try temporaryDirectory()
        try ReportWriter.write(document, to: dir, embed: embed, templates: Fixtures.templates, provenance: provenance)
        return (dir, try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8))
    }

    @Test func matchesSnapshotOutsideTheVolatileBlock() throws {
        let (_, html) = try render()
        try expectSnapshot(VolatileBlock.strip(html), named: "tiny-index.html")
    }

    @Test func volatileBlockHoldsDateTimesAndCacheHits() throws {
        let (_, html) = try render()
        let begin = try #require(html.range(of: VolatileBlock.begin))
        let end = try #require(html.range(of: VolatileBlock.end))
        let inside = html[begin.upperBound..<end.lowerBound]
        let outside = String(html[..<begin.lowerBound]) + html[end.upperBound...]
        #expect(inside.contains("2026-01-02T03:04:05Z"))
        #expect(!outside.contains("2026-01-02T03:04:05Z"))
        #expect(inside.contains("miss"))
        #expect(html.components(separatedBy: VolatileBlock.begin).count == 2, "exactly one volatile block")
    }

    @Test func reRenderIsByteIdenticalOutsideTheVolatileBlock() throws {
        var later = Fixtures.provenance
        later.date = "2026-02-03T04:05:06Z"
        let (dirA, htmlA) = try render(Fixtures.document(seconds: 1.5, hit: false))
        let (dirB, htmlB) = try render(Fixtures.document(seconds: 0.01, hit: true), provenance: later)
        #expect(htmlA != htmlB, "the volatile block differs")
        #expect(VolatileBlock.strip(htmlA) == VolatileBlock.strip(htmlB))
        let pngs = try FileManager.default.contentsOfDirectory(atPath: dirA.path).filter { $0.hasSuffix(".png") }.sorted()
        #expect(pngs == ["fig-6-bars.png", "fig-7-final-vs-parameter.png"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dirB.path).filter { $0.hasSuffix(".png") }.sorted() == pngs)
        for png in pngs {
            let a = try Data(contentsOf: dirA.appendingPathComponent(png))
            let b = try Data(contentsOf: dirB.appendingPathComponent(png))
            #expect(a.count > 100)
            #expect(a == b, "\(png) differs between renders")
        }
        let resultsA = try Data(contentsOf: dirA.appendingPathComponent("results.json"))
        let resultsB = try Data(contentsOf: dirB.appendingPathComponent("results.json"))
        #expect(resultsA == resultsB)
    }

    @Test func failedCellShowsItsMessageAndDependantsAreSkipped() throws {
        let (_, html) = try render()
        let failed = try #require(html.range(of: "id=\"cell-8\""))
        let skipped = try #require(html.range(of: "id=\"cell-9\""))
        let failedSection = html[failed.lowerBound..<skipped.lowerBound]
        #expect(failedSection.contains("class=\"error\""))
        #expect(failedSection.contains("ewc_lambda must be ≥ 0, got -1"))
        let skippedSection = html[skipped.lowerBound...].prefix(600)
        #expect(skippedSection.contains("Skipped:"))
        #expect(skippedSection.contains("depends on failed cell ewc"))
        #expect(html.contains("class=\"cell cell-run failed\""))
        #expect(html.contains("class=\"cell cell-table skipped\""))
    }

    @Test func proseIsCommonMarkAndRawHTMLIsNotPassedThrough() throws {
        let (_, html) = try render()
        #expect(html.contains("<em>small</em>"))
        #expect(html.contains("<a href=\"https://example.org/paper\">link</a>"))
        #expect(html.contains("<h2 id=\"runs\">Runs</h2>"))
        #expect(html.contains("<h2 id=\"buffer-size\">Buffer size</h2>"))
        #expect(html.contains("<code>code</code> &amp; ampersand"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<title>Tiny &lt;GLR&gt; test</title>"))
        #expect(html.contains("<li><a href=\"#buffer-size\">Buffer size</a></li>"), "table of contents")
    }

    @Test func tablesShowNumbersWithTheirDecimals() throws {
        let (_, html) = try render()
        #expect(html.contains("<td class=\"num\">0.627</td>"))
        #expect(html.contains("<td class=\"num\">0.847 ± 0.012</td>"))
        #expect(html.contains("<td class=\"num\">24,576</td>"))
        #expect(html.contains("<caption>Final accuracy &amp; storage</caption>"))
        // The timing column varies between renders: left out of the table, noted.
        #expect(html.contains("<th>run</th><th class=\"num\">final_accuracy</th><th class=\"num\">storage_bytes</th></tr>"))
        #expect(html.contains("<p class=\"note\">Not shown: seconds (wall time varies between renders"))
        // Run summary of glr: final accuracy (0.8123 + 0.83 + 0.9) / 3 = 0.8474 to 4 decimals.
        #expect(html.contains("<td class=\"num\">0.8474</td>"))
    }

    @Test func echoFalseHidesTheSource() throws {
        let (_, html) = try render()
        let plot = try #require(html.range(of: "id=\"cell-6\""))
        let next = try #require(html.range(of: "id=\"cell-7\""))
        #expect(!html[plot.lowerBound..<next.lowerBound].contains("kind: bars"))
        #expect(html[next.lowerBound...].contains("kind: final-vs-parameter"))
    }

    @Test func embedWritesOneSelfContainedFile() throws {
        let (dir, html) = try render(embed: true)
        #expect(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"))
        #expect(!html.contains("src=\"fig-"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["index.html", "results.json"])
    }

    @Test func figuresHaveAltTextAndCaption() throws {
        let (_, html) = try render()
        #expect(html.contains("<img src=\"fig-6-bars.png\" width=\"360\" alt=\"Bar chart of final average accuracy (mean ± sd over seeds): naive 0.627, glr 0.847.\">"))
        #expect(html.contains("<figcaption>Final accuracy per strategy</figcaption>"))
    }

    @Test func noExternalFetches() throws {
        let (_, html) = try render()
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
    }
}

@Suite(.removesTemporaryDirectories) struct ReportWriterEdgeTests {
    @Test func missingTemplatesNameTheSearchedPlace() throws {
        let nowhere = try temporaryDirectory().appendingPathComponent("no-templates")
        #expect(throws: ReportError.templatesNotFound(searched: [nowhere.path])) {
            try ReportWriter.write(Fixtures.document(), to: try temporaryDirectory(), embed: false, templates: nowhere,
                                   provenance: Fixtures.provenance)
        }
    }

    @Test func repeatedHeadingsGetUniqueAnchorsAndTheTitleIsNotRepeated() throws {
        let document = ExecutedDocument(path: "x.md", name: "x", title: "Title", parameters: [],
                                        blocks: [.prose(markdown: "# Title\n\n## Results\n\n### Results\n\n## Provenance\n")],
                                        datasetFingerprints: [:], engineVersion: "e", seconds: 0)
        let dir = try temporaryDirectory()
        let summary = try ReportWriter.write(document, to: dir, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        let html = try String(contentsOf: summary.index, encoding: .utf8)
        #expect(html.contains("<h2 id=\"results\">Results</h2>"))
        #expect(html.contains("<h3 id=\"results-2\">Results</h3>"))
        #expect(html.contains("<h2 id=\"provenance-2\">Provenance</h2>"), "the provenance section keeps its own id")
        #expect(html.components(separatedBy: "<h1").count == 2, "one h1: the page title")
        #expect(html.contains("<li class=\"sub\"><a href=\"#results-2\">Results</a></li>"))
    }

    @Test func staleFiguresAreRemoved() throws {
        let dir = try temporaryDirectory()
        try Data([1, 2, 3]).write(to: dir.appendingPathComponent("fig-99-old.png"))
        try ReportWriter.write(Fixtures.document(), to: dir, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fig-99-old.png").path))
    }
}
