import Continual
import Foundation

/// Builds a table's rows from runs.
///
/// Seed rule: with aggregation on, runs whose result-relevant configurations are equal once
/// `seed` is ignored, and that have at least two distinct seeds, form one row at the
/// position of the first of them. Its metric cells are mean ± sample standard deviation
/// (n − 1 denominator); parameter cells show the common value (`seed` shows the seeds).
/// Its name is the sweep's with `seed` dropped from the brackets (`glr-seeds`,
/// `glr-x[buffer_size=600]`), or the runs' names joined with `+`, followed by ` (n seeds)`.
///
/// Offline rule: a metric that needs a per-experience history (average accuracy over time,
/// forgetting, BWT, FWT) is `.undefined` for an offline run (joint), shown as "–", and the
/// table gets `offlineNote` as its footnote. It is never 0.
///
/// Comparison rule: with `comparison`, each metric column it covers is followed by a column of
/// the other tool's figure for the row's cell (blank where it has none), and its footnote
/// cites the file.
public enum TableBuilder {
    /// The footnote of a table with undefined cells.
    public static let offlineNote = "– not defined: joint is the offline upper bound, trained once on all experiences "
        + "together and evaluated once, so it has no per-experience history and no average accuracy over time, "
        + "forgetting, BWT or FWT."

    /// The table for `runs` with `columns` (metric or parameter names).
    public static func table(runs: [NamedRun], columns: [String], caption: String?, aggregateSeeds: Bool,
                             comparison: ComparisonFigures? = nil) -> TableData {
        var groups: [[NamedRun]] = []
        for run in runs {
            var unseeded = run.configuration
            unseeded.seed = 0
            if aggregateSeeds, let index = groups.firstIndex(where: { group in
                var c = group[0].configuration
                c.seed = 0
                return c == unseeded && !group.contains { $0.name == run.name }
            }) {
                groups[index].append(run)
            } else {
                groups.append([run])
            }
        }
        let compared = columns.filter { comparison?.covers($0) ?? false }
        func cells(_ rowRuns: [NamedRun], _ ours: (String) -> TableValue) -> [TableValue] {
            columns.flatMap { column -> [TableValue] in
                guard let comparison, compared.contains(column) else { return [ours(column)] }
                let theirs = comparison.value(run: rowRuns[0].cellName, metric: column)
                let decimals = ResultMetric.named(column)?.decimals ?? 4
                return [ours(column), theirs.map { .number($0, decimals: decimals) } ?? .text("")]
            }
        }
        var rows: [[TableValue]] = []
        for group in groups {
            let seeds = Set(group.map(\.configuration.seed))
            if group.count >= 2 && seeds.count >= 2 {
                rows.append([.text(groupName(group))] + cells(group) { aggregate($0, group) })
            } else {
                rows += group.map { run in [.text(run.name)] + cells([run]) { value($0, run) } }
            }
        }
        let titles = columns.flatMap { column in
            comparison.map { compared.contains(column) ? [column, $0.columnTitle(column)] : [column] } ?? [column]
        }
        var notes = rows.contains { $0.contains(.undefined) } ? [offlineNote] : []
        if let comparison, !compared.isEmpty { notes.append(comparison.note) }
        return TableData(caption: caption, columns: ["run"] + titles, rows: rows, notes: notes)
    }

    /// True when `column` is a metric `run` does not define because it is offline.
    static func isUndefined(_ column: String, _ run: NamedRun) -> Bool {
        guard run.configuration.strategy.isOffline, let metric = ResultMetric.named(column) else { return false }
        return metric.needsHistory && metric.value(of: run.result) == nil
    }

    /// The metric `name` of a result, and its decimals (nil: not a metric). A metric the
    /// result lacks (generator figures of a run without a generator) is nan, shown as n/a.
    public static func metric(_ name: String, _ result: StreamResult) -> (value: Double, decimals: Int)? {
        guard let metric = ResultMetric.named(name) else { return nil }
        return (metric.value(of: result) ?? .nan, metric.decimals)
    }

    static func value(_ column: String, _ run: NamedRun) -> TableValue {
        if column == "storage_bytes" { return .integer(run.result.storageBytes.last ?? 0) }
        if isUndefined(column, run) { return .undefined }
        if let (v, d) = metric(column, run.result) { return .number(v, decimals: d) }
        let parameter = run.configuration.parameterValue(column)
        if case .int(let i) = parameter { return .integer(i) }
        return .text(parameter.description)
    }

    static func aggregate(_ column: String, _ group: [NamedRun]) -> TableValue {
        if column == "seed" { return .text(group.map { String($0.configuration.seed) }.joined(separator: ", ")) }
        guard metric(column, group[0].result) != nil, !group.contains(where: { isUndefined(column, $0) }) else { return value(column, group[0]) }
        let (mean, sd) = SeedStatistics.meanAndSD(group.map { metric(column, $0.result)!.value })
        return .meanSD(mean, sd, decimals: metric(column, group[0].result)!.decimals)
    }

    static func groupName(_ group: [NamedRun]) -> String {
        let cell = group[0].cellName
        let base: String
        if group.allSatisfy({ $0.cellName == cell && !$0.varied.isEmpty }) {
            let others = group[0].varied.filter { $0.name != "seed" }
            base = others.isEmpty ? cell : cell + "[" + others.map { "\($0.name)=\($0.value)" }.joined(separator: ",") + "]"
        } else {
            base = group.map(\.name).joined(separator: " + ")
        }
        return "\(base) (\(group.count) seeds)"
    }
}
