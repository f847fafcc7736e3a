import Foundation
import Pipeline

/// Writes a report folder, `reports/NAME/`: index.html rendered from Templates/report.html
/// (Mustache), one `fig-<cell index>-<kind>.png` per figure, figures.json (what each PNG was
/// drawn from, so a re-render reuses unchanged figures instead of drawing them again; see
/// `FigureManifest`), and results.json.
///
/// Everything except the volatile block of index.html (date, wall times, cache hits) is a
/// function of the document and the provenance's stable facts, so two renders of the same
/// commit and inputs give byte-identical PNGs and index.html outside that block.
public enum ReportWriter {
    /// Writes the report of `document` into `directory` (created if needed); with `embed`,
    /// index.html is self-contained (figures as base64 data URIs) and no PNG is written.
    /// `templates` is a templates directory (nil: `GLR_TEMPLATES`, else the bundled ones; see `TemplateSet`).
    @discardableResult
    public static func write(_ document: ExecutedDocument, to directory: URL, embed: Bool, templates: URL?) throws -> ReportSummary {
        try write(document, to: directory, embed: embed, templates: templates,
                  provenance: Provenance.current(documentPath: document.path))
    }

    /// Loads and checks the templates `write` would use (`templates` as there), so that a
    /// render stops on a missing or broken template before it computes anything.
    /// - Throws: the `ReportError` that `write` would throw for them.
    public static func checkTemplates(_ templates: URL?) throws {
        _ = try TemplateSet.load(from: TemplateSet.locate(templates))
    }

    /// As `write(_:to:embed:templates:)` with a given provenance (tests pass fixed values)
    /// and publisher (tests inject write faults). The folder is published whole by
    /// `ReportPublisher`: a reader sees the old report or the new one, never a mix.
    @discardableResult
    public static func write(_ document: ExecutedDocument, to directory: URL, embed: Bool, templates: URL?,
                             provenance: Provenance, publisher: ReportPublisher = .standard) throws -> ReportSummary {
        let templateSet = try TemplateSet.load(from: TemplateSet.locate(templates))
        // PNGs drawn by an earlier render into this folder, reused when their inputs are unchanged.
        let cache = FigureManifest.load(from: directory)
        var manifest = FigureManifest()
        var figures: [Int: FigureImage] = [:]
        var reused: Set<String> = []
        var problems: [String] = []
        for cell in document.cells {
            guard case .ok = cell.status, case .figure(let data)? = cell.output else { continue }
            let file = FigureFile.name(cellIndex: cell.index, kind: data.kind)
            let inputs = FigureKey.of(data)
            let image: FigureImage
            if let cached = cache.reusable(file, inputs: inputs, in: directory) {
                image = FigureImage(file: file, png: cached.png, alt: FigureText.alt(data), caption: FigureText.caption(data),
                                    width: cached.width, error: nil)
                reused.insert(file)
            } else {
                image = FigureRenderer.image(data, cellIndex: cell.index)
            }
            if let error = image.error { problems.append("cell \(cell.name): \(error)") } else {
                manifest.figures[file] = .init(inputs: inputs, png: CacheKey.hex(image.png), width: image.width)
            }
            figures[cell.index] = image
        }
        let html = try templateSet.render(ReportPage.context(document, figures: figures, provenance: provenance, embed: embed))
        let results = try ResultsJSON.value(of: document).formatted()

        var files: [(name: String, data: Data)] = []
        var written: [URL] = []
        var kept: [URL] = []
        if !embed {
            for index in figures.keys.sorted() {
                guard let image = figures[index], image.error == nil else { continue }
                if reused.contains(image.file) { kept.append(directory.appendingPathComponent(image.file)) } else {
                    files.append((image.file, Data(image.png)))
                }
                written.append(directory.appendingPathComponent(image.file))
            }
            if !manifest.figures.isEmpty { files.append((FigureManifest.fileName, try manifest.encoded())) }
        }
        files.append(("index.html", Data(html.utf8)))
        files.append(("results.json", Data(results.utf8)))
        try publisher.publish(files, reusing: embed ? [] : reused, to: directory)
        return ReportSummary(index: directory.appendingPathComponent("index.html"), results: directory.appendingPathComponent("results.json"),
                             figures: written, reusedFigures: kept, problems: problems)
    }

    /// The results.json text of a document (what `write` stores).
    public static func resultsJSON(_ document: ExecutedDocument) throws -> String {
        try ResultsJSON.value(of: document).formatted()
    }
}
