import Foundation

/// A seeded generator of malformed experiment documents for the corpus test: mutations of
/// the files in `experiments/` and hand-written classes of defects (issue 16). The same seed
/// gives the same corpus on every machine.
struct CorpusGenerator {
    /// One generated case: its class, bytes and `--set` overrides.
    struct Case {
        var kind: String
        var bytes: [UInt8]
        var overrides: [String: String] = [:]
        /// For `line-endings`: the LF document it must plan exactly like.
        var original: String?
    }

    /// SplitMix64: small, seeded, the same everywhere.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
    }

    /// The seed documents (the files of `experiments/`).
    var seeds: [String]
    var rng: Random

    /// A generator over `seeds` with `seed`.
    init(seeds: [String], seed: UInt64) {
        self.seeds = seeds
        rng = Random(state: seed)
    }

    /// The classes, each generating one case per call.
    static let classes = ["byte-flips", "line-edits", "truncation", "yaml-syntax", "wrong-types", "unknown-keys", "bad-vary",
                          "undefined-runs", "unterminated-fences", "line-endings", "control-chars", "invalid-utf8", "alias-bombs",
                          "huge-sweeps", "out-of-range", "bad-set"]

    static let runKeys = ["experiences", "seed", "epochs", "batch_size", "lr", "momentum", "weight_decay", "train_size", "test_size",
                          "buffer_size", "window", "ewc_lambda", "benchmark", "strategy", "sampling", "freeze_depth", "generator"]

    /// A case of class `kind`.
    mutating func make(_ kind: String) -> Case {
        let base = rng.pick(seeds)
        var lines = base.components(separatedBy: "\n")
        func text(_ s: String) -> Case { Case(kind: kind, bytes: Array(s.utf8)) }
        /// Lines right after an opening fence (cell bodies), or 0.
        func bodyLine() -> Int {
            let fences = lines.indices.filter { lines[$0].hasPrefix("```") && lines[$0].count > 3 }
            return fences.isEmpty ? 0 : rng.pick(fences) + 1
        }
        func insert(_ line: String) -> Case { lines.insert(line, at: min(bodyLine(), lines.count)); return text(lines.joined(separator: "\n")) }
        switch kind {
        case "byte-flips":
            var bytes = Array(base.utf8)
            for _ in 0..<(1 + rng.int(8)) { bytes[rng.int(bytes.count)] = UInt8(rng.int(256)) }
            return Case(kind: kind, bytes: bytes)
        case "line-edits":
            for _ in 0..<(1 + rng.int(4)) {
                let i = rng.int(lines.count), j = rng.int(lines.count)
                switch rng.int(3) {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: j)
                default: lines.swapAt(i, j)
                }
            }
            return text(lines.joined(separator: "\n"))
        case "truncation":
            return Case(kind: kind, bytes: Array(Array(base.utf8).prefix(rng.int(base.utf8.count))))
        case "yaml-syntax":
            return insert(rng.pick(["key: [unclosed", "  - : :", "a: 'x", "{", "seed: 1: 2", "\tseed: 3", "- item", "&anchor",
                                    "seed: *undefined", "seed: !!binary zz", "? complex", "seed: {a: 1", "\"unterminated: 1", "%TAG !x"]))
        case "wrong-types":
            return insert("\(rng.pick(Self.runKeys)): \(rng.pick(["[1, 2]", "{a: 1}", "text", "true", "1.5", "null", "-3", "''", "[]"]))")
        case "unknown-keys":
            return insert("\(rng.pick(["bufer_size", "epoch", "lrr", "stratgy", "colums", "kindd", "x", "runs_", "vary_"])): 1")
        case "bad-vary":
            let vary = rng.pick(["vary: 3", "vary: {}", "vary: {nope: [1]}", "vary: {seed: []}", "vary: {seed: [a, b]}",
                                 "vary: [seed]", "vary: {lr: [0, 1e-46]}", "vary: {momentum: [1.5]}"])
            return text(base + "\n```sweep s-\(rng.int(1000))\n\(vary)\n```\n")
        case "undefined-runs":
            let cell = rng.pick(["table", "plot"])
            return text(base + "\n```\(cell)\nruns: [\(rng.pick(["nosuch", "glr-bufer", "naive[seed=1]", "x"]))]\n```\n")
        case "unterminated-fences":
            let fences = lines.indices.filter { lines[$0] == "```" }
            if let i = fences.isEmpty ? nil : rng.pick(fences) { lines[i] = rng.pick(["", "``", "````", "~~~"]) }
            return text(lines.joined(separator: "\n"))
        case "line-endings":
            let ending = rng.pick(["\r\n", "\r", "mixed"])
            var out = ""
            for (i, line) in base.components(separatedBy: "\n").enumerated() {
                out += line + (ending == "mixed" ? ["\r\n", "\n", "\r"][i % 3] : ending)
            }
            return Case(kind: kind, bytes: (rng.int(2) == 0 ? [0xEF, 0xBB, 0xBF] : []) + Array(out.utf8), original: base)
        case "control-chars":
            var bytes = Array(base.utf8)
            bytes.insert(rng.pick([0, 1, 7, 8, 0x0B, 0x0C, 0x1B, 0x7F]), at: rng.int(bytes.count))
            return Case(kind: kind, bytes: bytes)
        case "invalid-utf8":
            var bytes = Array(base.utf8)
            bytes.insert(contentsOf: rng.pick([[0xFF], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80]]), at: rng.int(bytes.count))
            return Case(kind: kind, bytes: bytes)
        case "alias-bombs":
            let depth = 5 + rng.int(6), width = 5 + rng.int(6)
            var body = "a0: &a0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]\n"
            for d in 1..<depth { body += "a\(d): &a\(d) [" + Array(repeating: "*a\(d - 1)", count: width).joined(separator: ", ") + "]\n" }
            return text(base + "\n```\(rng.pick(["params", "run bomb", "table"]))\n\(body)```\n")
        case "huge-sweeps":
            let keys = ["seed", "epochs", "batch_size", "buffer_size", "lr", "train_size", "test_size", "ewc_lambda"].prefix(2 + rng.int(6))
            let values = 32 + rng.int(200)  // at least 32^2 > 1,000 runs
            let vary = keys.map { "\($0): [" + (1...values).map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ")
            return text(base + "\n```sweep huge\nvary: {\(vary)}\n```\n")
        case "out-of-range":
            return insert(rng.pick(["lr: 0", "lr: 1e-46", "lr: 3.5e38", "momentum: 1", "momentum: 0.9999999999", "weight_decay: -1",
                                    "weight_decay: 1e39", "batch_size: 1000000000", "experiences: 9223372036854775807", "experiences: 0",
                                    "epochs: 100000", "buffer_size: -1", "buffer_size: 1000000000", "train_size: 0", "test_size: 100000000",
                                    "window: 0", "ewc_lambda: 1e40", "seed: -5", "generator: {kind: gmm, components_per_class: 1000000000}",
                                    "generator: {kind: gmm, components_per_class: [0, 5]}", "benchmark: split\nexperiences: 7"]))
        default:  // bad-set
            let set = rng.pick([("seed", "abc"), ("seed", "-1"), ("lr", "0"), ("lr", "1e-46"), ("momentum", "1"), ("nosuch", "1"),
                                ("epochs", "[&a [1,1,1,1,1,1,1,1,1,1], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]]"),
                                ("experiences", "1000"), ("batch_size", "{a: 1}"), ("seed", "")])
            return Case(kind: kind, bytes: Array(base.utf8), overrides: [set.0: set.1])
        }
    }
}
