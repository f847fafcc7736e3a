import Foundation
import Pipeline
import Testing

/// Sweep and document sizes are checked before the cartesian product is built.
@Suite struct SweepLimitTests {
    static func message(_ text: String, limits: PlanLimits = .standard) -> String {
        do {
            let doc = try DocumentParser.parse(text: text, path: "d.md")
            let plan = try Planner(limits: limits).plan(doc, overrides: [:], fingerprint: { _ in "print" })
            return "planned \(plan.runs.count) runs"
        } catch {
            return "\(error)"
        }
    }

    /// A sweep of `keys` keys with `values` values each (10^10 runs for 10 × 10).
    static func sweep(keys: Int, values: Int) -> String {
        let names = ["seed", "epochs", "batch_size", "buffer_size", "experiences", "lr", "momentum", "weight_decay", "ewc_lambda", "train_size"]
        let lines = names.prefix(keys).map { name in
            "  \(name): [" + (1...values).map { name == "momentum" ? "0.\($0 - 1)" : "\($0)" }.joined(separator: ", ") + "]"
        }
        return "```sweep big\nstrategy: naive\nvary:\n" + lines.joined(separator: "\n") + "\n```\n"
    }

    @Test func hugeSweepFailsFastAtItsVaryKey() {
        let start = Date()
        let message = Self.message(Self.sweep(keys: 10, values: 10))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(message.hasPrefix("d.md:3:1: error: sweep 'sweep big' expands to 10000000000 runs, more than the limit of 1000 per sweep"), "\(message)")
    }

    @Test func overflowingSweepIsReported() {
        // 100^10 = 10^20 combinations: more than Int holds.
        #expect(Self.message(Self.sweep(keys: 10, values: 100)).contains("expands to more than 9223372036854775807 runs"))
    }

    @Test func documentLimitCountsEveryCell() {
        let text = "```sweep a\nvary: {seed: [1, 2, 3]}\n```\n\n```sweep b\nvary: {seed: [4, 5, 6]}\n```\n\n```run c\nseed: 9\n```\n"
        #expect(Self.message(text, limits: PlanLimits(runsPerSweep: 10, runsPerDocument: 7)) == "planned 7 runs")
        let message = Self.message(text, limits: PlanLimits(runsPerSweep: 10, runsPerDocument: 6))
        #expect(message.hasPrefix("d.md:9:1: error: cell 'run c' adds 1 runs, taking the document past the limit of 6 runs per document"), "\(message)")
        #expect(Self.message(text, limits: PlanLimits(runsPerSweep: 2, runsPerDocument: 100)).contains("more than the limit of 2 per sweep"))
    }
}
