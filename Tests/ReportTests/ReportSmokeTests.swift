import Testing
import Report

@Suite struct ReportSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
