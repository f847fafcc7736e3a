import Engine

/// The GLR authors' generator: one Gaussian mixture with one component per class, initialised at
/// the class means (variance 1, uniform weights) and fitted by EM without labels; a sample's
/// label is the class whose mean initialised the component it was drawn from.
///
/// Labels therefore agree with the true class only as far as the components stayed with their
/// classes (the peer measured 52-66%).
public struct ComponentLabelledMixture: LatentGenerator, Hashable {
    /// Label of component k: the class whose mean initialised it (ascending classes).
    public let classes: [Int32]
    /// The mixture (K = classes.count components).
    public let mixture: GaussianMixture

    /// A generator from its parts.
    public init(classes: [Int32], mixture: GaussianMixture) {
        precondition(classes.count == mixture.componentCount, "ComponentLabelledMixture needs one class per component")
        self.classes = classes
        self.mixture = mixture
    }

    /// Latent dimension D.
    public var dimension: Int { mixture.dimension }

    public func sample(count: Int, rng: inout RandomStream) -> (latents: [Float], labels: [Int32]) {
        let d = dimension
        var latents = [Float](repeating: 0, count: count * d)
        var labels = [Int32](repeating: 0, count: count)
        latents.withUnsafeMutableBufferPointer { lp in
            for i in 0..<count {
                let component = mixture.drawComponent(&rng)
                mixture.writeSample(component: component, rng: &rng, into: lp.baseAddress! + i * d)
                labels[i] = classes[component]
            }
        }
        return (latents, labels)
    }

    /// log p(z) of the mixture.
    public func logLikelihood(_ latents: [Float]) -> [Double] { mixture.logLikelihood(latents) }

    /// log p(z): labels are not used, since components are not classes.
    public func logLikelihood(_ latents: [Float], labels: [Int32]) -> [Double] { mixture.logLikelihood(latents) }

    /// 8 bytes per kept value (weights, means, covariance terms).
    public var storageBytes: Int { 4 * mixture.storedValueCount }

    public func encoded() -> [UInt8] {
        var encoder = GeneratorEncoder()
        encoder.appendHeader(scheme: .component, covariance: mixture.covariance, dimension: dimension, classes: classes)
        encoder.append(mixture)
        return encoder.bytes
    }
}
