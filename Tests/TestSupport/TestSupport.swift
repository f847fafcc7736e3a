// Shared test helpers: closeness checks, gradient checks, golden images, snapshots.
import Engine
