/// An sbatch script for a Slurm array job whose task `$SLURM_ARRAY_TASK_ID` computes that
/// unit with `glr run FILE --unit I` on a shared cache (as Mammoth's `slurm_sbatcher`
/// writes `--array=0-N%K` and indexes its arguments by the task id).
public struct SlurmArrayScript: Equatable, Sendable {
    /// What every task runs and where.
    public struct Command: Equatable, Sendable {
        /// Absolute path of the glr executable (on the shared filesystem).
        public var glr: String
        /// The experiment file, as the working directory sees it.
        public var document: String
        /// The shared cache directory (absolute).
        public var cache: String
        /// `--set` overrides.
        public var overrides: [String: String]
        /// The plan's size limits (passed on when not the defaults).
        public var limits: PlanLimits
        /// The directory tasks start in (absolute).
        public var workingDirectory: String

        /// Creates a command.
        public init(glr: String, document: String, cache: String, overrides: [String: String], limits: PlanLimits = .standard,
                    workingDirectory: String) {
            self.glr = glr
            self.document = document
            self.cache = cache
            self.overrides = overrides
            self.limits = limits
            self.workingDirectory = workingDirectory
        }

        /// The shell words after `glr`, quoted.
        func arguments(unit: String) -> String {
            (["run", document, "--unit"].map(shellQuoted) + [unit, "--cache", shellQuoted(cache)]
                + overrides.keys.sorted().flatMap { ["--set", shellQuoted("\($0)=\(overrides[$0]!)")] } + limits.commandLineArguments)
                .joined(separator: " ")
        }
    }

    /// Scheduler options.
    public struct Options: Equatable, Sendable {
        /// `--partition`, when given.
        public var partition: String?
        /// `--time`, when given.
        public var time: String?
        /// `--cpus-per-task` (2: the engine's two shards).
        public var cpusPerTask: Int
        /// At most this many tasks at once (`%K`), when given.
        public var maxParallel: Int?

        /// Creates options.
        public init(partition: String?, time: String?, cpusPerTask: Int, maxParallel: Int?) {
            self.partition = partition
            self.time = time
            self.cpusPerTask = cpusPerTask
            self.maxParallel = maxParallel
        }
    }

    /// The job's name (`glr-NAME-starts`, `glr-NAME-runs`).
    public var jobName: String
    /// The unit indices the array's tasks take.
    public var units: [Int]
    /// Where task logs go (`%x-%A_%a.log` in it).
    public var logDirectory: String
    /// What tasks run.
    public var command: Command
    /// Scheduler options.
    public var options: Options

    /// Creates a script description.
    public init(jobName: String, units: [Int], logDirectory: String, command: Command, options: Options) {
        self.jobName = jobName
        self.units = units
        self.logDirectory = logDirectory
        self.command = command
        self.options = options
    }

    /// `0-3,7,9-11`: the indices as Slurm's `--array` takes them, runs of consecutive ones as ranges.
    public static func arraySpec(_ indices: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = indices.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// The script's text.
    public var text: String {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(jobName)",
                     "#SBATCH --array=\(SlurmArrayScript.arraySpec(units))\(options.maxParallel.map { "%\($0)" } ?? "")",
                     "#SBATCH --output=\(logDirectory)/%x-%A_%a.log", "#SBATCH --cpus-per-task=\(options.cpusPerTask)"]
        if let partition = options.partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time = options.time { lines.append("#SBATCH --time=\(time)") }
        lines += ["", "# Task i computes unit i of `glr plan \(command.document) --units` into the shared cache;",
                  "# a unit already there returns at once, a failing one stores nothing and exits non-zero.",
                  "set -euo pipefail", "cd \(shellQuoted(command.workingDirectory))",
                  "exec \(shellQuoted(command.glr)) \(command.arguments(unit: "\"$SLURM_ARRAY_TASK_ID\""))", ""]
        return lines.joined(separator: "\n")
    }
}

/// `word` quoted for a POSIX shell when it needs it.
func shellQuoted(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
