import Testing
import Continual

@Suite struct ContinualSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
