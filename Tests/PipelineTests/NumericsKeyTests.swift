import Continual
import Engine
import Pipeline
import Testing

/// Runs computed on the OpenBLAS backend (machine-specific bits) are cached apart from the
/// reference kernels' runs, and the shard-running thread count never enters a key. The
/// settings are passed in, never set: the backend is process-wide, and setting it here
/// changed the keys and the kernels of tests running alongside.
@Suite struct NumericsKeyTests {
    @Test func blasBackendRunsAreKeyedApart() {
        let c = StreamConfiguration()
        let reference = CacheKey.run(c, datasetFingerprint: "fp", threading: nil)
        #expect(CacheKey.run(c, datasetFingerprint: "fp") == reference, "the default settings are the reference ones")
        for workers in [1, 2, 8] {
            let tag = EngineThreading.machineSpecificTag(backend: .reference, mode: .splitBatch, workers: workers)
            #expect(tag == nil, "threads that run the two shards do not change results")
            #expect(CacheKey.run(c, datasetFingerprint: "fp", threading: tag) == reference)
        }
        let blasTag = EngineThreading.machineSpecificTag(backend: .blas, mode: .splitBatch, workers: 2)
        #expect(blasTag?.hasPrefix("blas-") == true)
        #expect(CacheKey.run(c, datasetFingerprint: "fp", threading: blasTag) != reference)
        let blasThreads = EngineThreading.machineSpecificTag(backend: .reference, mode: .blas, workers: 2)
        #expect(blasThreads != nil, "OpenBLAS threading inside the GEMMs is machine-specific too")
    }
}
