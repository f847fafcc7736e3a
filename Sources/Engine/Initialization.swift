// PyTorch's default initialisation for Linear and Conv2d.
// weight: kaiming_uniform_(a = √5) ⇒ gain = √(2/(1+a²)) = √(1/3), bound = gain·√(3/fan_in)
//         = 1/√fan_in; bias: U(−1/√fan_in, 1/√fan_in). fan_in = in features, or Cin·kh·kw.

/// `count` draws from U(−1/√fanIn, 1/√fanIn): PyTorch's default for Linear/Conv2d weights
/// (kaiming_uniform with a = √5) and biases.
public func kaimingUniform(count: Int, fanIn: Int, rng: inout RandomStream) -> [Float] {
    precondition(fanIn > 0, "kaimingUniform needs a positive fan-in, got \(fanIn)")
    let bound = Float(1.0 / Double(fanIn).squareRoot())
    var values = [Float](repeating: 0, count: count)
    for i in 0..<count { values[i] = rng.nextUniform(-bound, bound) }
    return values
}
