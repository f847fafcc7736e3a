import Continual
import Engine
import Pipeline
import Testing

/// Runs computed on the OpenBLAS backend (machine-specific bits) are cached apart from the
/// reference kernels' runs, and the shard-running thread count never enters a key.
@Suite(.serialized) struct NumericsKeyTests {
    @Test func blasBackendRunsAreKeyedApart() {
        let c = StreamConfiguration()
        let reference = CacheKey.run(c, datasetFingerprint: "fp")
        let savedBackend = Numerics.backend, savedWorkers = EngineThreading.workers
        defer { Numerics.backend = savedBackend; EngineThreading.workers = savedWorkers }

        EngineThreading.workers = 1
        #expect(CacheKey.run(c, datasetFingerprint: "fp") == reference, "threads that run the two shards do not change results")
        EngineThreading.workers = 8
        #expect(CacheKey.run(c, datasetFingerprint: "fp") == reference)

        Numerics.backend = .blas
        let blas = CacheKey.run(c, datasetFingerprint: "fp")
        #expect(blas != reference)
        #expect(EngineThreading.machineSpecificTag?.hasPrefix("blas-") == true)
    }
}
