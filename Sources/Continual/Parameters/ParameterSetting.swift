import Data
import Engine

/// The value of one run parameter as the parameter table reads and writes it, independent
/// of how a document or a flag spells it (the pipeline converts it to and from YAML values).
public enum ParameterSetting: Hashable, Sendable {
    /// Unset (an optional parameter's "all").
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A 32-bit float.
    case float(Float)
    /// A word or a text (choices are words).
    case text(String)
    /// A generator specification.
    case generator(GeneratorSpec)
    /// Pixel permutations, one per experience.
    case permutations([[Int]])
}

/// A type a `StreamConfiguration` field may have: convertible to and from a `ParameterSetting`.
public protocol ParameterField {
    /// The field's value as a setting.
    var setting: ParameterSetting { get }
    /// The value a setting describes; nil when it is of another type.
    init?(setting: ParameterSetting)
}

extension Int: ParameterField {
    public var setting: ParameterSetting { .int(self) }
    public init?(setting: ParameterSetting) { guard case .int(let v) = setting else { return nil }; self = v }
}

/// A seed: the document writes it as a non-negative integer.
extension UInt64: ParameterField {
    public var setting: ParameterSetting { .int(Int(truncatingIfNeeded: self)) }
    public init?(setting: ParameterSetting) { guard case .int(let v) = setting, v >= 0 else { return nil }; self = UInt64(v) }
}

extension Float: ParameterField {
    public var setting: ParameterSetting { .float(self) }
    public init?(setting: ParameterSetting) { guard case .float(let v) = setting else { return nil }; self = v }
}

extension Bool: ParameterField {
    public var setting: ParameterSetting { .bool(self) }
    public init?(setting: ParameterSetting) { guard case .bool(let v) = setting else { return nil }; self = v }
}

extension String: ParameterField {
    public var setting: ParameterSetting { .text(self) }
    public init?(setting: ParameterSetting) { guard case .text(let v) = setting else { return nil }; self = v }
}

/// An optional field: `.null` is nil.
extension Optional: ParameterField where Wrapped: ParameterField {
    public var setting: ParameterSetting { map(\.setting) ?? .null }
    public init?(setting: ParameterSetting) {
        if case .null = setting { self = .none; return }
        guard let v = Wrapped(setting: setting) else { return nil }
        self = .some(v)
    }
}

extension GeneratorSpec: ParameterField {
    public var setting: ParameterSetting { .generator(self) }
    public init?(setting: ParameterSetting) { guard case .generator(let v) = setting else { return nil }; self = v }
}

extension Array: ParameterField where Element == [Int] {
    public var setting: ParameterSetting { .permutations(self) }
    public init?(setting: ParameterSetting) { guard case .permutations(let v) = setting else { return nil }; self = v }
}

/// A choice among words: the raw value is the word.
public protocol WordField: ParameterField, RawRepresentable, CaseIterable where RawValue == String {}

extension WordField {
    public var setting: ParameterSetting { .text(rawValue) }
    public init?(setting: ParameterSetting) { guard case .text(let w) = setting else { return nil }; self.init(rawValue: w) }
    /// Every word, for the parameter's domain.
    public static var words: [String] { allCases.map(\.rawValue) }
}

extension BenchmarkKind: WordField {}
extension Interpolation: WordField {}
extension StrategyKind: WordField {}
extension SamplingPolicy: WordField {}
extension FreezeDepth: WordField {}
