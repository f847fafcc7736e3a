import Testing
import Data

@Suite struct DataSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
