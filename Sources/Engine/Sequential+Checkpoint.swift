// Saving and restoring a network's parameters as named arrays ("<layer>.<name>").

extension Sequential {
    /// Parameter values keyed by qualified name ("0.weight", "0.bias", ...).
    public func checkpointArrays() -> [String: [Float]] {
        var arrays: [String: [Float]] = [:]
        for (name, p) in namedParameters { arrays[name] = p.value }
        return arrays
    }

    /// Restores parameter values from `checkpointArrays()` output; keys of other owners
    /// are ignored. Throws if a parameter is missing or has the wrong size (nothing is
    /// changed then).
    public func load(arrays: [String: [Float]]) throws {
        let named = namedParameters
        for (name, p) in named {
            guard let v = arrays[name] else { throw CheckpointError.missingArray(name: name) }
            guard v.count == p.count else { throw CheckpointError.shapeMismatch(name: name, expected: p.count, found: v.count) }
        }
        for (name, p) in named { p.value = arrays[name]! }
    }
}
