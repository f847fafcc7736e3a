import Data
import Engine

extension RunParameter {
    /// Every run parameter, in the order `glr params --all` and `glr stream --help` list them.
    /// Adding a parameter: add its stored field to `StreamConfiguration` and one line here
    /// (docs/ARCHITECTURE.md, "How to add …"). The name is also the field's coding key.
    public static let all: [RunParameter] = {
        let buffered: Set<StrategyKind> = [.replay, .latentReplay, .glr]
        let latent: Set<StrategyKind> = [.latentReplay, .glr]
        let L = ParameterLimits.self
        return [
            RunParameter("benchmark", \.benchmark, .choice(BenchmarkKind.words), role: .benchmark(), "continual benchmark built from the dataset"),
            RunParameter("dataset", \.dataset, .text, role: .benchmark(), "`fashion-mnist` or a directory of MNIST-format IDX files"),
            RunParameter("experiences", \.experiences, .integer(minimum: 1, maximum: L.maxExperiences), role: .benchmark(), "number of experiences (tasks)"),
            RunParameter("seed", \.seed, .integer(minimum: 0), role: .benchmark(), "root seed; every random stream of a run derives from it by purpose"),
            RunParameter("epochs", \.epochs, .integer(minimum: 1, maximum: L.maxEpochs), role: .training, "epochs per experience"),
            RunParameter("batch_size", \.batchSize, .integer(minimum: 1, maximum: L.maxImages), role: .training, "minibatch size"),
            RunParameter("lr", \.learningRate, .float(FloatInterval(lower: 0, lowerOpen: true)), role: .training, "SGD learning rate"),
            RunParameter("momentum", \.momentum, .float(FloatInterval(lower: 0, upperOpen: 1)), role: .training, "SGD momentum"),
            RunParameter("weight_decay", \.weightDecay, .float(FloatInterval(lower: 0)), role: .training, "SGD weight decay (L2, PyTorch's rule)"),
            RunParameter("train_size", \.trainSize, .optionalInteger(minimum: 1, maximum: L.maxImages), role: .benchmark(),
                         "training images per experience (null: all)"),
            RunParameter("test_size", \.testSize, .optionalInteger(minimum: 1, maximum: L.maxImages), role: .benchmark(),
                         "test images per experience (null: all)"),
            RunParameter("strategy", \.strategy, .choice(StrategyKind.words), role: .strategyChoice,
                         "continual-learning strategy; joint is the offline upper bound (one network trained once on all experiences, "
                         + "evaluated once: no forgetting, BWT or FWT), cumulative retrains on everything seen so far at each experience"),
            RunParameter("buffer_size", \.bufferSize, .integer(minimum: 0, maximum: L.maxBuffer), role: .strategySetting(readBy: buffered),
                         "replay buffer capacity M (examples, latents or generated samples)"),
            RunParameter("sampling", \.sampling, .choice(SamplingPolicy.words), role: .strategySetting(readBy: buffered),
                         "how the buffer is shared between earlier experiences"),
            RunParameter("window", \.window, .optionalInteger(minimum: 1, maximum: L.maxExperiences), role: .strategySetting(readBy: buffered),
                         "keep only the last N experiences in the buffer (null: all)"),
            RunParameter("ewc_lambda", \.ewcLambda, .float(FloatInterval(lower: 0)), role: .strategySetting(readBy: [.ewc]), "EWC penalty strength λ"),
            RunParameter("freeze_depth", \.freezeDepth, .choice(FreezeDepth.words), role: .strategySetting(readBy: latent),
                         "latent layer for latent replay and GLR"),
            RunParameter("resample", \.resample, .boolean, role: .strategySetting(readBy: [.glr]), "GLR: draw fresh generated latents at every experience"),
            RunParameter("generator", \.generator, .generator, role: .strategySetting(readBy: [.glr]), "GLR: generator fitted per experience"),
            RunParameter("model", \.model, .choice(["cnn", "mlp"]), role: .training, "network: the reference CNN or an MLP"),
            RunParameter("interpolation", \.interpolation, .choice(Interpolation.words), role: .benchmark(readBy: [.rotated]),
                         "rotation interpolation of the rotated benchmark"),
            RunParameter("permutations", \.permutations, .permutationFile, role: .benchmark(readBy: [.permuted]), inDocuments: false,
                         "permuted benchmark: a JSON file of pixel permutations used instead of drawing them from the seed (a list of "
                         + "lists, or an object whose \"permutations\" key holds one: one permutation of 0..<784 per experience, "
                         + "output pixel j = input pixel p[j])"),
        ]
    }()
}
