import Testing
@testable import Pipeline

@Suite struct PipelineSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
