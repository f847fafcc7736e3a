import Continual
import Foundation

/// The run parameters as the command-line flags of `glr stream` and `glr latents`: one flag
/// per parameter of `RunParameter.all`, named after its document key (`buffer_size` is
/// `--buffer-size VALUE`, `--buffer-size=VALUE` also works), with the document's defaults
/// and checks; a bad value is reported once, naming the flag.
public enum ParameterFlags {
    /// Spellings of earlier versions, still accepted but not listed: the parameter each sets
    /// and the value written as that parameter's value.
    static let aliases: [String: (parameter: String, value: (String) -> String)] = [
        "--data": ("dataset", { $0 }),
        "--covariance": ("generator", { "{covariance: \($0)}" }),
        "--components": ("generator", { "{components_per_class: \($0)}" }),
        "--label": ("generator", { "{label: \($0)}" }),
    ]
    /// Earlier valueless flags: the parameter each sets and its value.
    static let switches: [String: (parameter: String, value: String)] = ["--no-resample": ("resample", "false")]

    /// The configuration `arguments` (`--flag value` pairs) describe, every other parameter
    /// at its default.
    /// - Throws: `ParameterFlagError` naming the first unknown flag or bad value.
    public static func configuration(_ arguments: [String]) throws -> StreamConfiguration {
        var configuration = StreamConfiguration()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var flag = argument
            var attached: String?  // `--flag=value`
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            let name: String, text: String, written: String
            if let valueless = switches[flag], attached == nil {
                (name, text, written) = (valueless.parameter, valueless.value, "")
            } else {
                guard let value = attached ?? remaining.popFirst() else { throw ParameterFlagError("\(flag) needs a value") }
                if let alias = aliases[flag] {
                    (name, text, written) = (alias.parameter, alias.value(value), value)
                } else if let parameter = RunParameter.all.first(where: { $0.flag == flag }) {
                    (name, text, written) = (parameter.name, value, value)
                } else {
                    let hint = EditDistance.suggestion(for: flag, among: RunParameter.all.map(\.flag)).map { " (did you mean \($0)?)" } ?? ""
                    throw ParameterFlagError("unknown option '\(argument)'\(hint); `glr stream --help` lists the run parameters")
                }
            }
            let parameter = RunParameter.named(name)!
            let setting = try setting(of: parameter, text: text, flag: "\(flag) \(written)", base: parameter.value(in: configuration))
            parameter.set(setting, in: &configuration)
        }
        return configuration
    }

    /// The setting `text` gives `parameter`, checked as a document value is; `flag` (the flag
    /// and its value as written) begins every error message.
    static func setting(of parameter: RunParameter, text: String, flag: String, base: ParameterSetting) throws -> ParameterSetting {
        switch parameter.domain {
        case .text: return .text(text)  // a path: not read as YAML (`~`, `yes`)
        case .permutationFile: return .permutations(try readPermutations(text, flag: flag))
        default: break
        }
        guard let located = YAMLReader.located(text) else { throw ParameterFlagError("\(flag): the value is too large") }
        let checked: ParameterValue
        do {
            checked = try ValueType(parameter.domain).check(located, key: parameter.name, cell: flag)
        } catch DocumentError.badValue(_, _, _, let problem, let expected) {
            throw ParameterFlagError("\(flag): \(problem); expected \(expected)")
        } catch DocumentError.unknownKey(_, _, let key, let suggestion) {
            throw ParameterFlagError("\(flag): unknown key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        guard let setting = parameter.setting(checked, base: base) else { throw ParameterFlagError("\(flag): not accepted") }
        return setting
    }

    /// The permutations in a JSON file: a list of lists of integers, or an object with a
    /// "permutations" key holding one.
    static func readPermutations(_ path: String, flag: String) throws -> [[Int]] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ParameterFlagError("\(flag): no such file") }
        let json = try? JSONSerialization.jsonObject(with: data)
        guard let list = (json as? [[Int]]) ?? ((json as? [String: Any])?["permutations"] as? [[Int]]) else {
            throw ParameterFlagError("\(flag): expected a JSON list of integer lists, or an object whose \"permutations\" key holds one")
        }
        return list
    }

    /// Every flag with its default, accepted values and meaning, for `--help`.
    public static var help: String {
        var lines = ["Run parameters (a document's keys, with its defaults and checks; `glr params --all` explains them):"]
        for parameter in RunParameter.all {
            let accepted: String
            switch parameter.domain {
            case .permutationFile: accepted = "a JSON file"
            case .generator: accepted = "a mapping, e.g. '{kind: gmm, covariance: full}' (`glr params --all` lists its keys)"
            default: accepted = ValueType(parameter.domain).expected
            }
            let fallback = ParameterValue(parameter.defaultValue)
            lines.append("  \(parameter.flag) (default: \(fallback == .null ? "unset" : fallback.description)): \(parameter.doc)")
            lines.append("      \(accepted)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A bad run-parameter flag, described in a sentence that names the flag.
public struct ParameterFlagError: Error, CustomStringConvertible {
    /// The sentence.
    public let description: String

    init(_ description: String) { self.description = description }
}
