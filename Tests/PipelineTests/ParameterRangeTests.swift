import Foundation
import Pipeline
import Testing

/// Every integer and float parameter is range-checked at plan time with a located error,
/// so nothing the plan could catch fails mid-render; `--set` gets the same checks.
@Suite struct ParameterRangeTests {
    static func doc(_ params: String, run: String = "strategy: naive") -> String {
        "# R\n\n```params\nepochs: 1\n\(params)\n```\n\n```run a\n\(run)\n```\n"
    }

    static func message(_ text: String, overrides: [String: String] = [:], shape: DatasetShape? = nil) -> String {
        do {
            let document = try DocumentParser.parse(text: text, path: "d.md")
            let plan = try Planner().plan(document, overrides: overrides, fingerprint: { _ in "print" }, shape: { _ in shape })
            return "planned \(plan.runs.count) runs"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("momentum: 1.0", "d.md:5:11: error: bad value for 'momentum'"),
        ("momentum: 0.999999999", "rounds to 1 as a 32-bit float"),
        ("momentum: -0.1", "bad value for 'momentum'"),
        ("lr: 0", "d.md:5:5: error: bad value for 'lr' in cell 'params': 0.0 is not above 0"),
        ("lr: 1e-46", "1e-46 rounds to 0 as a 32-bit float"),
        ("lr: 3.5e38", "3.5e+38 overflows a 32-bit float"),
        ("weight_decay: 3.5e38", "bad value for 'weight_decay'"),
        ("weight_decay: -1", "bad value for 'weight_decay'"),
        ("ewc_lambda: 1.0e39", "bad value for 'ewc_lambda'"),
        ("experiences: 9223372036854775807", "9223372036854775807 is above 100"),
        ("experiences: 0", "0 is below 1"),
        ("epochs: 100000", "100000 is above 1000"),
        ("batch_size: 1000000000", "bad value for 'batch_size'"),
        ("buffer_size: 1000000000", "bad value for 'buffer_size'"),
        ("train_size: 100000000", "bad value for 'train_size'"),
        ("test_size: 0", "bad value for 'test_size'"),
        ("window: 1000", "bad value for 'window'"),
        ("seed: -1", "bad value for 'seed'"),
    ])
    func outOfRangeValuesAreLocatedErrors(line: String, expected: String) {
        let text = Self.doc(line).replacingOccurrences(of: "epochs: 1\n" + line, with: line.hasPrefix("epochs") ? line : "epochs: 1\n" + line)
        let message = Self.message(text)
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("d.md:"), "\(message)")
    }

    @Test func componentsAboveTheMaximumAreAnErrorNotAClamp() {
        let message = Self.message(Self.doc("seed: 1", run: "strategy: glr\ngenerator: {kind: gmm, components_per_class: 1000000000}"))
        #expect(message.contains("d.md:10:46: error: bad value for 'generator.components_per_class'"), "\(message)")
        #expect(message.contains("1000000000 is above the maximum of 1000"), "\(message)")
    }

    @Test func batchLargerThanTrainSizeIsRejectedAtTheRun() {
        let message = Self.message(Self.doc("train_size: 100", run: "strategy: naive\nbatch_size: 500"))
        #expect(message.contains("d.md:10:1: error: run 'a' of cell 'run a': bad value for 'batch_size': 500 is larger than the 100 training images"),
                "\(message)")
    }

    @Test func datasetSizesAreCheckedWhenKnown() {
        let shape = DatasetShape(trainPerClass: [0: 30, 1: 30, 2: 30, 3: 30], testPerClass: [0: 5, 1: 5, 2: 5, 3: 5])
        #expect(Self.message(Self.doc("seed: 1", run: "batch_size: 500"), shape: shape).contains("larger than the 120 training images"))
        #expect(Self.message(Self.doc("train_size: 200"), shape: shape).contains("200 is more than the 120 training images"))
        #expect(Self.message(Self.doc("benchmark: split\nexperiences: 3"), shape: shape).contains("allow at most 2 experiences"))
        #expect(Self.message(Self.doc("benchmark: split\nexperiences: 2\ntrain_size: 61"), shape: shape).contains("61 is more than the 60"))
        #expect(Self.message(Self.doc("benchmark: split\nexperiences: 2\ntrain_size: 60\nbatch_size: 60"), shape: shape) == "planned 1 runs")
    }

    @Test func referenceCNNNeeds28By28Images() {
        let shape = DatasetShape(trainPerClass: [0: 30, 1: 30], testPerClass: [0: 5, 1: 5], height: 4, width: 4)
        #expect(Self.message(Self.doc("seed: 1"), shape: shape).contains("bad value for 'model': the reference CNN takes 28×28 images, the dataset has 4×4"))
        #expect(Self.message(Self.doc("model: mlp"), shape: shape) == "planned 1 runs")
    }

    @Test func memoryIsEstimatedBeforeAllocating() {
        let shape = DatasetShape(trainPerClass: [0: 600_000, 1: 600_000], testPerClass: [0: 50_000, 1: 50_000])
        let message = Self.message(Self.doc("experiences: 100"), shape: shape)
        #expect(message.contains("bad value for 'experiences': 100 experiences of 1300000 images need about"), "\(message)")
    }

    @Test func strategyChecksRunAtPlanTime() {
        let message = Self.message(Self.doc("seed: 1", run: "strategy: glr\ngenerator: {kind: flow}"))
        #expect(message.contains("d.md:"), "\(message)")
        #expect(!message.hasPrefix("planned"), "\(message)")
    }

    @Test func overridesGetTheSameChecksAndNameTheFlag() {
        let text = Self.doc("lr: 0.01\nmomentum: 0.9\nbatch_size: 64")
        #expect(Self.message(text, overrides: ["lr": "1e-46"]).contains("error: --set lr=1e-46: 1e-46 rounds to 0 as a 32-bit float"))
        #expect(Self.message(text, overrides: ["momentum": "1"]).contains("error: --set momentum=1: "))
        #expect(Self.message(text, overrides: ["batch_size": "0"]).contains("error: --set batch_size=0: 0 is below 1"))
        #expect(Self.message(text, overrides: ["lr": "0.05"]) == "planned 1 runs")
        let small = Self.doc("train_size: 100\nbatch_size: 64")
        #expect(Self.message(small, overrides: ["batch_size": "500"]).contains("500 is larger than the 100 training images of an experience; "
                                                                             + "a minibatch cannot hold more (the value comes from --set batch_size=500)."))
    }

    @Test func everyExperimentStillPlans() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("experiments")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".md") {
            let document = try DocumentParser.parse(path: folder.appendingPathComponent(name).path)
            let shape = DatasetShape(trainPerClass: Dictionary(uniqueKeysWithValues: (0..<10).map { (Int32($0), 6000) }),
                                     testPerClass: Dictionary(uniqueKeysWithValues: (0..<10).map { (Int32($0), 1000) }))
            _ = try Planner().plan(document, overrides: [:], fingerprint: { _ in "print" }, shape: { _ in shape })
        }
    }
}
