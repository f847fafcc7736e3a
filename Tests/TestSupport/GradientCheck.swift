// Finite-difference gradient checks, reporting the worst relative error per tensor
// (llm.c's test_gpt2.c style: OK / NOT OK with the largest difference).
import Engine

/// One tensor whose analytic gradient is checked: how to read and write its elements,
/// and the gradient the code under test computed.
public struct CheckedTensor {
    public let name: String
    public let count: Int
    public let read: (Int) -> Float
    public let write: (Int, Float) -> Void
    public let analytic: [Float]

    public init(name: String, count: Int, read: @escaping (Int) -> Float, write: @escaping (Int, Float) -> Void, analytic: [Float]) {
        self.name = name
        self.count = count
        self.read = read
        self.write = write
        self.analytic = analytic
    }

    /// A parameter's values against the gradient it holds now.
    public static func parameter(_ p: Parameter, name: String? = nil) -> CheckedTensor {
        CheckedTensor(name: name ?? p.name, count: p.count, read: { p.value[$0] }, write: { p.value[$0] = $1 }, analytic: p.grad)
    }
}

/// Worst relative error per tensor of a gradient check.
public struct GradientCheckReport: CustomStringConvertible {
    /// Per tensor: the worst relative error |a − n| / max(|a|, |n|, floor) and where it occurred.
    public var worst: [(name: String, relativeError: Double, index: Int, analytic: Double, numeric: Double)]

    /// The largest relative error over all tensors.
    public var maxRelativeError: Double { worst.map(\.relativeError).max() ?? 0 }

    /// One line per tensor: "OK"/"NOT OK" against `tolerance`, the worst error and its index.
    public func summary(tolerance: Double) -> String {
        worst.map { w in
            "\(w.relativeError <= tolerance ? "OK    " : "NOT OK") \(w.name): worst rel. error \(w.relativeError) at [\(w.index)] (analytic \(w.analytic), numeric \(w.numeric))"
        }.joined(separator: "\n")
    }

    public var description: String { summary(tolerance: .infinity) }
}

/// Compares each tensor's analytic gradient with central differences of `loss`:
/// n = (L(x + ε) − L(x − ε)) / 2ε per element (every element when count ≤ `maxElements`,
/// else an evenly spaced sample). Relative error = |a − n| / max(|a|, |n|, `floor`).
public func gradientCheck(_ tensors: [CheckedTensor], epsilon: Float = 1e-2, floor: Double = 1e-2, maxElements: Int = 400,
                          loss: () -> Double) -> GradientCheckReport {
    var report = GradientCheckReport(worst: [])
    for t in tensors {
        precondition(t.analytic.count == t.count, "gradientCheck: \(t.name) has \(t.count) elements but \(t.analytic.count) gradients")
        let stride = max(1, t.count / maxElements)
        var worst: (name: String, relativeError: Double, index: Int, analytic: Double, numeric: Double) = (t.name, 0, 0, 0, 0)
        var i = 0
        while i < t.count {
            let original = t.read(i)
            t.write(i, original + epsilon)
            let plus = loss()
            t.write(i, original - epsilon)
            let minus = loss()
            t.write(i, original)
            let numeric = (plus - minus) / (2 * Double(epsilon))
            let analytic = Double(t.analytic[i])
            let rel = abs(analytic - numeric) / max(abs(analytic), abs(numeric), floor)
            if rel > worst.relativeError || rel.isNaN { worst = (t.name, rel, i, analytic, numeric) }
            i += stride
        }
        report.worst.append(worst)
    }
    return report
}

/// Gradient check of a layer with the scalar loss L = Σ output ⊙ r for a fixed `r`
/// (so dL/doutput = r): checks dInput and every parameter.
public func gradientCheck(layer: Layer, input: Tensor, outputWeights r: [Float], epsilon: Float = 1e-2,
                          floor: Double = 1e-2) -> GradientCheckReport {
    var x = input
    let out = layer.forward(x)
    precondition(out.count == r.count, "gradientCheck(layer:): output has \(out.count) elements, weights \(r.count)")
    for p in layer.parameters { p.zeroGrad() }
    let dInput = layer.backward(Tensor(shape: out.shape, data: r)).data
    let loss: () -> Double = {
        let y = layer.forward(x)
        var s = 0.0
        for i in 0..<y.count { s += Double(y.data[i]) * Double(r[i]) }
        return s
    }
    var tensors = [CheckedTensor(name: "input", count: x.count, read: { x.data[$0] }, write: { x.data[$0] = $1 }, analytic: dInput)]
    tensors += layer.parameters.map { CheckedTensor.parameter($0) }
    return gradientCheck(tensors, epsilon: epsilon, floor: floor, loss: loss)
}
