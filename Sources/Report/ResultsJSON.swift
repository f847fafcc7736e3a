import Continual
import Foundation
import Pipeline

/// Builds results.json from an executed document: every number the report shows, by cell
/// name, with the runs' full `StreamResult`s and configurations, tables with their values,
/// and the series each figure draws. Timing is kept (it is part of a run's result) but
/// `ReportChecker` never compares it; render-dependent facts (date, wall times, cache hits)
/// are not stored, so an unchanged document gives an unchanged file.
enum ResultsJSON {
    /// Identifies the file format (bumped if the layout changes).
    static let format = "glr-results/1"

    /// The whole results value of a document.
    static func value(of document: ExecutedDocument) throws -> JSONValue {
        var cells: [String: JSONValue] = [:]
        for cell in document.cells {
            cells[key(of: cell, in: document)] = try value(of: cell)
        }
        var parameters: [String: JSONValue] = [:]
        var overrides: [String: JSONValue] = [:]
        for p in document.parameters {
            parameters[p.name] = .string(p.value)
            if p.overridden { overrides[p.name] = .string(p.value) }
        }
        return .object([
            "format": .string(format),
            "name": .string(document.name),
            "title": .string(document.title),
            "source": .string(document.path),
            "engine_version": .string(document.engineVersion),
            "parameters": .object(parameters),
            "overrides": .object(overrides),
            "dataset_fingerprints": .object(document.datasetFingerprints.mapValues { .string($0) }),
            "cells": .object(cells),
        ])
    }

    /// The key of a cell in `cells`: its name, or `name#index` when two cells share a name.
    static func key(of cell: ExecutedCell, in document: ExecutedDocument) -> String {
        document.cells.filter { $0.name == cell.name }.count > 1 ? "\(cell.name)#\(cell.index)" : cell.name
    }

    /// One cell: index, kind, status (and message), and its output.
    static func value(of cell: ExecutedCell) throws -> JSONValue {
        var members: [String: JSONValue] = ["index": .integer(cell.index), "kind": .string(cell.kind)]
        switch cell.status {
        case .ok: members["status"] = .string("ok")
        case .failed(let message): members["status"] = .string("failed"); members["message"] = .string(message)
        case .skipped(let reason): members["status"] = .string("skipped"); members["message"] = .string(reason)
        }
        switch cell.output {
        case .none: break
        case .parameters(let parameters)?:
            members["parameters"] = .object(Dictionary(parameters.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { $1 }))
        case .runs(let runs)?:
            var object: [String: JSONValue] = [:]
            for run in runs { object[run.name] = try value(of: run) }
            members["runs"] = .object(object)
        case .table(let table)?:
            members["table"] = value(of: table)
        case .figure(let figure)?:
            members["figure"] = value(of: figure, cellIndex: cell.index)
        }
        return .object(members)
    }

    /// A run: its result's fields at top level, plus `configuration`, `varied`, `cache_key`.
    static func value(of run: NamedRun) throws -> JSONValue {
        guard case .object(var members) = try encode(run.result) else { return .null }
        members["configuration"] = try encode(run.configuration)
        members["varied"] = .object(Dictionary(run.varied.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { $1 }))
        members["cache_key"] = .string(run.cacheKey)
        members["cell"] = .string(run.cellName)
        return .object(members)
    }

    /// A table: caption, column titles and rows (numbers as numbers, mean ± sd as `{mean, sd}`).
    static func value(of table: TableData) -> JSONValue {
        var members: [String: JSONValue] = [
            "columns": .array(table.columns.map { .string($0) }),
            "rows": .array(table.rows.map { row in .array(row.map(value(of:))) }),
        ]
        if let caption = table.caption { members["caption"] = .string(caption) }
        if !table.notes.isEmpty { members["notes"] = .array(table.notes.map { .string($0) }) }
        return .object(members)
    }

    /// One table value.
    static func value(of v: TableValue) -> JSONValue {
        switch v {
        case .text(let s): return .string(s)
        case .number(let d, _): return .number(d)
        case .meanSD(let mean, let sd, _): return .object(["mean": .number(mean), "sd": .number(sd)])
        case .integer(let i): return .integer(i)
        case .undefined: return .null
        }
    }

    /// A figure: kind, file, runs drawn, and the plotted series where the figure derives them.
    static func value(of figure: FigureData, cellIndex: Int) -> JSONValue {
        var members: [String: JSONValue] = [
            "kind": .string(figure.kind.rawValue),
            "file": .string(FigureFile.name(cellIndex: cellIndex, kind: figure.kind)),
            "runs": .array(figure.runs.map { .string($0.name) }),
        ]
        if let caption = figure.caption { members["caption"] = .string(caption) }
        if let parameter = figure.parameter { members["parameter"] = .string(parameter) }
        if let metric = figure.metric { members["metric"] = .string(metric) }
        switch figure.kind {
        case .finalVersusParameter:
            members["series"] = value(of: FigureSeries.finalVersusParameter(figure))
        case .averageAccuracy:
            members["series"] = value(of: FigureSeries.averageAccuracy(figure))
        case .accuracyCurves:
            members["panels"] = .array(figure.runs.map { run in
                .object(["run": .string(run.name), "series": value(of: FigureSeries.accuracyCurves(run))])
            })
        case .bars:
            let bars = FigureSeries.bars(figure)
            members["series"] = value(of: bars)
            members["bar_labels"] = .array(bars.barLabels.map { .string($0) })
        case .examples:
            members["experiences"] = .array(figure.examples.map {
                .object(["label": .string($0.label), "images": .integer($0.images.count),
                         "height": .integer($0.height), "width": .integer($0.width)])
            })
        case .accuracyMatrix, .latentScatter: break  // the runs' matrices and scatter are in their results
        }
        return .object(members)
    }

    /// Series as `[{label, points: [[x, y]], sd?, n?, reference}]`.
    static func value(of figure: FigureSeries) -> JSONValue {
        .array(figure.series.map { s in
            var members: [String: JSONValue] = [
                "label": .string(s.label),
                "points": .array(s.points.map { .array([.number($0.x), .number($0.y)]) }),
                "reference": .bool(s.isReference),
            ]
            if !s.errors.isEmpty { members["sd"] = .array(s.errors.map { .number($0) }) }
            if !s.counts.isEmpty { members["n"] = .array(s.counts.map { .integer($0) }) }
            return .object(members)
        })
    }

    /// Any Codable value as a `JSONValue` (via JSONEncoder; non-finite doubles become strings).
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        return try JSONValue.parse(String(decoding: data, as: UTF8.self), source: String(describing: T.self))
    }
}
