import Continual
import Pipeline
import Testing

@Suite struct ProgressReporterTests {
    @Test func plainModeLogsPhasesOnceAndEpochEnds() {
        let reporter = ProgressReporter(mode: .silent)
        let phase = StreamProgress(experience: 1, experiences: 3, epoch: 0, epochs: 2, samplesDone: 0, samplesTotal: 0,
                                   samplesPerSecond: 0, message: "evaluating")
        reporter.stream(phase, run: "glr")
        reporter.stream(phase, run: "glr")
        #expect(reporter.lines == ["  glr: experience 2/3: evaluating"])
        reporter.cell(2, of: 5, "run glr")
        #expect(reporter.lines.last == "[2/5] run glr")
    }
}
