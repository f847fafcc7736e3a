/// Scratch buffers of one diagonal or spherical EM run, allocated once per run and reused by
/// every iteration (page faults are expensive on the project's machines).
struct DiagonalWorkspace {
    /// Rows per block: [x, x²] of a block (64 × 2D floats, 147 KB at D = 288) stays in L2, so
    /// the E-step GEMM, the log-sum-exp and the M-step sums read each row from memory once.
    static let blockRows = 64

    /// [x, x²] of the current block (blockRows × 2D).
    var features: [Float]
    /// Columns of `scores` and `weightsTransposed`: K, or 16 when K is smaller, so that the
    /// E-step's GEMM runs its lanes along a block's rows of scores (columns past K are zeros).
    let scoreColumns: Int
    /// Scores of the current block (blockRows × `scoreColumns`).
    var scores: [Float]
    /// The block's Rᵀ·[x, x²] (K × 2D), in Float, added to `sums` per block.
    var blockSums: [Float]
    /// Σ_n r_nk [x_n, x_n²] (K × 2D).
    var sums: [Double]
    /// N_k = Σ_n r_nk (+10ε, as scikit-learn).
    var counts: [Double]
    /// One row of log-weights / responsibilities (K).
    var row: [Double]
    /// Wᵀ in Float (2D × `scoreColumns`; columns past K stay 0).
    var weightsTransposed: [Float]

    /// Buffers for K components of dimension D.
    init(components k: Int, dimension d: Int) {
        let b = DiagonalWorkspace.blockRows
        features = [Float](repeating: 0, count: b * 2 * d)
        scoreColumns = max(k, 16)
        scores = [Float](repeating: 0, count: b * scoreColumns)
        blockSums = [Float](repeating: 0, count: k * 2 * d)
        sums = [Double](repeating: 0, count: k * 2 * d)
        counts = [Double](repeating: 0, count: k)
        row = [Double](repeating: 0, count: k)
        weightsTransposed = [Float](repeating: 0, count: 2 * d * scoreColumns)
    }
}
