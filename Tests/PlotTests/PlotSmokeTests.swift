import Testing
import Plot

@Suite struct PlotSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
