import Continual
import Data
import Engine

extension StreamConfiguration {
    /// Sets the parameter `name` from a value checked against `ParameterSchema.runKeys`.
    /// Unknown names and unconvertible values are ignored (the schema check comes first).
    public mutating func set(_ name: String, _ value: ParameterValue) {
        func int() -> Int? { if case .int(let v) = value { return v } else { return nil } }
        func float() -> Float? { value.number.map { Float($0) } }
        func word() -> String? { if case .string(let s) = value { return s } else { return nil } }
        switch name {
        case "benchmark": if let w = word(), let v = BenchmarkKind(rawValue: w) { benchmark = v }
        case "dataset": if let w = word() { dataset = w }
        case "experiences": if let v = int() { experiences = v }
        case "seed": if let v = int(), v >= 0 { seed = UInt64(v) }
        case "epochs": if let v = int() { epochs = v }
        case "batch_size": if let v = int() { batchSize = v }
        case "lr": if let v = float() { learningRate = v }
        case "momentum": if let v = float() { momentum = v }
        case "weight_decay": if let v = float() { weightDecay = v }
        case "train_size": trainSize = int()
        case "test_size": testSize = int()
        case "strategy": if let w = word(), let v = StrategyKind(rawValue: w) { strategy = v }
        case "buffer_size": if let v = int() { bufferSize = v }
        case "sampling": if let w = word(), let v = SamplingPolicy(rawValue: w) { sampling = v }
        case "window": window = int()
        case "ewc_lambda": if let v = float() { ewcLambda = v }
        case "freeze_depth": if let w = word(), let v = FreezeDepth(rawValue: w) { freezeDepth = v }
        case "resample": if case .bool(let b) = value { resample = b }
        case "generator": generator = GeneratorValue.spec(value, base: generator)
        case "model": if let w = word() { model = w }
        case "interpolation": if let w = word(), let v = Interpolation(rawValue: w) { interpolation = v }
        default: break
        }
    }

    /// The value of the parameter `name` (`.null` for an unknown name or an unset optional).
    public func parameterValue(_ name: String) -> ParameterValue {
        func optional(_ v: Int?) -> ParameterValue { v.map { .int($0) } ?? .null }
        switch name {
        case "benchmark": return .string(benchmark.rawValue)
        case "dataset": return .string(dataset)
        case "experiences": return .int(experiences)
        case "seed": return .int(Int(truncatingIfNeeded: seed))
        case "epochs": return .int(epochs)
        case "batch_size": return .int(batchSize)
        case "lr": return .double(Self.decimal(learningRate))
        case "momentum": return .double(Self.decimal(momentum))
        case "weight_decay": return .double(Self.decimal(weightDecay))
        case "train_size": return optional(trainSize)
        case "test_size": return optional(testSize)
        case "strategy": return .string(strategy.rawValue)
        case "buffer_size": return .int(bufferSize)
        case "sampling": return .string(sampling.rawValue)
        case "window": return optional(window)
        case "ewc_lambda": return .double(Self.decimal(ewcLambda))
        case "freeze_depth": return .string(freezeDepth.rawValue)
        case "resample": return .bool(resample)
        case "generator": return GeneratorValue.value(generator)
        case "model": return .string(model)
        case "interpolation": return .string(interpolation.rawValue)
        default: return .null
        }
    }

    /// This configuration with every parameter its strategy does not read reset to the
    /// default, so that e.g. `buffer_size` never changes a naive run's cache key.
    ///
    /// Read by strategy: buffer_size, sampling, window by replay, latent-replay and glr;
    /// freeze_depth by latent-replay and glr; generator and resample by glr; ewc_lambda by ewc;
    /// interpolation only by the rotated benchmark.
    public var resultRelevant: StreamConfiguration {
        let d = StreamConfiguration()
        var c = self
        let buffered: Set<StrategyKind> = [.replay, .latentReplay, .glr]
        if !buffered.contains(strategy) { c.bufferSize = d.bufferSize; c.sampling = d.sampling; c.window = d.window }
        if strategy != .latentReplay && strategy != .glr { c.freezeDepth = d.freezeDepth }
        if strategy != .glr { c.generator = d.generator; c.resample = d.resample }
        if strategy != .ewc { c.ewcLambda = d.ewcLambda }
        if benchmark != .rotated { c.interpolation = d.interpolation }
        return c
    }
}

extension StreamConfiguration {
    /// A Float as the Double of its shortest decimal text (0.01, not 0.009999999776…).
    static func decimal(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }
}
