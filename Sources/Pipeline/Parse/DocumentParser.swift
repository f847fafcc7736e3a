import CCmark
import Foundation

/// Splits an experiment file into prose, verbatim blocks and cells with cmark.
///
/// Top-level fenced code blocks whose info string starts with a registered cell kind are
/// cells; other fenced blocks are verbatim; everything between them is kept as Markdown
/// source (the original lines) for the renderer. cmark 0.30 cannot tell fenced from
/// indented code blocks, so a block is fenced when its source line starts with ``` or ~~~.
public enum DocumentParser {
    /// Reads and splits the file at `path`.
    public static func parse(path: String, kinds: [String] = StepRegistry.standard.kinds) throws -> SourceDocument {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DocumentError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(text: SourceText.decode(bytes, path: path), path: path, kinds: kinds)
    }

    /// Splits `text` (normalised first, see `SourceText`); `path` is used for the name and
    /// for error locations.
    public static func parse(text raw: String, path: String, kinds: [String] = StepRegistry.standard.kinds) throws -> SourceDocument {
        let text = try SourceText.normalise(raw, path: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let name = self.name(of: path)
        var title: String?
        var blocks: [SourceBlock] = []
        var errors: [DocumentError] = []
        var warnings: [String] = []
        var proseStart = 1  // next line not yet assigned to a block
        var cellIndex = 0

        func flushProse(upTo end: Int) {  // lines proseStart..<end
            guard end > proseStart else { return }
            let slice = lines[(proseStart - 1)..<min(end - 1, lines.count)]
            let prose = slice.joined(separator: "\n")
            if !prose.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { blocks.append(.prose(prose)) }
        }

        guard let root = text.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            throw DocumentError.unreadable(path: path, reason: "cmark could not parse it")
        }
        defer { cmark_node_free(root) }
        var node = cmark_node_first_child(root)
        while let current = node {
            defer { node = cmark_node_next(current) }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_HEADING, title == nil, cmark_node_get_heading_level(current) == 1 {
                title = plainText(current)
            }
            guard type == CMARK_NODE_CODE_BLOCK else { continue }
            let startLine = Int(cmark_node_get_start_line(current))
            let startColumn = Int(cmark_node_get_start_column(current))
            let endLine = Int(cmark_node_get_end_line(current))
            guard startLine >= 1, startLine <= lines.count else { continue }
            let source = lines[startLine - 1].drop(while: { $0 == " " })
            guard source.hasPrefix("```") || source.hasPrefix("~~~") else { continue }  // indented code: prose
            let info = cmark_node_get_fence_info(current).map { String(cString: $0) }?.trimmingCharacters(in: .whitespaces) ?? ""
            let code = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            flushProse(upTo: startLine)
            proseStart = endLine + 1
            let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let first = words.first ?? ""
            let location = SourceLocation(file: path, line: startLine, column: startColumn)
            if kinds.contains(first) {
                cellIndex += 1
                let cellName = words.count > 1 ? words[1] : nil
                if words.count > 2 {
                    errors.append(.badName(location, cell: info, problem: "the info string is `KIND [NAME]`; '\(words[2...].joined(separator: " "))' is extra (names cannot contain spaces)"))
                }
                blocks.append(.cell(SourceCell(kind: first, name: cellName, info: info, body: code, line: startLine,
                                               column: startColumn, index: cellIndex)))
            } else {
                if first.count >= 3, let s = EditDistance.suggestion(for: first, among: kinds) {
                    let distance = EditDistance.between(first, s)
                    if distance <= 1 {
                        errors.append(.unknownCellKind(location, info: info, suggestion: s))
                    } else if distance == 2, !languageNames.contains(first.lowercased()) {
                        warnings.append("\(location): warning: the fence '\(info)' is shown verbatim; did you mean the cell kind '\(s)'? "
                                        + "(If it is code in another language, ignore this.)")
                    }
                }
                blocks.append(.verbatim(info: info, code: code))
            }
        }
        flushProse(upTo: lines.count + 1)
        if !errors.isEmpty { throw errors.count == 1 ? errors[0] : DocumentError.multiple(errors) }
        return SourceDocument(path: path, name: name, title: title ?? name, blocks: blocks, warnings: warnings)
    }

    /// Fence languages two edits from a cell kind that are real languages (`rust`, `ruby` and
    /// `dot` are two edits from `run` and `plot`): no warning for them.
    ///
    /// A misspelt kind one edit away (`plt`, `sweeep`) is an error; two
    /// edits away (`plto`, `lpot`, `rnu`) it is a warning on stderr, not an error, so that a
    /// verbatim block in a language whose name happens to be two edits from a kind still works.
    static let languageNames: Set<String> = ["rust", "ruby", "dot", "rst", "ron", "pug", "sass", "pony", "toml"]

    /// The document name of a path: its file name without `.md` (the report's folder name).
    public static func name(of path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        if name.hasSuffix(".md") { name.removeLast(3) }
        return name
    }

    /// The concatenated text and code literals under a node.
    private static func plainText(_ node: OpaquePointer) -> String {
        var result = ""
        guard let iterator = cmark_iter_new(node) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                result += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK {
                result += " "
            }
        }
        return result
    }
}
