import Foundation
import Mustache

/// The report's Mustache templates: `report.html` and its partials (every other `.html`,
/// `.css` or `.mustache` file of the directory, named by file name without extension, e.g.
/// `{{> cell}}` for cell.html, `{{> style}}` for style.css).
///
/// The directory is the one given explicitly, else `$GLR_TEMPLATES`, else the first
/// `templates/` holding report.html in the current directory, beside the executable or one
/// of its ancestors, or in the source tree glr was built from. No copy is embedded in the
/// binary: a relocated glr needs `GLR_TEMPLATES` or `--templates`.
struct TemplateSet {
    /// The parsed templates.
    let library: MustacheLibrary
    /// Where they came from.
    let directory: URL

    /// Finds the templates directory (see the type's documentation for the search order).
    static func locate(_ explicit: URL?) throws -> URL {
        var candidates: [URL] = []
        if let explicit { candidates.append(explicit) } else {
            if let env = ProcessInfo.processInfo.environment["GLR_TEMPLATES"], !env.isEmpty {
                candidates.append(URL(fileURLWithPath: env))
            }
            candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("templates"))
            var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(dir.appendingPathComponent("templates"))
                dir = dir.deletingLastPathComponent()
            }
            // Sources/Report/TemplateSet.swift → ../../templates in the source tree.
            candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("templates"))
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("report.html").path) {
            return candidate.standardizedFileURL
        }
        throw ReportError.templatesNotFound(searched: candidates.map(\.path))
    }

    /// Loads and parses every template of `directory`.
    static func load(from directory: URL) throws -> TemplateSet {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() } catch {
            throw ReportError.io(path: directory.path, message: "cannot list the templates directory: \(error.localizedDescription)")
        }
        var library = MustacheLibrary()
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
