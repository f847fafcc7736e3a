/// Did-you-mean suggestions by Levenshtein edit distance.
public enum EditDistance {
    /// Levenshtein distance between two strings (insertions, deletions, substitutions cost 1).
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased().unicodeScalars), b = Array(b.lowercased().unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is within max(2, length/3) edits; otherwise
    /// the first candidate that `word` (3 or more characters) abbreviates.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        if let close = closest(word, candidates) { return close }
        guard word.count >= 3 else { return nil }
        return candidates.first { $0.lowercased().hasPrefix(word.lowercased()) }
    }

    private static func closest(_ word: String, _ candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let d = between(word, candidate)
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        return distance <= max(2, word.count / 3) ? candidate : nil
    }

    /// " (did you mean 'x'?)" or an empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        guard let s = suggestion(for: word, among: candidates) else { return "" }
        return "; did you mean '\(s)'?"
    }
}
