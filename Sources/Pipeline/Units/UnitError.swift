/// A problem with a unit of work, saying what to do.
public enum UnitError: Error, CustomStringConvertible, Sendable {
    /// `--unit` names no unit of the plan.
    case unknownUnit(String, count: Int)
    /// A unit's entry is not in the cache and this command does not compute (`--from-cache`,
    /// `--no-dependencies`); `command` recomputes it.
    case notInCache(unit: String, command: String)
    /// A shared-start unit did not leave its entry (its runs cannot share a start).
    case sharedStartNotSaved(unit: String)
    /// A unit was not computed because a unit it depends on failed.
    case dependencyFailed(unit: String, dependency: String)
    /// A worker process failed.
    case workerFailed(unit: String, status: Int32, lastLines: [String])

    /// What happened and how to fix it.
    public var description: String {
        switch self {
        case .unknownUnit(let selector, let count):
            return "--unit \(selector): no such unit; the plan has units 0…\(count - 1) (see glr plan FILE --units), "
                + "or give a unit's full cache key or a prefix of at least 8 hex digits"
        case .notInCache(let unit, let command):
            return "\(unit) is not in the cache; compute it with: \(command)"
        case .dependencyFailed(let unit, let dependency):
            return "\(unit) was not computed: \(dependency), which it depends on, failed"
        case .sharedStartNotSaved(let unit):
            return "\(unit) trained experience 1 but left no shared-start entry; its runs will train experience 1 themselves"
        case .workerFailed(let unit, let status, let lines):
            return "\(unit) failed (exit status \(status))" + (lines.isEmpty ? "" : ":\n    " + lines.joined(separator: "\n    "))
        }
    }
}
