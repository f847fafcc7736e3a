import Continual
import Pipeline
import Testing

/// The one progress reporter of render, stream and train: phases once, a bar with ETA on a
/// terminal, plain lines (at the end of a task, or every tenth of it) otherwise.
@Suite struct ProgressReporterTests {
    final class Output: @unchecked Sendable {
        var text = ""
        func write(_ s: String) { text += s }
    }

    func epoch(_ done: Int, of total: Int = 100, rate: Double = 50) -> StreamProgress {
        StreamProgress(experience: 0, experiences: 2, epoch: 0, epochs: 1, samplesDone: done, samplesTotal: total,
                       samplesPerSecond: rate, message: "training")
    }

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

    @Test func plainModeWritesOneLineAtTheEndOfAnEpochWithItsETA() {
        let out = Output()
        let reporter = ProgressReporter(mode: .plain, output: out.write)
        for done in [10, 50, 100] { reporter.stream(epoch(done), run: "glr") }
        // The rest of the run: one more epoch of 100 samples at 50 samples/s.
        #expect(reporter.lines == ["  glr: experience 1/2 epoch 1/1 done, 50 samples/s, ETA 2s"])
        #expect(out.text == "  glr: experience 1/2 epoch 1/1 done, 50 samples/s, ETA 2s\n")
    }

    @Test func plainModeCanWriteEveryTenth() {
        let reporter = ProgressReporter(mode: .plain, output: { _ in })
        for done in stride(from: 5, through: 100, by: 5) {
            reporter.bar("epoch 1/1", done: done, total: 100, samplesPerSecond: 10, remaining: Double(100 - done) / 10,
                         detail: "loss 0.5000", plainLines: 10)
        }
        #expect(reporter.lines.count == 10)
        #expect(reporter.lines.first == "epoch 1/1 10/100, loss 0.5000, 10 samples/s, ETA 9s")
        #expect(reporter.lines.last == "epoch 1/1 done, loss 0.5000, 10 samples/s, ETA 0s")
        // A new task with the same label starts counting again.
        reporter.bar("epoch 1/1", done: 100, total: 100, samplesPerSecond: 10, remaining: 0, plainLines: 10)
        reporter.bar("epoch 1/1", done: 10, total: 100, samplesPerSecond: 10, remaining: 9, plainLines: 10)
        #expect(reporter.lines.count == 11)
    }

    @Test func terminalModeDrawsABarWithETAAndClearsItBeforeALogLine() {
        let out = Output()
        let reporter = ProgressReporter(mode: .terminal, output: out.write)
        reporter.stream(epoch(100), run: "glr")
        #expect(out.text.hasPrefix("\r\u{1B}[Kglr experience 1/2 epoch 1/1 ████████████████████████ 100% 50 samples/s ETA 2s"))
        #expect(reporter.lines.isEmpty, "bar redraws are not log lines")
        reporter.log("next")
        #expect(out.text.hasSuffix("ETA 2s\r\u{1B}[Knext\n"))
        reporter.finish()
        #expect(out.text.hasSuffix("next\n"), "no bar to clear")
    }

    @Test func durationsReadAsMinutesAndSeconds() {
        let reporter = ProgressReporter(mode: .plain, output: { _ in })
        reporter.bar("t", done: 1, total: 1, samplesPerSecond: 1, remaining: 65, plainLines: 1)
        reporter.bar("u", done: 1, total: 1, samplesPerSecond: 1, remaining: nil, plainLines: 1)
        #expect(reporter.lines == ["t done, 1 samples/s, ETA 1m05s", "u done, 1 samples/s, ETA ?"])
    }
}
