/// Gives the headings of rendered prose stable `id`s and collects them for the table of
/// contents. Ids are slugs of the heading text (`Buffer size` → `buffer-size`), made unique
/// within the document with `-2`, `-3`, ... in document order, so they are deterministic.
struct HeadingAnchors {
    /// One table-of-contents entry.
    struct Entry {
        /// Heading level, 1-6.
        var level: Int
        /// Heading text as HTML (tags stripped, entities kept).
        var text: String
        /// The anchor id.
        var id: String
    }

    private(set) var entries: [Entry] = []
    private var used: Set<String> = []

    /// Reserves an id (e.g. `provenance`) so no heading takes it.
    mutating func reserve(_ id: String) { used.insert(id) }

    /// A unique id derived from `text` (plain text, not HTML).
    mutating func uniqueID(for text: String) -> String {
        var slug = ""
        var dash = false
        for c in text.lowercased() {
            if c.isLetter || c.isNumber {
                if dash && !slug.isEmpty { slug.append("-") }
                slug.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        if slug.isEmpty { slug = "section" }
        var id = slug
        var n = 2
        while used.contains(id) { id = "\(slug)-\(n)"; n += 1 }
        used.insert(id)
        return id
    }

    /// `html` with `<hN>` tags given ids; the headings are appended to `entries`.
    mutating func annotate(_ html: String) -> String {
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: "<h") {
            let afterH = rest[open.upperBound...]
            guard let digit = afterH.first, let level = digit.wholeNumberValue, (1...6).contains(level),
                  afterH.dropFirst().first == ">",
                  let close = afterH.range(of: "</h\(level)>") else {
                out += rest[..<open.upperBound]
                rest = afterH
                continue
            }
            let inner = String(afterH[afterH.index(afterH.startIndex, offsetBy: 2)..<close.lowerBound])
            let text = HTML.stripTags(inner)
            let id = uniqueID(for: HTML.unescape(text))
            entries.append(Entry(level: level, text: text, id: id))
            out += rest[..<open.lowerBound]
            out += "<h\(level) id=\"\(id)\">\(inner)</h\(level)>"
            rest = afterH[close.upperBound...]
        }
        return out + rest
    }
}
