import ArgumentParser
import Foundation
import Pipeline

/// `glr params`: List an experiment file's parameters, types and defaults.
struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params",
        abstract: "List an experiment file's parameters, types and defaults.",
        discussion: "With FILE: the parameters its first `params` cell declares (overridable with `glr render --set`). With --all: every key of every cell kind.")

    @Argument(help: "An experiment file (experiments/NAME.md).")
    var file: String?

    @Flag(help: "Print every key each cell kind accepts, with type, default and doc.")
    var all = false

    func run() throws {
        if all || file == nil {
            print(ParameterListing.schema())
            return
        }
        do {
            let document = try DocumentParser.parse(path: file!)
            print(try ParameterListing.document(document))
        } catch let error as DocumentError {
            throw ValidationError(error.description)
        }
    }
}
