import Continual
import Data

/// Plan-time checks of a resolved run (its parameters in force plus its own), so that
/// nothing the plan could have caught fails mid-render. Each key's own range is checked by
/// its `ValueType`; these are the checks that involve several keys or the dataset:
///
/// - `batch_size` ≤ the images of an experience (`train_size` when set, else the dataset's):
///   a larger minibatch only allocates memory it cannot fill. The runner clamps a minibatch
///   to the experience, so values up to the default (64) stay valid on tiny data;
/// - `train_size` / `test_size` ≤ the images an experience has (the benchmark's check);
/// - split: `experiences` ≤ classes / 2 (the benchmark's check);
/// - memory: rotated and permuted benchmarks hold every experience's images as Float32,
///   experiences × (train + test) × pixels × 4 bytes, at most `memoryBudget`;
/// - `model: cnn` needs 28×28 images (the runner's `makeNetwork` check);
/// - then the runner's and the strategy's own checks (`StreamRunner.validate`,
///   `StreamRunner.makeStrategy`), called here exactly as the render calls them.
enum RunChecks {
    /// The most bytes of benchmark images a run may hold (16 GiB).
    static let memoryBudget = 16 << 30

    /// The first problem with a run's configuration, as (key, problem), nil when none.
    static func problem(_ c: StreamConfiguration, shape: DatasetShape?) -> (key: String, problem: String)? {
        var available: (train: Int, test: Int)?
        if let shape {
            if c.model == "cnn", let h = shape.height, let w = shape.width, h != 28 || w != 28 {
                return ("model", "the reference CNN takes 28×28 images, the dataset has \(h)×\(w); use model: mlp")
            }
            let classes = shape.classes.count
            if c.benchmark == .split, c.experiences > classes / 2 {
                return ("experiences", "a split benchmark holds two classes per experience, so the dataset's \(classes) classes allow at most \(classes / 2) experiences, not \(c.experiences)")
            }
            available = shape.perExperience(c.benchmark, experiences: c.experiences)
            if let n = c.trainSize, n > available!.train {
                return ("train_size", "\(n) is more than the \(available!.train) training images an experience has; use at most \(available!.train) or leave it unset")
            }
            if let n = c.testSize, n > available!.test {
                return ("test_size", "\(n) is more than the \(available!.test) test images an experience has; use at most \(available!.test) or leave it unset")
            }
        }
        if let train = c.trainSize ?? available?.train, c.batchSize > max(train, StreamConfiguration().batchSize) {
            return ("batch_size", "\(c.batchSize) is larger than the \(train) training images of an experience; a minibatch cannot hold more")
        }
        if c.benchmark != .split, let available {
            let images = (c.trainSize ?? available.train) + (c.testSize ?? available.test)
            let (perExperience, o1) = images.multipliedReportingOverflow(by: (shape?.pixels ?? 784) * 4)
            let (bytes, o2) = perExperience.multipliedReportingOverflow(by: c.experiences)
            if o1 || o2 || bytes > memoryBudget {
                return ("experiences", "\(c.experiences) experiences of \(images) images need about \(o1 || o2 ? "more than 2^63" : String(bytes >> 30)) GiB; the limit is \(memoryBudget >> 30) GiB: lower `experiences`, `train_size` or `test_size`")
            }
        }
        do {
            try StreamRunner.validate(c)
            _ = try StreamRunner.makeStrategy(c)
        } catch let StreamError.invalidSetting(name, _, reason) {
            return (name, reason)
        } catch {
            return ("strategy", "\(error)")
        }
        return nil
    }
}
