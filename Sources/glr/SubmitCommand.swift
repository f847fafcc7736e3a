import ArgumentParser
import Foundation
import Pipeline

/// `glr submit --slurm`: compute an experiment file's units as Slurm array jobs on a shared
/// cache, then assemble the report with `glr render --from-cache`.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Submit an experiment file's missing units as Slurm array jobs.",
        discussion: """
            Writes OUT/NAME.slurm/starts.sbatch (the shared-start units) and runs.sbatch (the runs, \
            --dependency=afterok on the first array), whose task i runs `glr run FILE --unit i` on \
            the shared --cache; submits them with sbatch and prints the job ids and the command that \
            assembles the report once they finish. The cache, the glr executable, the experiment \
            file and the dataset must be on a filesystem every node sees.
            """)

    @Argument(help: "The experiment file (experiments/NAME.md).")
    var file: String

    @Flag(help: "Submit to Slurm (the one scheduler supported).")
    var slurm = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a declared parameter (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Option(help: "The shared cache directory (on a filesystem every node sees).")
    var cache: String = ".glr-cache"

    @OptionGroup var sizes: PlanLimitOptions

    @Option(help: "Reports directory; the scripts and task logs go to OUT/NAME.slurm/.")
    var out: String = "reports"

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Slurm time limit per task (e.g. 2:00:00).")
    var time: String?

    @Option(name: .customLong("cpus-per-task"), help: "CPUs per task (a unit keeps two busy).")
    var cpusPerTask = 2

    @Option(name: .customLong("max-parallel"), help: "At most K tasks of an array at once.")
    var maxParallel: Int?

    @Flag(name: .customLong("dry-run"), help: "Print the scripts; write and submit nothing.")
    var dryRun = false

    func validate() throws {
        guard slurm else { throw ValidationError("give --slurm (Slurm is the scheduler glr submits to)") }
        guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1") }
        if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be at least 1") }
    }

    func run() throws {
        let sbatch = Executable.onPath("sbatch")
        if sbatch == nil && !dryRun {
            FileHandle.standardError.write(Data("""
                error: sbatch is not on PATH: glr submit --slurm hands the units to Slurm's sbatch.
                  On a cluster: log in to a node with Slurm's commands (often `module load slurm`).
                  On Debian/Ubuntu: apt-get install slurm-client (or slurm-wlm for a one-machine cluster).
                  To see the scripts without Slurm: glr submit \(file) --slurm --dry-run
                  To compute here instead: glr render \(file) -j N

                """.utf8))
            throw ExitCode(69)
        }
        let cacheURL = URL(fileURLWithPath: cache, isDirectory: true).standardizedFileURL
        if !dryRun, let problem = WritableDirectory.problem(cacheURL) {
            FileHandle.standardError.write(Data("error: cache \(cacheURL.path): \(problem)\n".utf8))
            throw ExitCode(73)
        }
        let parsed: [String: String]
        let graph: UnitGraph
        do {
            parsed = try OverrideParser.parse(overrides)
            var executor = DocumentExecutor(cacheDirectory: cacheURL, progress: .standardError())
            executor.limits = sizes.limits
            graph = UnitGraph(plan: try executor.plan(path: file, overrides: parsed))
        } catch {
            throw CommandFailure.exitCode(for: error) ?? error
        }
        let store = FileManager.default.fileExists(atPath: cacheURL.path) ? try? DirectoryCacheStore(root: cacheURL) : nil
        // Missing runs, and the missing shared starts they depend on.
        let missingRuns = graph.runs.filter { store?.exists($0.entry) != true }
        let missing = graph.closure(missingRuns.map(\.index)).filter { store?.exists($0.entry) != true }
        let name = DocumentParser.name(of: file)
        let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent("\(name).slurm", isDirectory: true).standardizedFileURL
        let assemble = "glr render \(file) --cache \(cacheURL.path) --from-cache" + overrides.map { " --set \($0)" }.joined()
            + sizes.limits.commandLineArguments.map { " " + $0 }.joined()
        guard !missing.isEmpty else {
            print("every unit of \(file) is in \(cacheURL.path); assemble the report with:\n  \(assemble)")
            return
        }
        let command = SlurmArrayScript.Command(glr: Executable.url.path, document: file, cache: cacheURL.path, overrides: parsed,
                                               limits: sizes.limits, workingDirectory: FileManager.default.currentDirectoryPath)
        let options = SlurmArrayScript.Options(partition: partition, time: time, cpusPerTask: cpusPerTask, maxParallel: maxParallel)
        let logs = folder.appendingPathComponent("logs").path
        let starts = missing.filter { $0.kind == .sharedStart }.map(\.index)
        let runs = missing.filter { $0.kind == .run }.map(\.index)
        var scripts: [(file: String, script: SlurmArrayScript)] = []
        if !starts.isEmpty {
            scripts.append(("starts.sbatch", SlurmArrayScript(jobName: "glr-\(name)-starts", units: starts, logDirectory: logs, command: command, options: options)))
        }
        if !runs.isEmpty {
            scripts.append(("runs.sbatch", SlurmArrayScript(jobName: "glr-\(name)-runs", units: runs, logDirectory: logs, command: command, options: options)))
        }
        if dryRun {
            for (file, script) in scripts { print("# \(folder.appendingPathComponent(file).path)\n\(script.text)") }
            print("# then: \(assemble)")
            return
        }
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var previous: String?
        for (file, script) in scripts {
            let path = folder.appendingPathComponent(file).path
            try script.text.write(toFile: path, atomically: true, encoding: .utf8)
            let id = try submit(sbatch!, script: path, after: previous)
            print("submitted \(file): job \(id) (units \(SlurmArrayScript.arraySpec(script.units)))" + (previous.map { ", after job \($0) succeeds" } ?? ""))
            previous = id
        }
        print("task logs: \(logs)\nwhen the jobs have finished (squeue -u $USER), assemble the report with:\n  \(assemble)")
    }

    /// Runs `sbatch --parsable [--dependency=afterok:ID] SCRIPT`; returns the job id.
    func submit(_ sbatch: String, script: String, after: String?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sbatch)
        process.arguments = ["--parsable"] + (after.map { ["--dependency=afterok:\($0)"] } ?? []) + [script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, let id = text.split(separator: ";").first, !id.isEmpty else {
            FileHandle.standardError.write(Data("error: sbatch \(script) failed (exit \(process.terminationStatus)): \(text)\n".utf8))
            throw ExitCode.failure
        }
        return String(id)
    }
}
