/// Splits `--set KEY=VALUE` arguments (typing happens against the document's declarations).
public enum OverrideParser {
    /// KEY → VALUE text; a repeated key keeps the last value.
    /// - Throws: `DocumentError.malformedOverride` for an argument without `=`.
    public static func parse(_ arguments: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for argument in arguments {
            guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { throw DocumentError.malformedOverride(argument) }
            result[String(argument[..<eq]).trimmingCharacters(in: .whitespaces)] = String(argument[argument.index(after: eq)...])
        }
        return result
    }
}

import Foundation
