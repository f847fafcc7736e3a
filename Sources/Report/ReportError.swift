import Foundation

/// Why a report could not be written or checked; each case names the file involved and
/// its message says how to fix it.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// No `report.html` was found in the templates directory (explicit, `GLR_TEMPLATES` or bundled).
    case templatesNotFound(searched: [String])
    /// A template failed to parse.
    case invalidTemplate(file: String, message: String)
    /// A template includes a partial (`{{> name}}`) for which the templates directory has no
    /// file; `available` lists the partials it has.
    case missingPartial(file: String, line: Int, column: Int, partial: String, available: [String])
    /// results.json (or another JSON file) is not valid JSON.
    case invalidJSON(source: String, offset: Int, message: String)
    /// results.json is valid JSON but not a glr results file.
    case invalidResults(source: String, message: String)
    /// A file could not be read or written.
    case io(path: String, message: String)
    /// A figure could not be drawn.
    case figure(cell: String, kind: String, message: String)

    public var description: String {
        switch self {
        case .templatesNotFound(let searched):
            return "report.html not found in the templates directory (\(searched.joined(separator: ", "))); "
                + "keep glr_Report.resources beside the glr executable (make install copies both), "
                + "or set GLR_TEMPLATES to a templates directory such as Sources/Report/Templates"
        case .invalidTemplate(let file, let message):
            return "\(file): template error: \(message); fix the Mustache syntax in that file"
        case .missingPartial(let file, let line, let column, let partial, let available):
            return "\(file):\(line):\(column): template error: the partial '\(partial)' has no template file (\(partial).html, .css or .mustache "
                + "in the templates directory), so it would render as nothing; the partials are: \(available.joined(separator: ", ")); "
                + "fix the name or add the file"
        case .invalidJSON(let source, let offset, let message):
            return "\(source): byte \(offset): \(message); restore the file from the rendered report (glr render)"
        case .invalidResults(let source, let message):
            return "\(source): \(message); it must be a results.json written by glr render"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .figure(let cell, let kind, let message):
            return "cell \(cell): cannot draw figure kind '\(kind)': \(message)"
        }
    }
}
