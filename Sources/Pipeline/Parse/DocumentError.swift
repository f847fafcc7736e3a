/// An error in an experiment file or its overrides, found before anything runs.
///
/// Every case carries where the input came from (`file:line:column` and the cell, shown as
/// its fence info string, e.g. `run glr`) and its description says how to fix it.
public enum DocumentError: Error, CustomStringConvertible, Sendable {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not valid UTF-8; the location and byte offset are those of the first bad sequence.
    case notUTF8(SourceLocation, byteOffset: Int)
    /// A NUL or another control character (other than tab and line endings) in the file.
    case controlCharacter(SourceLocation, scalar: UInt32)
    /// A cell body is not valid YAML.
    case yamlSyntax(SourceLocation, cell: String, problem: String)
    /// A cell body (or `--set` value) expands to more YAML nodes than the budget allows
    /// (nested aliases, "billion laughs").
    case yamlTooLarge(SourceLocation, cell: String, budget: Int)
    /// A cell body is not a YAML mapping of keys to values.
    case notAMapping(SourceLocation, cell: String)
    /// A key the cell kind does not accept; `suggestion` is the closest accepted key.
    case unknownKey(SourceLocation, cell: String, key: String, suggestion: String?)
    /// A value of the wrong type or out of range; `expected` says what is accepted.
    case badValue(SourceLocation, cell: String, key: String, problem: String, expected: String)
    /// A fence whose info string looks like a misspelt cell kind.
    case unknownCellKind(SourceLocation, info: String, suggestion: String)
    /// A `run` or `sweep` cell without a name, or with a malformed one.
    case badName(SourceLocation, cell: String, problem: String)
    /// Two cells define the same run name.
    case duplicateName(SourceLocation, name: String, firstLine: Int)
    /// A `table` or `plot` cell names a run not defined above it.
    case unknownRun(SourceLocation, cell: String, name: String, suggestion: String?)
    /// A run's resolved parameters hold a value it could not use (checked at plan time with
    /// the runner's and strategies' own checks, and against the dataset's size).
    case runSetting(SourceLocation, cell: String, run: String, key: String, problem: String)
    /// A required key is missing.
    case missingKey(SourceLocation, cell: String, key: String, why: String)
    /// The dataset a run names cannot be found or read.
    case dataset(SourceLocation, cell: String, spec: String, problem: String)
    /// A sweep or the whole document plans more runs than its limit (`runs` is the count
    /// as text: it may exceed `Int`).
    case tooManyRuns(SourceLocation, cell: String, runs: String, limit: Int, scope: RunLimitScope)
    /// `--set KEY=VALUE` names a key the document does not declare.
    case unknownOverride(key: String, suggestion: String?, declared: [String])
    /// `--set KEY=VALUE` has a value of the wrong type.
    case badOverride(key: String, value: String, problem: String, expected: String)
    /// `--set` without `=`.
    case malformedOverride(String)
    /// Several errors, in document order.
    case multiple([DocumentError])

    /// The errors this one stands for (itself, or the list of `.multiple`).
    public var errors: [DocumentError] {
        if case .multiple(let list) = self { return list.flatMap(\.errors) }
        return [self]
    }

    /// Compiler-style text: `file:line:column: error: … in cell 'run glr'; fix: …`.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            let sentence = reason.hasSuffix(".") ? reason : reason + "."
            return "\(path): error: cannot read the experiment file: \(sentence) Check the path."
        case .notUTF8(let at, let offset):
            return "\(at): error: the file is not valid UTF-8 (first bad byte at offset \(offset)); save the file as UTF-8."
        case .controlCharacter(let at, let scalar):
            let code = "U+" + String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)
            let name = scalar == 0 ? "a NUL byte" : "the control character \(code)"
            return "\(at): error: \(name) is not allowed in an experiment file; delete it (only tab and line endings may appear)."
        case .yamlSyntax(let at, let cell, let problem):
            return "\(at): error: invalid YAML in cell '\(cell)': \(problem). Fix the YAML syntax at this position."
        case .yamlTooLarge(let at, let cell, let budget):
            return "\(at): error: cell '\(cell)' expands to more than \(budget) YAML nodes (nested aliases?); write the values out or use fewer aliases."
        case .notAMapping(let at, let cell):
            return "\(at): error: the body of cell '\(cell)' must be a YAML mapping (`key: value` lines)."
        case .unknownKey(let at, let cell, let key, let suggestion):
            let fix = suggestion.map { "did you mean '\($0)'?" } ?? "remove it; `glr params --all` lists every accepted key."
            return "\(at): error: unknown key '\(key)' in cell '\(cell)'; \(fix)"
        case .badValue(let at, let cell, let key, let problem, let expected):
            return "\(at): error: bad value for '\(key)' in cell '\(cell)': \(problem); expected \(expected)."
        case .unknownCellKind(let at, let info, let suggestion):
            return "\(at): error: unknown cell kind in fence '\(info)'; did you mean '\(suggestion)'? (To show the block verbatim, use a language name such as `text`.)"
        case .badName(let at, let cell, let problem):
            return "\(at): error: cell '\(cell)': \(problem)."
        case .duplicateName(let at, let name, let firstLine):
            return "\(at): error: run name '\(name)' is already defined at line \(firstLine); give this cell another name."
        case .unknownRun(let at, let cell, let name, let suggestion):
            let fix = suggestion.map { "did you mean '\($0)'?" } ?? "define a `run \(name)` or `sweep \(name)` cell above this one."
            return "\(at): error: cell '\(cell)' reads run '\(name)', which is not defined above it; \(fix)"
        case .runSetting(let at, let cell, let run, let key, let problem):
            let sentence = problem.hasSuffix(".") ? problem : problem + "."
            return "\(at): error: run '\(run)' of cell '\(cell)': bad value for '\(key)': \(sentence)"
        case .missingKey(let at, let cell, let key, let why):
            return "\(at): error: cell '\(cell)' needs the key '\(key)': \(why)."
        case .dataset(let at, let cell, let spec, let problem):
            return "\(at): error: cell '\(cell)' uses dataset '\(spec)': \(problem)"
        case .tooManyRuns(let at, let cell, let runs, let limit, let scope):
            switch scope {
            case .sweep:
                return "\(at): error: sweep '\(cell)' expands to \(runs) runs, more than the limit of \(limit) per sweep; "
                    + "vary fewer values, split the sweep, or raise the limit with --max-sweep-runs."
            case .document:
                return "\(at): error: cell '\(cell)' adds \(runs) runs, taking the document past the limit of \(limit) runs per document; "
                    + "remove runs or raise the limit with --max-runs."
            }
        case .unknownOverride(let key, let suggestion, let declared):
            if let s = suggestion { return "error: --set \(key): the document declares no parameter '\(key)'; did you mean '\(s)'?" }
            let list = declared.isEmpty ? "none (add a `params` cell)" : declared.joined(separator: ", ")
            return "error: --set \(key): the document declares no parameter '\(key)'; declared parameters: \(list)."
        case .badOverride(let key, let value, let problem, let expected):
            return "error: --set \(key)=\(value): \(problem); expected \(expected)."
        case .malformedOverride(let text):
            return "error: --set \(text): write it as KEY=VALUE, e.g. --set buffer_size=600."
        case .multiple(let list):
            return list.map(\.description).joined(separator: "\n")
        }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Which run limit a `DocumentError.tooManyRuns` is about.
public enum RunLimitScope: Sendable {
    /// Runs of one sweep.
    case sweep
    /// Runs of the whole document.
    case document
}
