// Continual benchmarks: permutations, rotations, splits, subsampling, normalisation.

import Data
import Engine
import Foundation
import Testing

@Suite struct BenchmarkTests {
    let dataset = syntheticDataset(train: 60, test: 20, height: 6, width: 5, classes: 10)

    /// Reads the permutation back from a transformed image whose pixels were distinct.
    func recoverPermutation(_ experience: Experience, test: Bool, image: Int) -> [Int] {
        let split = test ? experience.test : experience.train
        let raw = test ? dataset.test : dataset.train
        let p = split.pixelsPerImage
        let source = Array(raw.pixels[(image * p)..<((image + 1) * p)])
        return (0..<p).map { j in
            let value = split.pixels[image * p + j] * dataset.std + dataset.mean
            return source.indices.min { abs(source[$0] - value) < abs(source[$1] - value) }!
        }
    }

    func permuted(seed: UInt64, experiences: Int = 3) throws -> ContinualBenchmark {
        try ContinualBenchmark.make(kind: .permuted, dataset: dataset, experiences: experiences,
                                    rng: RandomStream(seed: seed), trainSize: nil, testSize: nil)
    }

    @Test func permutationIsABijectionSharedByTrainAndTest() throws {
        let benchmark = try permuted(seed: 1)
        for experience in benchmark.experiences {
            let fromTrain = recoverPermutation(experience, test: false, image: 0)
            #expect(Set(fromTrain).count == 30)
            #expect(recoverPermutation(experience, test: false, image: 7) == fromTrain)
            #expect(recoverPermutation(experience, test: true, image: 3) == fromTrain)
        }
        // The first experience is permuted too (not the identity).
        #expect(recoverPermutation(benchmark.experiences[0], test: false, image: 0) != Array(0..<30))
    }

    @Test func givenPermutationsAreUsedAsGiven() throws {
        var rng = RandomStream(seed: 9)
        let given = (0..<2).map { _ in rng.permutation(30) }
        let benchmark = try ContinualBenchmark.make(kind: .permuted, dataset: dataset, experiences: 2, rng: RandomStream(seed: 1),
                                                    trainSize: nil, testSize: nil, permutations: given)
        for (i, experience) in benchmark.experiences.enumerated() {
            #expect(recoverPermutation(experience, test: false, image: 4) == given[i])
            #expect(recoverPermutation(experience, test: true, image: 2) == given[i])
        }
    }

    @Test func badPermutationsAreRejected() {
        func make(_ kind: BenchmarkKind, _ permutations: [[Int]]) throws {
            _ = try ContinualBenchmark.make(kind: kind, dataset: dataset, experiences: 2, rng: RandomStream(seed: 1),
                                            trainSize: nil, testSize: nil, permutations: permutations)
        }
        let identity = Array(0..<30)
        #expect(throws: DataError.self) { try make(.permuted, [identity]) }                     // too few
        #expect(throws: DataError.self) { try make(.permuted, [identity, Array(0..<29)]) }      // short
        #expect(throws: DataError.self) { try make(.permuted, [identity, [0] + Array(0..<29)]) } // a repeat
        #expect(throws: DataError.self) { try make(.rotated, [identity, identity]) }            // wrong benchmark
    }

    @Test func permutationsDifferBetweenExperiencesAndSeeds() throws {
        let a = try permuted(seed: 1), b = try permuted(seed: 1), c = try permuted(seed: 2)
        let pa = a.experiences.map { recoverPermutation($0, test: false, image: 0) }
        #expect(Set(pa.map { $0.description }).count == 3)
        #expect(b.experiences.map { recoverPermutation($0, test: false, image: 0) } == pa)
        #expect(c.experiences.map { recoverPermutation($0, test: false, image: 0) } != pa)
        #expect(a.experiences[1].train.pixels == b.experiences[1].train.pixels)
    }

    @Test func rotatedAnglesAndNormalisation() throws {
        let benchmark = try ContinualBenchmark.make(kind: .rotated, dataset: dataset, experiences: 5,
                                                    rng: RandomStream(seed: 3), trainSize: nil, testSize: nil)
        #expect(benchmark.experiences.map(\.label) == ["rotated 0°", "rotated 72°", "rotated 144°", "rotated 216°", "rotated 288°"])
        // Experience 0 is the normalised raw data.
        let first = benchmark.experiences[0]
        for (x, raw) in zip(first.train.pixels, dataset.train.pixels) {
            #expect(abs(x - (raw - dataset.mean) / dataset.std) < 1e-5)
        }
        // A rotated experience equals the rotation of the raw image, then normalised; fill 0 → −mean/std.
        let r = ImageTransform.rotation(degrees: 144, height: 6, width: 5)
        let raw = Array(dataset.test.pixels[0..<30])
        let expected = r.apply(raw).map { ($0 - dataset.mean) / dataset.std }
        #expect(zip(benchmark.experiences[2].test.pixels[0..<30], expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(benchmark.experiences.allSatisfy { $0.classes == Array(0..<10) })
    }

    @Test func exampleImagesUndoNormalisation() throws {
        let benchmark = try ContinualBenchmark.make(kind: .rotated, dataset: dataset, experiences: 8,
                                                    rng: RandomStream(seed: 3), trainSize: nil, testSize: nil)
        let examples = benchmark.experiences[0].exampleImages(count: 3)
        #expect(examples.count == 3 && examples.allSatisfy { $0.count == 30 })
        #expect(zip(examples[1], dataset.train.pixels[30..<60]).allSatisfy { abs($0 - $1) < 1e-5 })
        // 45° leaves the corners filled, and they read back as 0.
        let rotated = benchmark.experiences[1].exampleImages(count: 1)[0]
        let map = ImageTransform.rotation(degrees: 45, height: 6, width: 5).gatherIndices!
        for (j, source) in map.enumerated() where source < 0 { #expect(abs(rotated[j]) < 1e-6) }
        #expect(map.contains(-1))
    }

    @Test func splitHoldsPairsOfClasses() throws {
        let benchmark = try ContinualBenchmark.make(kind: .split, dataset: dataset, experiences: 5,
                                                    rng: RandomStream(seed: 4), trainSize: nil, testSize: nil)
        for (i, experience) in benchmark.experiences.enumerated() {
            let pair: [Int32] = [Int32(2 * i), Int32(2 * i + 1)]
            #expect(experience.classes == pair)
            #expect(Set(experience.train.labels) == Set(pair))
            #expect(Set(experience.test.labels).isSubset(of: Set(pair)))
            #expect(experience.train.count == dataset.train.labels.filter { pair.contains($0) }.count)
            #expect(experience.label == "classes \(2 * i), \(2 * i + 1)")
        }
        #expect(benchmark.classes == Array(0..<10))
    }

    @Test func splitRejectsTooManyExperiences() {
        #expect(throws: DataError.self) {
            try ContinualBenchmark.make(kind: .split, dataset: dataset, experiences: 6,
                                        rng: RandomStream(seed: 4), trainSize: nil, testSize: nil)
        }
        #expect(throws: DataError.self) {
            try ContinualBenchmark.make(kind: .rotated, dataset: dataset, experiences: 0,
                                        rng: RandomStream(seed: 4), trainSize: nil, testSize: nil)
        }
        #expect(throws: DataError.self) {
            try ContinualBenchmark.make(kind: .permuted, dataset: dataset, experiences: 2,
                                        rng: RandomStream(seed: 4), trainSize: 61, testSize: nil)
        }
    }

    @Test(arguments: [BenchmarkKind.permuted, .rotated])
    func subsamplingIsDeterministicAndSharedAcrossExperiences(kind: BenchmarkKind) throws {
        func make(_ seed: UInt64) throws -> ContinualBenchmark {
            try ContinualBenchmark.make(kind: kind, dataset: dataset, experiences: 3, rng: RandomStream(seed: seed),
                                        trainSize: 20, testSize: 10)
        }
        let a = try make(5), b = try make(5), c = try make(6)
        for experience in a.experiences {
            #expect(experience.train.count == 20 && experience.test.count == 10)
            #expect(experience.train.pixels.count == 20 * 30)
        }
        #expect(a.experiences[2].train.pixels == b.experiences[2].train.pixels)
        #expect(a.experiences[0].train.labels == b.experiences[0].train.labels)
        // Same source images in every experience: the pixel sum (invariant under
        // permutation, identifying the image here) matches across experiences for permuted.
        if kind == .permuted {
            func sums(_ e: Experience) -> [Float] {
                (0..<e.train.count).map { i in e.train.pixels[(i * 30)..<((i + 1) * 30)].reduce(0, +) }
            }
            let s0 = sums(a.experiences[0])
            for e in a.experiences { #expect(zip(sums(e), s0).allSatisfy { abs($0 - $1) < 1e-3 }) }
        }
        #expect(a.experiences.allSatisfy { $0.train.labels == a.experiences[0].train.labels })
        // Another seed picks another subset.
        #expect(c.experiences[0].train.pixels != a.experiences[0].train.pixels)
        // Class balance: 20 of 10 classes is 2 each.
        var counts = [Int](repeating: 0, count: 10)
        for label in a.experiences[0].train.labels { counts[Int(label)] += 1 }
        #expect(counts == [Int](repeating: 2, count: 10))
    }

    @Test func subsampleIndicesAreBalancedDistinctAndSorted() {
        let labels: [Int32] = (0..<1000).map { Int32($0 % 7 == 0 ? 0 : $0 % 3) }
        let picked = Subsample.balancedIndices(labels: labels, count: 90, rng: RandomStream(seed: 9))
        #expect(picked.count == 90 && Set(picked).count == 90 && picked == picked.sorted())
        var counts = [Int32: Int]()
        for i in picked { counts[labels[i], default: 0] += 1 }
        #expect(counts.values.allSatisfy { $0 == 30 })
        #expect(Subsample.balancedIndices(labels: labels, count: 90, rng: RandomStream(seed: 9)) == picked)
    }

    @Test func copyBatchAndSubset() throws {
        let benchmark = try permuted(seed: 1, experiences: 1)
        let train = benchmark.experiences[0].train
        var inputs: [Float] = [1, 2, 3]
        var labels: [Int32] = []
        train.copyBatch([4, 2][...], into: &inputs, labels: &labels)
        #expect(inputs.count == 60 && labels == [train.labels[4], train.labels[2]])
        #expect(Array(inputs[30..<60]) == Array(train.pixels[60..<90]))
        let sub = train.subset([4, 2])
        #expect(sub.pixels == inputs && sub.labels == labels && sub.count == 2)
    }

    static let fashionInstalled = FileManager.default.fileExists(atPath: DatasetLoader.defaultDirectory)

    @Test(.enabled(if: fashionInstalled, "/usr/share/datasets/fashion-mnist is absent: apt-get install dataset-fashion-mnist"))
    func realSplitAndSubsample() throws {
        let fashion = try DatasetLoader.load("fashion-mnist")
        let split = try ContinualBenchmark.make(kind: .split, dataset: fashion, experiences: 5, rng: RandomStream(seed: 1),
                                                trainSize: 1000, testSize: 200)
        for (i, e) in split.experiences.enumerated() {
            #expect(e.classes == [Int32(2 * i), Int32(2 * i + 1)])
            #expect(e.train.labels.filter { $0 == Int32(2 * i) }.count == 500)
            #expect(e.test.count == 200)
        }
        let rotated = try ContinualBenchmark.make(kind: .rotated, dataset: fashion, experiences: 5, rng: RandomStream(seed: 1),
                                                  trainSize: 500, testSize: 100)
        // Normalised training pixels of an un-rotated subset have mean ≈ 0 and std ≈ 1.
        let x = rotated.experiences[0].train.pixels
        let mean = x.reduce(0, +) / Float(x.count)
        #expect(abs(mean) < 0.05)
    }
}
