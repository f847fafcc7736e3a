import Engine
import Foundation

/// `glr cache list | clear | gc`: inspect and prune a directory cache.
public enum CacheMaintenance {
    /// One line per entry: key prefix, kind, run name, document, size, age.
    public static func list(_ store: DirectoryCacheStore) throws -> [String] {
        var lines: [String] = []
        for name in try store.names() {
            let key = String(name.prefix(while: { $0 != "." }))
            let kind = String(name.drop(while: { $0 != "." }).dropFirst())
            var what = ""
            if kind == "result" {
                if let bytes = try? store.load(name), let record = try? RunRecord(decoding: bytes) {
                    what = "\(record.name) (\(record.configuration.strategy.rawValue)) from \(record.document), final accuracy "
                        + String(format: "%.4f", record.result.finalAverageAccuracy)
                } else {
                    what = "corrupt"
                }
            } else if kind == "checkpoint" {
                what = "partial run (resumable)"
            } else if kind == "start" {
                what = startDescription(try? store.load(name))
            }
            let age = store.modified(name).map { ageText(Date().timeIntervalSince($0)) } ?? "?"
            lines.append("\(key.prefix(12))  \(kind.padding(toLength: 10, withPad: " ", startingAt: 0))  \(store.size(name)) B  \(age)  \(what)")
        }
        return lines
    }

    /// Removes every entry but those of keys being computed now (locked); returns how many.
    @discardableResult
    public static func clear(_ store: DirectoryCacheStore) throws -> Int {
        let busy = store.lockedKeys()
        let names = try store.names().filter { !busy.contains(key(of: $0)) }
        for name in names { try store.purge(name) }
        // Temporary files of writes interrupted by a crash (not those of keys being computed).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: store.entries.path)) ?? []
        where name.hasPrefix(".tmp-") && !busy.contains(key(of: String(name.dropFirst(5)))) {
            try store.purge(name)
        }
        return names.count
    }

    /// The key an entry name starts with (`KEY.result` → `KEY`).
    static func key(of name: String) -> String { String(name.prefix(while: { $0 != "." })) }

    /// Removes entries matching every given criterion: not referenced by `referenced` keys
    /// (when non-nil) and older than `olderThan` seconds (when non-nil). Returns removed names.
    /// Every kind of entry (`.result`, `.checkpoint`, `.start`, `.examples`) is named by its
    /// key; `Plan.referencedKeys` lists the shared-start keys of a plan's runs too. Keys being
    /// computed now (locked) are kept.
    public static func collect(_ store: DirectoryCacheStore, referenced: Set<String>?, olderThan: TimeInterval?) throws -> [String] {
        var removed: [String] = []
        let now = Date()
        let busy = store.lockedKeys()
        for name in try store.names() {
            let key = key(of: name)
            if busy.contains(key) { continue }
            if let referenced, referenced.contains(key) { continue }
            if let olderThan, let date = store.modified(name), now.timeIntervalSince(date) < olderThan { continue }
            try store.purge(name)
            removed.append(name)
        }
        return removed
    }

    /// What a shared-start entry holds: experience 0's state for which runs, or "corrupt".
    static func startDescription(_ bytes: [UInt8]?) -> String {
        guard let bytes, let checkpoint = try? Checkpoint(decoding: bytes), let key = checkpoint.metadata["key"],
              let material = try? JSONSerialization.jsonObject(with: Data(key.utf8)) as? [String: Any],
              let c = material["configuration"] as? [String: Any] else { return "corrupt" }
        func field(_ name: String) -> String { c[name].map { "\($0)" } ?? "all" }
        return "shared state after experience 1 (\(field("benchmark")) \(field("dataset")), seed \(field("seed")), "
            + "train_size \(field("train_size")), any strategy)"
    }

    static func ageText(_ seconds: TimeInterval) -> String {
        if seconds < 3600 { return "\(Int(seconds / 60))m ago" }
        if seconds < 86400 { return "\(Int(seconds / 3600))h ago" }
        return "\(Int(seconds / 86400))d ago"
    }
}
