import Foundation
import Mustache

/// The report's Mustache templates: `report.html` and its partials (every other `.html`,
/// `.css` or `.mustache` file of the directory, named by file name without extension, e.g.
/// `{{> cell}}` for cell.html, `{{> style}}` for style.css).
///
/// They are SwiftPM resources of the Report module (`Sources/Report/Templates`), found in the
/// bundle `glr_Report.resources` beside the glr executable (`make install` copies both), else
/// in the source tree (`shippedCandidates`). A directory given explicitly, else
/// `$GLR_TEMPLATES`, overrides them (to try edited templates without rebuilding).
struct TemplateSet {
    /// The parsed templates.
    let library: MustacheLibrary
    /// Where they came from.
    let directory: URL

    /// The environment variable naming a templates directory that overrides the bundled one.
    static let environmentKey = "GLR_TEMPLATES"

    /// The templates directory: `explicit`, else `$GLR_TEMPLATES`, else the first of `shipped`
    /// that has a report.html.
    /// - Throws: `ReportError.templatesNotFound` when the chosen directory has no report.html,
    ///   or no shipped one has, naming the places searched.
    static func locate(_ explicit: URL?, shipped: [URL] = shippedCandidates) throws -> URL {
        let candidate: URL
        if let explicit {
            candidate = explicit
        } else if let env = ProcessInfo.processInfo.environment[environmentKey], !env.isEmpty {
            candidate = URL(fileURLWithPath: env)
        } else {
            guard let found = shipped.first(where: hasReport) else {
                throw ReportError.templatesNotFound(searched: shipped.map(\.path))
            }
            candidate = found
        }
        guard hasReport(candidate) else {
            throw ReportError.templatesNotFound(searched: [candidate.path])
        }
        return candidate.standardizedFileURL
    }

    /// Where the shipped templates may be, in order: the Report module's resource bundle
    /// beside the executable (`make install` copies it there; SwiftPM builds it beside glr
    /// and the test runner), then the source tree they are built from (a glr copied out of
    /// its build directory). SwiftPM's `Bundle.module` is not used: it traps when the bundle
    /// is missing, after a render has computed everything.
    static var shippedCandidates: [URL] {
        let beside = Bundle.main.bundleURL.appendingPathComponent("glr_Report.resources/Templates")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Templates")
        return [beside, source]
    }

    private static func hasReport(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.html").path)
    }

    /// Loads and parses every template of `directory`.
    /// - Throws: `ReportError.invalidTemplate` for a template that does not parse;
    ///   `ReportError.missingPartial` for a `{{> name}}` that names no template of the
    ///   directory (Mustache would render it as nothing), at the first such tag.
    static func load(from directory: URL) throws -> TemplateSet {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() } catch {
            throw ReportError.io(path: directory.path, message: "cannot list the templates directory: \(error.localizedDescription)")
        }
        var library = MustacheLibrary()
        var texts: [(file: URL, text: String)] = []
        for file in files where [".html", ".css", ".mustache"].contains(where: file.hasSuffix) {
            let url = directory.appendingPathComponent(file)
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw ReportError.io(path: url.path, message: "cannot read template: \(error.localizedDescription)")
            }
            let name = (file as NSString).deletingPathExtension
            do { try library.register(text, named: name) } catch {
                throw ReportError.invalidTemplate(file: url.path, message: "\(error)")
            }
            texts.append((url, text))
        }
        let names = Set(texts.map { $0.file.deletingPathExtension().lastPathComponent })
        for (file, text) in texts {
            if let missing = PartialReference.all(in: text).first(where: { !names.contains($0.name) }) {
                throw ReportError.missingPartial(file: file.path, line: missing.line, column: missing.column, partial: missing.name,
                                                 available: names.subtracting(["report"]).sorted())
            }
        }
        return TemplateSet(library: library, directory: directory)
    }

    /// Renders `report.html` with a context.
    func render(_ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: "report") else {
            throw ReportError.templatesNotFound(searched: [directory.appendingPathComponent("report.html").path])
        }
        return html
    }
}
