import Continual
import Testing

/// `SampleSet.copyRows` copies the chosen rows and labels, and refuses (traps) rather than
/// writing past the end of a destination that is too small.
@Suite struct SampleSetTests {
    /// Three 2-value samples: row k holds (10k, 10k + 1) with label k.
    let set = SampleSet(values: [0, 1, 10, 11, 20, 21], labels: [0, 1, 2], sampleShape: [2])

    @Test func copiesTheChosenRowsAtTheOffset() {
        var values = [Float](repeating: -1, count: 8)
        var labels = [Int32](repeating: -1, count: 4)
        set.copyRows([2, 0], into: &values, labels: &labels, at: 1)
        #expect(values == [-1, -1, 20, 21, 0, 1, -1, -1])
        #expect(labels == [-1, 2, 0, -1])
    }

    @Test func aDestinationTooSmallStopsBeforeWriting() async {
        await #expect(processExitsWith: .failure) {
            let set = SampleSet(values: [0, 1, 10, 11, 20, 21], labels: [0, 1, 2], sampleShape: [2])
            var values = [Float](repeating: 0, count: 4)
            var labels = [Int32](repeating: 0, count: 4)
            set.copyRows([0, 1], into: &values, labels: &labels, at: 1)
        }
    }
}
