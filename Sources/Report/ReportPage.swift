import Foundation
import Pipeline

/// Builds the Mustache context of index.html from an executed document: title, table of
/// contents, blocks in order, and provenance (stable part and volatile block).
enum ReportPage {
    /// The page context.
    static func context(_ document: ExecutedDocument, figures: [Int: FigureImage], provenance: Provenance,
                        embed: Bool) -> [String: Any] {
        var anchors = HeadingAnchors()
        anchors.reserve("provenance")
        var blocks: [[String: Any]] = []
        var droppedTitle = false
        for (k, block) in document.blocks.enumerated() {
            switch block {
            case .prose(let markdown):
                var html = Markdown.html(markdown)
                // The title is the page header: drop a leading level-1 heading of the first block.
                if k == 0, !droppedTitle, html.hasPrefix("<h1>"), let end = html.range(of: "</h1>\n") {
                    html = String(html[end.upperBound...])
                    droppedTitle = true
                }
                blocks.append(["isProse": true, "html": anchors.annotate(html)])
            case .verbatim(let info, let code):
                blocks.append(["isVerbatim": true, "info": info, "code": code])
            case .cell(let cell):
                blocks.append(["isCell": true, "cell": CellView.context(cell, figure: figures[cell.index], embed: embed)])
            }
        }
        var toc: [[String: Any]] = anchors.entries.filter { $0.level <= 3 }.map {
            ["id": $0.id, "text": $0.text, "level": $0.level, "sub": $0.level >= 3] as [String: Any]
        }
        toc.append(["id": "provenance", "text": "Provenance", "level": 2, "sub": false])
        return [
            "title": document.title, "name": document.name, "source": document.path,
            "toc": toc, "blocks": blocks,
            "provenance": ProvenanceView.stable(document, provenance),
            "volatile": ProvenanceView.volatile(document, provenance),
        ]
    }
}
