import Continual

/// An experiment document after execution: what the report renders. A plain value passed
/// from the pipeline (parse → plan → execute) to the renderer, which never touches the cache.
public struct ExecutedDocument: Sendable {
    /// Path of the experiment file as given on the command line.
    public var path: String
    /// The document's name (file name without `.md`); the report folder is `reports/NAME/`.
    public var name: String
    /// The first level-1 heading's text, or the name.
    public var title: String
    /// The document's declared parameters with the values in force after overrides.
    public var parameters: [ResolvedParameter]
    /// Prose, verbatim blocks and cells in document order.
    public var blocks: [ExecutedBlock]
    /// Hex SHA-256 fingerprints of the datasets the runs used, by dataset spec.
    public var datasetFingerprints: [String: String]
    /// The engine version constant that salts every cache key.
    public var engineVersion: String
    /// Total wall seconds of the render.
    public var seconds: Double

    /// Creates an executed document from its parts.
    public init(path: String, name: String, title: String, parameters: [ResolvedParameter], blocks: [ExecutedBlock],
                datasetFingerprints: [String: String], engineVersion: String, seconds: Double) {
        self.path = path
        self.name = name
        self.title = title
        self.parameters = parameters
        self.blocks = blocks
        self.datasetFingerprints = datasetFingerprints
        self.engineVersion = engineVersion
        self.seconds = seconds
    }
}

/// A declared document parameter and the value in force.
public struct ResolvedParameter: Sendable, Hashable {
    /// Parameter name, e.g. `buffer_size`.
    public var name: String
    /// The value as YAML-ish text, e.g. `6000` or `{kind: gmm, covariance: diag}`.
    public var value: String
    /// True when `--set` changed it from the document's value.
    public var overridden: Bool

    /// Creates a resolved parameter.
    public init(name: String, value: String, overridden: Bool) {
        self.name = name
        self.value = value
        self.overridden = overridden
    }
}

/// One block of an executed document.
public enum ExecutedBlock: Sendable {
    /// CommonMark prose between cells, as source text (the renderer turns it into HTML).
    case prose(markdown: String)
    /// A fenced block that is not a cell, shown verbatim.
    case verbatim(info: String, code: String)
    /// A cell and its outcome.
    case cell(ExecutedCell)
}

/// A cell after execution.
public struct ExecutedCell: Sendable {
    /// Cell kind: `params`, `run`, `sweep`, `table`, `plot`.
    public var kind: String
    /// The cell's name (run and sweep cells), or a generated one (`table-2`, `plot-3`).
    public var name: String
    /// 1-based position among the document's cells (stable id for results.json and figures).
    public var index: Int
    /// The cell's body as written (YAML), without the fences.
    public var body: String
    /// The fence's info string, e.g. `run glr`.
    public var info: String
    /// 1-based line of the opening fence in the experiment file.
    public var line: Int
    /// Whether the report shows the cell's source (`echo: false` hides it).
    public var echo: Bool
    /// What happened.
    public var status: CellStatus
    /// True when every run of the cell came from the cache.
    public var cacheHit: Bool
    /// Wall seconds spent on the cell in this render (≈0 for cache hits).
    public var seconds: Double
    /// The cell's output, when it succeeded.
    public var output: CellOutput?

    /// Creates an executed cell.
    public init(kind: String, name: String, index: Int, body: String, info: String, line: Int, echo: Bool,
                status: CellStatus, cacheHit: Bool, seconds: Double, output: CellOutput?) {
        self.kind = kind
        self.name = name
        self.index = index
        self.body = body
        self.info = info
        self.line = line
        self.echo = echo
        self.status = status
        self.cacheHit = cacheHit
        self.seconds = seconds
        self.output = output
    }
}

/// Whether a cell ran.
public enum CellStatus: Sendable, Equatable {
    /// The cell produced its output.
    case ok
    /// The cell failed with this message (the render goes on with independent cells).
    case failed(String)
    /// The cell was not run because a cell it depends on failed (named in the reason).
    case skipped(String)
}

/// What a cell produced.
public enum CellOutput: Sendable {
    /// Parameters in force after a `params` cell.
    case parameters([ResolvedParameter])
    /// The runs of a `run` (one) or `sweep` (several) cell.
    case runs([NamedRun])
    /// A `table` cell's table.
    case table(TableData)
    /// A `plot` cell's figure data (the renderer draws it).
    case figure(FigureData)
}

/// A finished run with its name, configuration and cache key.
public struct NamedRun: Sendable {
    /// `glr`, or `glr-buffer[buffer_size=600]` for one run of a sweep.
    public var name: String
    /// The cell (sweep or run) it belongs to.
    public var cellName: String
    /// For sweep runs: the varied parameters and their values, in `vary` order.
    public var varied: [ResolvedParameter]
    /// The run's resolved parameters.
    public var configuration: StreamConfiguration
    /// What the run produced.
    public var result: StreamResult
    /// The run's content key (hex SHA-256).
    public var cacheKey: String
    /// True when the result came from the cache.
    public var cacheHit: Bool

    /// Creates a named run.
    public init(name: String, cellName: String, varied: [ResolvedParameter], configuration: StreamConfiguration,
                result: StreamResult, cacheKey: String, cacheHit: Bool) {
        self.name = name
        self.cellName = cellName
        self.varied = varied
        self.configuration = configuration
        self.result = result
        self.cacheKey = cacheKey
        self.cacheHit = cacheHit
    }
}

/// A table: column titles and rows of values (one row per run).
public struct TableData: Sendable {
    /// Optional caption.
    public var caption: String?
    /// Column titles, the first being the run name.
    public var columns: [String]
    /// Rows of cells.
    public var rows: [[TableValue]]
    /// Footnotes shown under the table (e.g. why a cell is `.undefined`).
    public var notes: [String]

    /// Creates a table.
    public init(caption: String?, columns: [String], rows: [[TableValue]], notes: [String] = []) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }
}

/// One table cell.
public enum TableValue: Sendable, Equatable {
    /// Text, e.g. a run name.
    case text(String)
    /// A number with the number of decimals to show.
    case number(Double, decimals: Int)
    /// A mean ± standard deviation over seeds.
    case meanSD(Double, Double, decimals: Int)
    /// An integer (bytes, counts).
    case integer(Int)
    /// A metric the run does not define (the offline joint's forgetting, BWT, FWT): shown
    /// as "–" with a footnote, null in results.json, never 0.
    case undefined
}

/// The data of one figure; the renderer chooses the chart from `kind`.
public struct FigureData: Sendable {
    /// What the figure shows.
    public var kind: FigureKind
    /// Optional caption.
    public var caption: String?
    /// The runs the figure draws, in the cell's order.
    public var runs: [NamedRun]
    /// `final-vs-parameter`: the parameter on the x axis.
    public var parameter: String?
    /// The metric to draw (`final_accuracy` by default).
    public var metric: String?
    /// `examples`: a few images of each experience.
    public var examples: [ExperienceExamples]
    /// Reference values to overlay (e.g. the paper's Table IV), as (label, points (x, y)).
    public var references: [(label: String, points: [(Double, Double)])]

    /// Creates figure data.
    public init(kind: FigureKind, caption: String?, runs: [NamedRun], parameter: String? = nil, metric: String? = nil,
                examples: [ExperienceExamples] = [],
                references: [(label: String, points: [(Double, Double)])] = []) {
        self.kind = kind
        self.caption = caption
        self.runs = runs
        self.parameter = parameter
        self.metric = metric
        self.examples = examples
        self.references = references
    }
}
