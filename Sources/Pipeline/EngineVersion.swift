/// The version of glr's numerics. Bump it whenever a change alters any run's numbers:
/// it salts every cache key, so every cached result is recomputed.
public let engineVersion = "glr-engine-1"
