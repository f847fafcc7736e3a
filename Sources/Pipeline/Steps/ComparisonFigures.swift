import Foundation

/// Another tool's figures for the same runs, read from a JSON file that a `table` cell
/// names with `compare:` (format `glr-comparison/1`, docs/ARCHITECTURE.md), shown in a
/// column beside each matching metric, with the file's provenance as a footnote.
///
/// The file holds a `comparison` member `{label, values: {RUN: {METRIC: number}}}`, where RUN
/// is the name of the `run` or `sweep` cell the figure belongs to, and optional provenance
/// members `source`, `command`, `seeds`, `machine` and `versions` (an object of strings).
public struct ComparisonFigures: Sendable, Equatable {
    /// The path as the cell wrote it (relative to the experiment file), cited in the footnote.
    public var path: String
    /// The column label, e.g. "PyTorch peer".
    public var label: String
    /// Figures by cell name, then metric name.
    public var values: [String: [String: Double]]
    /// One line of provenance for the footnote.
    public var provenance: String

    /// The most bytes a comparison file may have.
    public static let maxBytes = 4 << 20

    /// Reads `path`, relative to the directory of `document` unless absolute.
    /// - Throws: `ComparisonFiguresError` saying what is wrong with the file.
    public static func load(_ path: String, besides document: String) throws(ComparisonFiguresError) -> ComparisonFigures {
        let directory = URL(fileURLWithPath: document).deletingLastPathComponent()
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        // Only a regular file: a device (/dev/zero) or a FIFO would never end or never answer.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw .missing(url.path)
        }
        if let size = attributes[.size] as? Int, size > maxBytes { throw .tooLarge(url.path, bytes: size) }
        guard let data = try? Data(contentsOf: url) else { throw .missing(url.path) }
        // JSONDecoder reads doubles exactly; on Linux, JSONSerialization misreads the last bits
        // of some (0.7186600000000001 as 0.7186600000000003).
        let file: Envelope
        do {
            file = try JSONDecoder().decode(Envelope.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .malformed(url.path, "`\(dotted(context.codingPath + [key]))` is missing")
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw .malformed(url.path, "`\(dotted(context.codingPath))` has the wrong type: \(context.debugDescription)")
        } catch {
            throw .malformed(url.path, "it is not a JSON object with a `comparison` object")
        }
        guard !file.comparison.label.isEmpty else { throw .malformed(url.path, "`comparison.label` is empty") }
        return ComparisonFigures(path: path, label: file.comparison.label, values: file.comparison.values, provenance: file.provenance)
    }

    /// The file: the figures, and the provenance members the footnote shows (each optional,
    /// read as text where it is a string or a number, ignored otherwise; `versions` lists
    /// only its string members).
    struct Envelope: Decodable {
        struct Comparison: Decodable {
            var label: String
            var values: [String: [String: Double]]
        }
        var comparison: Comparison
        var source, command, machine: LooseText?
        var seeds: [LooseText]?
        var versions: [String: LooseText]?

        /// "source; command `…`; seeds …; versions …; machine …", from the members present.
        var provenance: String {
            var parts: [String] = []
            if let source = source?.text { parts.append(source) }
            if let command = command?.text { parts.append("command `\(command)`") }
            if let seeds { parts.append("seeds " + seeds.compactMap(\.text).joined(separator: ", ")) }
            let named = (versions ?? [:]).keys.sorted().compactMap { key in versions?[key]?.string.map { "\(key) \($0)" } }
            if !named.isEmpty { parts.append("versions: " + named.joined(separator: ", ")) }
            if let machine = machine?.text { parts.append("machine: " + machine) }
            return parts.joined(separator: "; ")
        }
    }

    /// A JSON value as text when it is a string or a number (nil for anything else).
    struct LooseText: Decodable {
        var text: String?
        /// The value when it is a string.
        var string: String?
        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            string = try? value.decode(String.self)
            if let string {
                text = string
            } else if let integer = try? value.decode(Int.self) {
                text = String(integer)
            } else {
                text = (try? value.decode(Double.self)).map { "\($0)" }
            }
        }
    }

    /// A coding path as `comparison.values.RUN`.
    static func dotted(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }

    /// The figure for `metric` of the cell named `run`, if the file has one.
    public func value(run: String, metric: String) -> Double? { values[run]?[metric] }

    /// Whether any run has a figure for `metric`.
    public func covers(_ metric: String) -> Bool { values.values.contains { $0[metric] != nil } }

    /// The title of the comparison column beside `metric`.
    public func columnTitle(_ metric: String) -> String { "\(metric) (\(label))" }

    /// The table footnote citing the file.
    public var note: String {
        "\(label): figures read from \(path)" + (provenance.isEmpty ? "." : " (\(provenance)).")
    }
}

/// Why a comparison file could not be read.
public enum ComparisonFiguresError: Error, Equatable {
    /// No such regular file.
    case missing(String)
    /// Larger than `ComparisonFigures.maxBytes`.
    case tooLarge(String, bytes: Int)
    /// Not the expected JSON.
    case malformed(String, String)

    /// The problem, for a document error.
    public var problem: String {
        switch self {
        case .missing(let path): return "no file \(path) (or not a regular file)"
        case .tooLarge(let path, let bytes): return "\(path) has \(bytes) bytes, more than \(ComparisonFigures.maxBytes)"
        case .malformed(let path, let why): return "\(path) cannot be read as comparison figures: \(why)"
        }
    }
}
