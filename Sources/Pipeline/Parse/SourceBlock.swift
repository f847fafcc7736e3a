/// One top-level block of an experiment file, as written.
public enum SourceBlock: Sendable {
    /// CommonMark prose, as source text.
    case prose(String)
    /// A fenced block that is not a cell.
    case verbatim(info: String, code: String)
    /// A cell.
    case cell(SourceCell)
}
