import Engine
import Foundation
import Pipeline
import TestSupport
import Testing

/// A deterministic corpus of malformed documents (seeded; see `CorpusGenerator`): parse and
/// plan only, no training. None may crash or run past its time budget, every rejection must
/// name `file:line:column` (or the `--set` flag), and a document that only changes line
/// endings must plan exactly like the original.
///
/// The time budgets are on the test thread's CPU time (`threadCPUSeconds`), not wall time:
/// they mean "no document may take pathological time" (a super-linear alias expansion or
/// sweep, a parser loop), which CPU time measures whatever else the machine runs, while wall
/// time also counts waiting for a core or being stopped and failed spuriously on a loaded
/// machine. Parsing and planning run on the calling thread, so its CPU time is their cost.
@Suite struct CorpusTests {
    static let perClass = 130
    static let perDocumentBudget = 2.0  // CPU seconds per document (each takes milliseconds)
    static let totalBudget = 60.0  // CPU seconds for the whole corpus
    static let shape = DatasetShape(trainPerClass: Dictionary(uniqueKeysWithValues: (0..<10).map { (Int32($0), 6000) }),
                                    testPerClass: Dictionary(uniqueKeysWithValues: (0..<10).map { (Int32($0), 1000) }))

    static func seeds() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("experiments")
        // The corpus plans its documents as corpus/NAME.md: a table's `compare:` file, written
        // relative to experiments/, is given as an absolute path so the planner still reads it.
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
                .replacingOccurrences(of: "\ncompare: ", with: "\ncompare: \(folder.path)/") }
    }

    /// The plan's run keys, or the error's lines.
    static func outcome(_ bytes: [UInt8], overrides: [String: String], path: String) -> Result<[String], DocumentError> {
        do {
            let document = try DocumentParser.parse(text: SourceText.decode(bytes, path: path), path: path)
            let plan = try Planner().plan(document, overrides: overrides, fingerprint: { _ in "corpus" }, shape: { _ in shape })
            return .success(plan.runs.map(\.key))
        } catch let error as DocumentError {
            return .failure(error)
        } catch {
            Issue.record("\(path): not a DocumentError: \(error)")
            return .success([])
        }
    }

    @Test func malformedDocumentsGiveLocatedErrorsOrCorrectPlans() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count >= 5)
        var generator = CorpusGenerator(seeds: seeds, seed: 16)
        let start = Date()
        let startCPU = threadCPUSeconds()
        var counts: [String: (total: Int, rejected: Int, seconds: Double)] = [:]
        for kind in CorpusGenerator.classes {
            for i in 0..<Self.perClass {
                let item = generator.make(kind)
                let path = "corpus/\(kind)-\(i).md"
                let began = threadCPUSeconds()
                let result = Self.outcome(item.bytes, overrides: item.overrides, path: path)
                let seconds = threadCPUSeconds() - began
                #expect(seconds < Self.perDocumentBudget, "\(path) took \(seconds) s of CPU time")
                counts[kind, default: (0, 0, 0)].total += 1
                counts[kind]!.seconds += seconds
                guard case .failure(let error) = result else {
                    if let original = item.original, case .success(let keys) = result {
                        let expected = try? Self.outcome(Array(original.utf8), overrides: [:], path: path).get()
                        #expect(keys == expected, "\(path) planned differently from its LF original")
                    }
                    continue
                }
                counts[kind]!.rejected += 1
                #expect(kind != "line-endings", "\(path) was rejected: \(error)")
                for line in error.errors.map(\.description) {
                    let located = line.range(of: #"^corpus/[a-z0-9-]+\.md:\d+:\d+: error: "#, options: .regularExpression) != nil
                    #expect(located || line.hasPrefix("error: --set "), "\(path): unlocated error: \(line)")
                }
            }
        }
        let cpuSeconds = threadCPUSeconds() - startCPU
        let wallSeconds = Date().timeIntervalSince(start)
        let table = CorpusGenerator.classes.map { "\($0): \(counts[$0]!.total) generated, \(counts[$0]!.rejected) rejected, \(String(format: "%.1f", counts[$0]!.seconds)) s CPU" }
        print("corpus: \(counts.values.map(\.total).reduce(0, +)) documents in \(String(format: "%.1f", cpuSeconds)) s CPU "
              + "(\(String(format: "%.1f", wallSeconds)) s wall)\n  " + table.joined(separator: "\n  "))
        #expect(counts.values.map(\.total).reduce(0, +) >= 2000)
        #expect(cpuSeconds < Self.totalBudget, "the corpus took \(cpuSeconds) s of CPU time")
        for kind in ["control-chars", "invalid-utf8", "alias-bombs", "huge-sweeps", "out-of-range", "bad-set", "undefined-runs", "unknown-keys"] {
            #expect(counts[kind]!.rejected == counts[kind]!.total, "every \(kind) case is rejected")
        }
    }
}
