import Engine
import Foundation

/// Where and how a report was made. Everything here is the same for two renders of the same
/// commit and inputs on the same machine, except `date`, which the report shows inside its
/// volatile block together with wall times and cache hits.
public struct Provenance: Sendable, Equatable {
    /// Git commit of the project holding the experiment file, or "unknown".
    public var commit: String
    /// "clean", "dirty" (uncommitted changes outside reports/), or "unknown".
    public var workingTree: String
    /// glr's version.
    public var glrVersion: String
    /// The Swift compiler that built glr.
    public var swiftVersion: String
    /// BLAS library and configuration, as `openblas_get_config()` reports it.
    public var blas: String
    /// Threads the engine computes with (`EngineThreading.workers`): the count that, with the
    /// machine, determines bit-identical results. Not `openblas_get_num_threads()`, which the
    /// engine lowers to 1 while it runs and so depends on the moment it is read.
    public var blasThreads: Int
    /// CPU model name.
    public var cpu: String
    /// Which arithmetic computed the numbers: glr's machine-independent kernels, or the
    /// OpenBLAS backend (machine-specific).
    public var numerics: String
    /// Render date (UTC, ISO 8601), volatile.
    public var date: String

    /// Creates a provenance record from its parts (tests use fixed values).
    public init(commit: String, workingTree: String, glrVersion: String, swiftVersion: String, blas: String,
                blasThreads: Int, cpu: String, date: String, numerics: String = Provenance.currentNumerics) {
        self.commit = commit
        self.workingTree = workingTree
        self.glrVersion = glrVersion
        self.swiftVersion = swiftVersion
        self.blas = blas
        self.blasThreads = blasThreads
        self.cpu = cpu
        self.date = date
        self.numerics = numerics
    }

    /// glr's version string.
    public static let glrVersion = "0.1.0"

    /// The compiler version glr was built with, from compile-time `#if compiler(...)` checks
    /// (minor-version precision; the patch level is not visible at compile time).
    public static var swiftCompiler: String {
        #if compiler(>=6.5)
        return "Swift ≥ 6.5 compiler"
        #elseif compiler(>=6.4)
        return "Swift 6.4 compiler"
        #elseif compiler(>=6.3)
        return "Swift 6.3 compiler"
        #elseif compiler(>=6.2)
        return "Swift 6.2 compiler"
        #elseif compiler(>=6.1)
        return "Swift 6.1 compiler"
        #elseif compiler(>=6.0)
        return "Swift 6.0 compiler"
        #else
        return "Swift < 6.0 compiler"
        #endif
    }

    /// Provenance of the current process for an experiment file at `documentPath`.
    public static func current(documentPath: String) -> Provenance {
        let directory = URL(fileURLWithPath: documentPath).deletingLastPathComponent().path
        let git = GitInfo(directory: directory.isEmpty ? "." : directory)
        let config = BLASInfo.config
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return Provenance(commit: git.commit, workingTree: git.workingTree, glrVersion: glrVersion,
                          swiftVersion: swiftCompiler, blas: config.trimmingCharacters(in: .whitespaces),
                          blasThreads: EngineThreading.workers, cpu: cpuModel(), date: formatter.string(from: Date()))
    }

    /// The engine's numerics in words, for the provenance block.
    public static var currentNumerics: String {
        EngineThreading.isReference
            ? "glr's fixed-order kernels (reference): the same bits on any IEEE-754 machine with FMA"
            : "OpenBLAS backend (\(BLASInfo.coreName) kernel, \(EngineThreading.mode.rawValue)): machine-specific, checks only under the same kernel"
    }

    /// The first `model name` of /proc/cpuinfo, with its core count, or "unknown".
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        let models = text.split(separator: "\n").filter { $0.hasPrefix("model name") }
        guard let first = models.first, let colon = first.firstIndex(of: ":") else { return "unknown" }
        let name = first[first.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return "\(name) (\(models.count) logical CPU\(models.count == 1 ? "" : "s"))"
    }
}
