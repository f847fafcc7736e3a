// Which arithmetic computes the engine's matrix products: glr's own fixed-order kernels
// (the default: the same bits on every machine) or OpenBLAS (faster on some machines,
// but its kernel choice changes the order of additions, so results are machine-specific).

import Foundation

/// The engine's choice of GEMM backend (process-wide; set before training).
public enum Numerics {
    /// The two GEMM backends.
    public enum Backend: String, Sendable, CaseIterable, Codable {
        /// glr's own kernels (`FixedOrderGemm`): every output's sum in one fixed order,
        /// so results are bit-identical on any IEEE-754 machine with FMA.
        case reference
        /// OpenBLAS `cblas_sgemm` / `cblas_dgemm`: results depend on the OpenBLAS kernel
        /// (`OPENBLAS_CORETYPE`), so runs are cached apart and reports say so.
        case blas
    }

    /// The active backend: `.reference`, or `GLR_NUMERICS=blas` from the environment.
    nonisolated(unsafe) public static var backend: Backend = {
        if let s = ProcessInfo.processInfo.environment["GLR_NUMERICS"], let b = Backend(rawValue: s) { return b }
        return .reference
    }()

    /// True when results are machine-independent (the reference backend).
    public static var isReference: Bool { backend == .reference }
}
