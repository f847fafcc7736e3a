import Testing
import Pipeline

@Suite struct PipelineSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
