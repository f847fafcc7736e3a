import Foundation
import Pipeline
import Testing

/// A params cell of nested aliases ("billion laughs") fails fast with a located error
/// instead of expanding billions of nodes.
@Suite struct AliasBudgetTests {
    /// Ten lines of nested aliases: 10^9 leaves once expanded.
    static let bomb = """
    # Bomb

    ```params
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
    ```

    """

    @Test func aliasBombFailsFastWithALocation() throws {
        let start = Date()
        let doc = try DocumentParser.parse(text: Self.bomb, path: "bomb.md")
        var message = "no error"
        do { _ = try Planner().plan(doc, overrides: [:], fingerprint: { _ in "print" }) } catch { message = "\(error)" }
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(message.hasPrefix("bomb.md:4:1: error: cell 'params' expands to more than 100000 YAML nodes"), "\(message)")
    }

    @Test func aliasBombInASetValueIsRejected() throws {
        let doc = try DocumentParser.parse(text: "```params\nseed: 1\n```\n", path: "d.md")
        let value = "[&a [1,1,1,1,1,1,1,1,1,1], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b], "
            + "&d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]]"
        var message = "no error"
        do { _ = try Planner().plan(doc, overrides: ["seed": value], fingerprint: { _ in "print" }) } catch { message = "\(error)" }
        #expect(message.contains("error: --set seed="), "\(message)")
        #expect(message.contains("expands to more than 100000 YAML nodes"), "\(message)")
    }

    @Test func smallAliasesStillWork() throws {
        let text = "```run a\nepochs: &e 3\nseed: *e\nstrategy: naive\n```\n"
        let plan = try Planner().plan(try DocumentParser.parse(text: text, path: "d.md"), overrides: [:], fingerprint: { _ in "print" })
        #expect(plan.runs.first?.configuration.seed == 3)
    }
}
