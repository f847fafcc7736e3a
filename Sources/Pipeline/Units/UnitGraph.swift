import Continual

/// A plan as a graph of `RunUnit`s: each distinct run once (by cache key, in document
/// order), preceded by a shared-start unit for every group of two or more runs that reuse
/// one state after experience 0 (`CacheKey.sharedStart`). Shared starts come first, so the
/// order is a valid schedule and every dependency has a smaller index. The order depends
/// only on the document and its parameters, so unit `i` names the same run in every
/// process that plans the same document (what array jobs rely on).
public struct UnitGraph: Sendable {
    /// Every unit, shared starts first.
    public var units: [RunUnit]

    /// The graph of `plan`'s runs.
    public init(plan: Plan) {
        var runs: [(run: PlannedRun, line: Int)] = []
        var seen: Set<String> = []
        for cell in plan.cells {
            for run in cell.runs where seen.insert(run.key).inserted { runs.append((run, cell.source.line)) }
        }
        // Runs grouped by the shared start they would reuse.
        var startOf: [String: String] = [:]  // run key → start key
        var members: [String: [Int]] = [:]  // start key → positions in `runs`
        var startOrder: [String] = []
        for (position, entry) in runs.enumerated() {
            let c = entry.run.configuration
            guard StreamRunner.plainFirstExperience.contains(c.strategy), let print = plan.datasetFingerprints[c.dataset] else { continue }
            let start = CacheKey.sharedStart(c, datasetFingerprint: print)
            startOf[entry.run.key] = start
            if members[start] == nil { startOrder.append(start) }
            members[start, default: []].append(position)
        }
        let shared = startOrder.filter { members[$0]!.count >= 2 }
        var units: [RunUnit] = []
        var startIndex: [String: Int] = [:]
        for start in shared {
            let group = members[start]!
            let first = runs[group[0]]
            startIndex[start] = units.count
            units.append(RunUnit(index: units.count, kind: .sharedStart, key: start,
                                 name: "shared-start[\(first.run.name) +\(group.count - 1)]", dependencies: [], run: first.run,
                                 cellName: first.run.cellName, line: first.line))
        }
        for entry in runs {
            let dependency = startOf[entry.run.key].flatMap { startIndex[$0] }
            units.append(RunUnit(index: units.count, kind: .run, key: entry.run.key, name: entry.run.name,
                                 dependencies: dependency.map { [$0] } ?? [], run: entry.run, cellName: entry.run.cellName, line: entry.line))
        }
        self.units = units
    }

    /// The shared-start units (the first array of a Slurm submission).
    public var sharedStarts: [RunUnit] { units.filter { $0.kind == .sharedStart } }
    /// The run units.
    public var runs: [RunUnit] { units.filter { $0.kind == .run } }

    /// The unit a command-line selector names: an index (fewer than 8 digits), a full key, or
    /// a key prefix of at least 8 hex digits that only one unit has (even when all of them
    /// are decimal digits, as about 1 in 110 ten-digit prefixes are).
    /// - Throws: `UnitError.unknownUnit` saying what exists.
    public func unit(_ selector: String) throws -> RunUnit {
        if selector.count < 8, let index = Int(selector) {
            guard units.indices.contains(index) else { throw UnitError.unknownUnit(selector, count: units.count) }
            return units[index]
        }
        let matches = units.filter { $0.key == selector || (selector.count >= 8 && $0.key.hasPrefix(selector)) }
        guard matches.count == 1 else { throw UnitError.unknownUnit(selector, count: units.count) }
        return matches[0]
    }

    /// The shared-start unit a run (by key) depends on, if any.
    public func sharedStart(ofRun key: String) -> RunUnit? {
        guard let unit = units.first(where: { $0.kind == .run && $0.key == key }), let d = unit.dependencies.first else { return nil }
        return units[d]
    }

    /// `indices` with every unit they depend on, in schedule (index) order.
    public func closure(_ indices: [Int]) -> [RunUnit] {
        var chosen = Set(indices)
        var frontier = indices
        while let i = frontier.popLast() {
            for d in units[i].dependencies where chosen.insert(d).inserted { frontier.append(d) }
        }
        return chosen.sorted().map { units[$0] }
    }
}
