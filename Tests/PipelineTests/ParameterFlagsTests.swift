import Continual
import Foundation
import Pipeline
import TestSupport
import Testing

/// `glr stream` / `glr latents` take one flag per run parameter, with the document's
/// defaults and checks, and name the flag in every error.
@Suite(.removesTemporaryDirectories) struct ParameterFlagsTests {
    static func message(_ arguments: [String]) -> String {
        do {
            _ = try ParameterFlags.configuration(arguments)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test func noFlagsIsTheDocumentDefault() throws {
        #expect(try ParameterFlags.configuration([]) == StreamConfiguration())
    }

    @Test func everyParameterHasAFlagThatSetsIt() throws {
        let directory = try temporaryDirectory("glr-flags")
        for parameter in RunParameter.all {
            let value = RunParameterTableTests.otherValue(parameter)
            var text = ParameterValue(value).description
            if case .permutations(let list) = value {
                let file = directory.appendingPathComponent("p.json")
                try JSONSerialization.data(withJSONObject: ["permutations": list]).write(to: file)
                text = file.path
            }
            let c = try ParameterFlags.configuration([parameter.flag, text])
            #expect(parameter.value(in: c) == value, "\(parameter.flag) \(text)")
            #expect(try ParameterFlags.configuration(["\(parameter.flag)=\(text)"]) == c, "\(parameter.flag)=\(text)")
        }
    }

    @Test func flagsAreTheDocumentKeysWithDashes() {
        #expect(RunParameter.named("buffer_size")!.flag == "--buffer-size")
        #expect(RunParameter.named("dataset")!.flag == "--dataset")
        #expect(RunParameter.named("lr")!.flag == "--lr")
    }

    @Test func badValuesNameTheFlagOnce() {
        let momentum = Self.message(["--momentum", "1.5"])
        #expect(momentum.hasPrefix("--momentum 1.5: "))
        #expect(momentum.contains("not below 1"))
        #expect(Self.message(["--buffer-size", "-3"]).hasPrefix("--buffer-size -3: -3 is below 0"))
        #expect(Self.message(["--strategy", "glrr"]).contains("did you mean 'glr'?"))
        #expect(Self.message(["--experiences", "101"]).contains("above 100"))
        #expect(Self.message(["--generator", "{covarience: full}"]).contains("did you mean 'generator.covariance'?"))
        #expect(Self.message(["--bufer-size", "6"]).contains("did you mean --buffer-size?"))
        #expect(Self.message(["--seed"]) == "--seed needs a value")
        #expect(Self.message(["--permutations", "/no/such/file"]).hasPrefix("--permutations /no/such/file: no such file"))
    }

    @Test func earlierSpellingsStillWork() throws {
        let c = try ParameterFlags.configuration(["--data", "/d", "--no-resample", "--covariance", "full", "--components", "bic", "--label", "component"])
        #expect(c.dataset == "/d")
        #expect(c.resample == false)
        #expect(c.generator == GeneratorSpec(covariance: .full, components: .bic(ParameterSchema.defaultBICCandidates), label: .component))
        #expect(Self.message(["--components", "0"]).hasPrefix("--components 0: "))
    }

    @Test func helpListsEveryFlagWithItsDefault() {
        let help = ParameterFlags.help
        for parameter in RunParameter.all { #expect(help.contains("  \(parameter.flag) (default: "), "\(parameter.flag)") }
        #expect(help.contains("--strategy (default: naive)"))
        #expect(help.contains("--train-size (default: unset)"))
    }
}
