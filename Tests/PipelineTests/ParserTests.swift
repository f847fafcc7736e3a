import Foundation
import Pipeline
import Testing

@Suite struct ParserTests {
    static let text = """
    # Title with `code`

    Intro prose.

    ```params
    seed: 7
    ```

    Between.

    ```python
    print("verbatim")
    ```

        indented code is prose

    ~~~run glr
    strategy: glr
    ~~~

    ```table
    runs: [glr]
    ```
    Tail.
    """

    @Test func splitsCellsProseAndVerbatim() throws {
        let doc = try DocumentParser.parse(text: Self.text, path: "exp/my-doc.md")
        #expect(doc.name == "my-doc")
        #expect(doc.title == "Title with code")
        let cells = doc.cells
        #expect(cells.map(\.kind) == ["params", "run", "table"])
        #expect(cells.map(\.name) == [nil, "glr", nil])
        #expect(cells.map(\.line) == [5, 17, 21])
        #expect(cells.map(\.index) == [1, 2, 3])
        #expect(cells[0].body == "seed: 7\n")
        #expect(cells[2].displayName == "table-3")
        var prose: [String] = []
        var verbatim: [(String, String)] = []
        for block in doc.blocks {
            if case .prose(let p) = block { prose.append(p) }
            if case .verbatim(let info, let code) = block { verbatim.append((info, code)) }
        }
        #expect(verbatim.count == 1)
        #expect(verbatim.first?.0 == "python")
        #expect(verbatim.first?.1 == "print(\"verbatim\")\n")
        #expect(prose.count == 4)
        #expect(prose[0].contains("# Title"))
        #expect(prose[0].contains("Intro prose."))
        #expect(prose[2].contains("    indented code is prose"))
        #expect(prose[3].trimmingCharacters(in: .whitespacesAndNewlines) == "Tail.")
    }

    @Test func misspeltKindIsAnErrorAtTheFence() throws {
        let text = "# T\n\n```rum glr\nstrategy: glr\n```\n"
        #expect {
            try DocumentParser.parse(text: text, path: "d.md")
        } throws: { error in
            guard case .unknownCellKind(let at, _, let suggestion) = error as? DocumentError else { return false }
            return at.line == 3 && at.column == 1 && suggestion == "run"
        }
    }

    @Test func extraWordsInInfoStringAreAnError() throws {
        #expect(throws: DocumentError.self) { try DocumentParser.parse(text: "```run a b\n```\n", path: "d.md") }
    }

    @Test func editDistanceSuggestions() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.suggestion(for: "bufer_size", among: ["buffer_size", "batch_size"]) == "buffer_size")
        #expect(EditDistance.suggestion(for: "zzzzzz", among: ["seed", "lr"]) == nil)
    }
}
