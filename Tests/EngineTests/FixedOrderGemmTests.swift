// The reference GEMM kernels against their definition and their oracles:
// - bit for bit against `gemmFixedOrderScalar`, the scalar loop that states the fixed order
//   (every blocking path, transposes, alpha/beta, the overlapping last vector, N < 16 with M ≥ 16 and M < 16);
// - within float rounding against the Double naive GEMM and OpenBLAS's `cblas_sgemm`
//   (the oracle), on the CNN's shapes and random ones.

import Engine
import Testing
import TestSupport

@Suite struct FixedOrderGemmTests {
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (3, 5, 2), (7, 15, 9), (9, 16, 4), (8, 17, 3), (12, 33, 5), (16, 784, 9), (32, 196, 144),
        (32, 49, 288), (144, 32, 196), (288, 49, 32), (32, 64, 288), (256, 10, 576), (13, 47, 31), (40, 100, 0),
        (16, 9, 5), (270, 7, 33), (530, 3, 20), (300, 10, 288),
    ]

    @Test(arguments: shapes)
    func kernelsComputeTheFixedOrderBitForBit(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            for (alpha, beta) in [(Float(1), Float(0)), (1, 1), (0.5, 0.25), (-2, 1)] {
                let a = Fixtures.uniform(m * k, "a\(m)\(k)"), b = Fixtures.uniform(k * n, "b\(k)\(n)")
                var c1 = Fixtures.uniform(m * n, "c"), c2 = c1
                sgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, a: a, b: b, beta: beta, c: &c1)
                gemmFixedOrderScalar(transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, a: a, b: b, beta: beta, c: &c2)
                let differing = zip(c1, c2).filter { $0.0.bitPattern != $0.1.bitPattern }.count
                #expect(differing == 0, "\(differing) of \(m * n) outputs differ: \(shape) transA \(ta) transB \(tb) alpha \(alpha) beta \(beta)")
            }
        }
    }

    @Test(arguments: shapes)
    func kernelsAgreeWithNaiveAndOpenBLAS(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = Fixtures.uniform(m * k, "a\(m)\(k)"), b = Fixtures.uniform(k * n, "b\(k)\(n)")
            let c0 = Fixtures.uniform(m * n, "c")
            var ours = c0, naive = c0, blas = c0
            sgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: a, b: b, beta: 0.25, c: &ours)
            gemmNaive(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: a, b: b, beta: 0.25, c: &naive)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    blas.withUnsafeMutableBufferPointer { pc in
                        blasSgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: pa.baseAddress!, lda: ta ? m : k,
                                  b: pb.baseAddress!, ldb: tb ? k : n, beta: 0.25, c: pc.baseAddress!, ldc: n)
                    }
                }
            }
            // k products of magnitude ≤ 1: float rounding is about k·6e-8 of the sum of |terms|.
            expectClose(ours, naive, absolute: Float(k) * 2e-7 + 1e-7, relative: 1e-5, "vs naive: \(shape) \(ta) \(tb)")
            expectClose(ours, blas, absolute: Float(k) * 4e-7 + 1e-7, relative: 1e-5, "vs cblas_sgemm: \(shape) \(ta) \(tb)")
        }
    }

    @Test func doublePrecisionKernelMatchesNaive() {
        for (m, n, k) in [(5, 3, 7), (20, 8, 30), (10, 40, 576), (3, 9, 1)] {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = Fixtures.uniform(m * k, "da").map(Double.init), b = Fixtures.uniform(k * n, "db").map(Double.init)
                var c = [Double](repeating: 1, count: m * n)
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            dgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 2, a: pa.baseAddress!, lda: ta ? m : k,
                                  b: pb.baseAddress!, ldb: tb ? k : n, beta: 1, c: pc.baseAddress!, ldc: n)
                        }
                    }
                }
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0
                        for p in 0..<k { sum += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]) }
                        expectClose(c[i * n + j], 1 + 2 * sum, absolute: 1e-12 * Double(k + 1), relative: 1e-13)
                    }
                }
            }
        }
    }

    @Test func blasBackendIsOptIn() {
        #expect(Numerics.backend == .reference, "the default backend must be glr's own kernels")
        #expect(EngineThreading.isReference)
        #expect(EngineThreading.machineSpecificTag == nil)
    }

    /// The whole network's result does not depend on how many threads run its two shards.
    @Test func trainingStepIsIndependentOfThreadCount() {
        func train(threads: Int) -> [Float] {
            let saved = EngineThreading.workers
            EngineThreading.workers = threads
            defer { EngineThreading.workers = saved }
            var rng = RandomStream(seed: 5).derived("init")
            let net = Sequential.referenceCNN(rng: &rng)
            let sgd = SGD(parameters: net.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
            let x = Tensor(shape: [48, 1, 28, 28], data: Fixtures.uniform(48 * 784, "threads-x"))
            let y = (0..<48).map { Int32($0 % 10) }
            for _ in 0..<3 {
                let logits = net.forward(x)
                net.zeroGrad()
                net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
                sgd.step()
            }
            return net.parameters.flatMap { $0.value }
        }
        let one = train(threads: 1), two = train(threads: 2), four = train(threads: 4)
        #expect(one.map(\.bitPattern) == two.map(\.bitPattern))
        #expect(four.map(\.bitPattern) == two.map(\.bitPattern))
    }
}
