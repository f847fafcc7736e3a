/// Why a generator could not be fitted or decoded.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    /// `kind` names a generator family glr does not have.
    case unknownKind(String)
    /// The latents array does not hold `labels` rows of `dimension` values.
    case shapeMismatch(latentCount: Int, labelCount: Int, dimension: Int)
    /// No training latents at all.
    case emptyData
    /// A component count (or a BIC candidate list) that cannot be fitted.
    case invalidComponents(String)
    /// VAE settings that cannot be trained (a non-positive size, epoch count or rate).
    case invalidSettings(String)
    /// A covariance estimate that is not positive definite even after regularisation.
    case notPositiveDefinite(component: Int)
    /// Encoded bytes that are not a generator of this version: `reason` says where it broke.
    case corruptEncoding(String)
    /// Encoded bytes of a generator with another covariance or label scheme than the spec's.
    case specMismatch(String)

    public var description: String {
        switch self {
        case .unknownKind(let kind):
            return "unknown generator kind '\(kind)': use kind: \(GeneratorSpec.kinds.joined(separator: " or kind: "))"
        case let .shapeMismatch(latentCount, labelCount, dimension):
            return "latents hold \(latentCount) values but \(labelCount) labels × dimension \(dimension) = \(labelCount * dimension) were expected: pass one label per latent row"
        case .emptyData:
            return "no latents to fit a generator to: the experience has no training samples"
        case .invalidComponents(let why):
            return "invalid component count: \(why); use a positive number or bic:1,2,5,10"
        case .invalidSettings(let why):
            return "invalid VAE settings: \(why)"
        case .notPositiveDefinite(let k):
            return "covariance of component \(k) is not positive definite: raise reg_covar or use covariance: diag"
        case .corruptEncoding(let why):
            return "corrupt generator encoding: \(why); discard the checkpoint and refit"
        case .specMismatch(let why):
            return "encoded generator does not match the spec: \(why)"
        }
    }
}
