import Testing
@testable import Plot

@Suite struct PlotSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
