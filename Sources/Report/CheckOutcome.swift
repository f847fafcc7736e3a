/// The verdict of `ReportChecker.check`: per cell PASS or FAIL, with every differing number.
public struct CheckOutcome: Sendable, Equatable {
    /// One number (or value) that differs.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// Where, e.g. `glr.accuracy_matrix[2][1]` (run name, then the field in results.json).
        public var path: String
        /// The value in results.json, as text.
        public var expected: String
        /// The recomputed value, as text.
        public var got: String

        public var description: String { "\(path): expected \(expected), got \(got)" }
    }

    /// One cell's verdict.
    public struct Cell: Sendable, Equatable {
        /// The cell's key in results.json (its name).
        public var name: String
        /// The differences (empty when the cell passed).
        public var differences: [Difference]
        /// True when nothing differs.
        public var passed: Bool { differences.isEmpty }
    }

    /// Verdicts in results.json's cell order (by index).
    public var cells: [Cell]
    /// The tolerance used (0: exact).
    public var tolerance: Double

    /// True when every cell passed.
    public var passed: Bool { cells.allSatisfy(\.passed) }

    /// Every difference of every cell.
    public var differences: [Difference] { cells.flatMap(\.differences) }

    /// Lines for the terminal: `PASS name` or `FAIL name` followed by its differences
    /// (at most `limit` per cell), then a summary line.
    public func report(limit: Int = 25) -> String {
        var lines: [String] = []
        for cell in cells {
            lines.append("\(cell.passed ? "PASS" : "FAIL") \(cell.name)")
            for difference in cell.differences.prefix(limit) { lines.append("  \(difference)") }
            if cell.differences.count > limit { lines.append("  … and \(cell.differences.count - limit) more") }
        }
        let failed = cells.filter { !$0.passed }.count
        let mode = tolerance == 0 ? "exact comparison" : "tolerance \(tolerance)"
        lines.append(failed == 0 ? "All \(cells.count) cells match (\(mode))."
                                 : "\(failed) of \(cells.count) cells differ (\(mode)); \(differences.count) values differ.")
        return lines.joined(separator: "\n")
    }
}
