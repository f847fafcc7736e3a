import Continual
import Pipeline
import Report
import Testing

/// A figure's key changes with everything the figure is drawn from, and with nothing else.
@Suite struct FigureKeyTests {
    static let base = FigureData(kind: .bars, caption: "c", runs: [Fixtures.naive, Fixtures.glr], metric: "final_accuracy",
                                 references: [(label: "paper", points: [(1, 0.5)])])

    @Test func sameDataSameKey() {
        #expect(FigureKey.of(Self.base) == FigureKey.of(Self.base))
        #expect(FigureKey.of(Self.base).count == 64)
    }

    @Test(arguments: 0..<9)
    func everyInputChangesTheKey(change: Int) {
        var figure = Self.base
        switch change {
        case 0: figure.kind = .accuracyCurves
        case 1: figure.caption = "d"
        case 2: figure.metric = "forgetting"
        case 3: figure.parameter = "seed"
        case 4: figure.runs[1].result.accuracyMatrix[0][0] += 1e-9
        case 5: figure.runs[1].configuration.seed += 1
        case 6: figure.runs[0].name = "other"
        case 7: figure.examples = [ExperienceExamples(label: "e", images: [[0]], height: 1, width: 1)]
        default: figure.references[0].points[0].1 = 0.6
        }
        #expect(FigureKey.of(figure) != FigureKey.of(Self.base), "change \(change)")
    }

    @Test func aRunsCacheFlagAndKeyAreNotDrawn() {
        var figure = Self.base
        figure.runs[0].cacheHit.toggle()
        figure.runs[0].cacheKey = "elsewhere"
        #expect(FigureKey.of(figure) == FigureKey.of(Self.base))
    }
}
