import Testing
import Engine

@Suite struct EngineSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
