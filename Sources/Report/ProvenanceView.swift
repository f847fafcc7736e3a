import Pipeline

/// Mustache contexts of the provenance block: the stable facts, and the volatile ones (date,
/// wall times, cache hits) that the template wraps in `<!-- volatile:begin -->` …
/// `<!-- volatile:end -->` markers.
enum ProvenanceView {
    /// Facts identical across renders of the same commit and inputs.
    static func stable(_ document: ExecutedDocument, _ p: Provenance) -> [String: Any] {
        let seed = document.parameters.first { $0.name == "seed" }?.value ?? "not declared"
        return [
            "commit": p.commit, "workingTree": p.workingTree, "glrVersion": p.glrVersion,
            "engineVersion": document.engineVersion, "swift": p.swiftVersion, "blas": p.blas,
            "blasThreads": p.blasThreads, "cpu": p.cpu, "numerics": p.numerics, "source": document.path, "seed": seed,
            "datasets": document.datasetFingerprints.keys.sorted().map {
                ["name": $0, "fingerprint": document.datasetFingerprints[$0]!] as [String: Any]
            },
            "hasDatasets": !document.datasetFingerprints.isEmpty,
            "parameters": document.parameters.map { ["name": $0.name, "value": $0.value, "overridden": $0.overridden] as [String: Any] },
            "hasParameters": !document.parameters.isEmpty,
            "hasOverrides": document.parameters.contains { $0.overridden },
        ]
    }

    /// Facts that change from one render to the next.
    static func volatile(_ document: ExecutedDocument, _ p: Provenance) -> [String: Any] {
        var runs: [[String: Any]] = []
        let cells: [[String: Any]] = document.cells.map { cell in
            if case .runs(let named)? = cell.output {
                for run in named {
                    runs.append(["name": run.name, "seconds": NumberFormat.fixed(run.result.seconds, decimals: 1),
                                 "cache": run.cacheHit ? "hit" : "miss"])
                }
            }
            let status: String
            switch cell.status {
            case .ok: status = "ok"
            case .failed: status = "failed"
            case .skipped: status = "skipped"
            }
            // A cell that only sets parameters reads no cache.
            let setsParameters = if case .parameters? = cell.output { true } else { false }
            return ["name": cell.name, "kind": cell.kind, "status": status,
                    "seconds": NumberFormat.fixed(cell.seconds, decimals: 2), "cache": setsParameters ? "—" : (cell.cacheHit ? "hit" : "miss")]
        }
        return ["date": p.date, "seconds": NumberFormat.fixed(document.seconds, decimals: 1), "cells": cells,
                "runs": runs, "hasRuns": !runs.isEmpty]
    }
}
