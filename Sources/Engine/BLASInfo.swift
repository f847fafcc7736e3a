import CBLAS

/// What the linked BLAS says about itself (for benchmarks and report provenance).
public enum BLASInfo {
    /// OpenBLAS's build configuration string (`openblas_get_config`).
    public static var config: String { String(cString: openblas_get_config()) }
    /// The CPU kernel OpenBLAS selected (`openblas_get_corename`), e.g. "Cooperlake".
    public static var coreName: String { String(cString: openblas_get_corename()) }
    /// OpenBLAS's current thread count (`openblas_get_num_threads`).
    public static var threads: Int { Int(openblas_get_num_threads()) }
    /// Sets OpenBLAS's thread count (`openblas_set_num_threads`).
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
