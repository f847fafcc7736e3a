/// The version of glr's numerics. Bump it whenever a change alters any run's numbers:
/// it salts every cache key, so every cached result is recomputed.
///
/// - glr-engine-1: OpenBLAS GEMMs, libm exp/log/sin/cos (machine-specific bits).
/// - glr-engine-2: glr's own fixed-order kernels and `ReferenceMath` (the same bits on every
///   machine); offline `joint`; shards fixed at two whatever GLR_THREADS.
public let engineVersion = "glr-engine-2"
