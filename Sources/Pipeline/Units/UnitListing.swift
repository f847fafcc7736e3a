import Foundation

/// `glr plan FILE --units`: every unit in schedule order with its index, kind, name, key,
/// dependencies and whether the cache has it; as aligned text or as JSON.
public enum UnitListing {
    /// One unit as listed.
    struct Row: Encodable {
        var index: Int
        var kind: String
        var name: String
        var cell: String
        var line: Int
        var key: String
        var dependencies: [Int]
        var cached: Bool
    }

    static func rows(_ graph: UnitGraph, store: CacheStore?) -> [Row] {
        graph.units.map { u in
            Row(index: u.index, kind: u.kind.rawValue, name: u.name, cell: u.cellName, line: u.line, key: u.key,
                dependencies: u.dependencies, cached: store?.exists(u.entry) == true)
        }
    }

    /// Aligned text, one unit a line, then a count.
    public static func text(_ graph: UnitGraph, store: CacheStore?) -> String {
        let rows = rows(graph, store: store)
        var out = rows.map { r in
            let depends = r.dependencies.isEmpty ? "-" : r.dependencies.map(String.init).joined(separator: ",")
            return "\(String(r.index).rightAligned(4))  \(r.kind.padding(toLength: 12, withPad: " ", startingAt: 0))  \(r.key.prefix(12))  "
                + "after \(depends.padding(toLength: 6, withPad: " ", startingAt: 0))  \(r.cached ? "cached " : "missing")  \(r.name)"
        }
        let cached = rows.filter(\.cached).count
        out.append("\(rows.count) units (\(graph.sharedStarts.count) shared starts, \(graph.runs.count) runs): \(cached) cached, \(rows.count - cached) to compute")
        return out.joined(separator: "\n")
    }

    /// `{"units": [{index, kind, name, cell, line, key, dependencies, cached}, …]}`, keys sorted.
    public static func json(_ graph: UnitGraph, store: CacheStore?) throws -> String {
        struct Listing: Encodable { var units: [Row] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Listing(units: rows(graph, store: store))), as: UTF8.self)
    }
}

extension String {
    /// Right-aligned in `width` characters.
    func rightAligned(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
