import CCmark
import Foundation

/// CommonMark prose to HTML with cmark, in safe mode: raw HTML is replaced by a comment and
/// `javascript:`-style links are dropped (`CMARK_OPT_UNSAFE` is never set).
enum Markdown {
    /// The HTML of a CommonMark text.
    static func html(_ markdown: String) -> String {
        let utf8 = Array(markdown.utf8)
        let rendered: UnsafeMutablePointer<CChar>? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { pointer in
                cmark_markdown_to_html(pointer, buffer.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let rendered else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
