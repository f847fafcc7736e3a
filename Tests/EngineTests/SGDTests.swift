import Engine
import Testing
import TestSupport

/// SGD against updates computed by hand with PyTorch's rule:
/// g = grad + wd·w; v = g (first step) else momentum·v + g; w ← w − lr·v.
@Suite struct SGDTests {
    @Test func twoStepsMatchHandComputedPyTorchRule() {
        let p = Parameter(name: "w", shape: [2], value: [1.0, -2.0])
        let sgd = SGD(parameters: [p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        // Step 1: grad (0.5, 0.25). g = (0.5 + 0.01, 0.25 − 0.02) = (0.51, 0.23); v = g;
        // w = (1 − 0.051, −2 − 0.023) = (0.949, −2.023).
        p.grad = [0.5, 0.25]
        sgd.step()
        expectClose(p.value, [0.949, -2.023], absolute: 1e-6)
        expectClose(sgd.velocities[0], [0.51, 0.23], absolute: 1e-6)
        // Step 2: grad (−1, 0). g = (−1 + 0.00949, −0.02023) = (−0.99051, −0.02023);
        // v = 0.9·(0.51, 0.23) + g = (−0.53151, 0.18677); w = (0.949 + 0.053151, −2.023 − 0.018677).
        p.grad = [-1, 0]
        sgd.step()
        expectClose(sgd.velocities[0], [-0.53151, 0.18677], absolute: 1e-6)
        expectClose(p.value, [1.002151, -2.041677], absolute: 1e-6)
    }

    @Test func withoutMomentumIsPlainDecayedStep() {
        let p = Parameter(name: "w", shape: [1], value: [2.0])
        let sgd = SGD(parameters: [p], learningRate: 0.5, momentum: 0, weightDecay: 0.1)
        p.grad = [1]
        sgd.step()
        // w = 2 − 0.5·(1 + 0.2) = 1.4
        expectClose(p.value, [1.4], absolute: 1e-6)
        #expect(sgd.velocities[0].isEmpty)
    }

    @Test func checkpointRestoresMomentum() throws {
        let p = Parameter(name: "w", shape: [3], value: [1, 2, 3])
        let a = SGD(parameters: [p], learningRate: 0.1, momentum: 0.9)
        p.grad = [1, 1, 1]
        a.step()
        let b = SGD(parameters: [p], learningRate: 0.1, momentum: 0.9)
        try b.load(arrays: a.checkpointArrays())
        #expect(b.velocities == a.velocities)
        #expect(throws: CheckpointError.self) { try b.load(arrays: ["velocity.0": [1]]) }
    }
}
