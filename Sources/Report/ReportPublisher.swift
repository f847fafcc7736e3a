import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Publishes a report folder whole: every file is written into a temporary sibling folder
/// (`.NAME.tmp-…`), which then replaces `NAME` by rename (old → `.NAME.old-…`, new → `NAME`,
/// then the old one is removed). A reader sees the old report or the new one, never a mix;
/// a failure while writing (a full disk) leaves the old report as it was and no temporary
/// folder behind.
public struct ReportPublisher: Sendable {
    /// Writes one file (the standard one: `Data.write`); tests inject a failing one.
    public var writeFile: @Sendable (Data, URL) throws -> Void

    /// A publisher writing files with `writeFile`.
    public init(writeFile: @escaping @Sendable (Data, URL) throws -> Void) { self.writeFile = writeFile }

    /// Writes with `Data.write`.
    public static let standard = ReportPublisher { data, url in try data.write(to: url) }

    /// Names of the files a render writes; any other file in the old folder is carried over.
    static func isGenerated(_ name: String) -> Bool {
        ["index.html", "results.json", FigureManifest.fileName].contains(name) || (name.hasPrefix("fig-") && name.hasSuffix(".png"))
    }

    /// Publishes `files` (name, bytes) and the `reused` files of the old folder as `directory`.
    /// - Throws: `ReportError.io` naming the file or folder that failed; the old report is intact.
    public func publish(_ files: [(name: String, data: Data)], reusing reused: Set<String>, to directory: URL) throws {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let name = directory.lastPathComponent
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(name).tmp-\(tag)", isDirectory: true)
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw ReportError.io(path: temporary.path, message: "cannot create the report's temporary folder: \(error.localizedDescription)")
        }
        do {
            let old = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in old where reused.contains(file) || !Self.isGenerated(file) {
                let from = directory.appendingPathComponent(file), to = temporary.appendingPathComponent(file)
                if link(from.path, to.path) != 0 { try fm.copyItem(at: from, to: to) }  // a hard link keeps the file as it is
            }
            for file in files { try writeFile(file.data, temporary.appendingPathComponent(file.name)) }
        } catch {
            try? fm.removeItem(at: temporary)
            throw ReportError.io(path: directory.path, message: "cannot write the report (the old report is unchanged): \(Self.reason(error))")
        }
        try swap(temporary, into: directory, backup: parent.appendingPathComponent(".\(name).old-\(tag)", isDirectory: true))
    }

    /// A file error's short reason (`No space left on device`), or the error's description.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain else { return "\(error)" }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    /// Renames `temporary` to `directory`, moving an existing `directory` to `backup` first and
    /// removing it after; on failure the old folder is put back and `temporary` removed.
    private func swap(_ temporary: URL, into directory: URL, backup: URL) throws {
        let fm = FileManager.default
        let hadOld = fm.fileExists(atPath: directory.path)
        if hadOld, rename(directory.path, backup.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw ReportError.io(path: directory.path, message: "cannot move the old report aside: \(reason)")
        }
        guard rename(temporary.path, directory.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOld { _ = rename(backup.path, directory.path) }
            try? fm.removeItem(at: temporary)
            throw ReportError.io(path: directory.path, message: "cannot publish the report: \(reason)")
        }
        if hadOld { try? fm.removeItem(at: backup) }
    }
}
