import Foundation

/// Example images of a benchmark's experiences, as cached (binary property list). The field
/// names of `ExperienceExamples` are the stored keys, so entries written earlier still decode.
struct ExampleImages: Codable {
    var groups: [ExperienceExamples]

    init(_ groups: [ExperienceExamples]) { self.groups = groups }

    init(decoding bytes: [UInt8]) throws {
        self = try PropertyListDecoder().decode(ExampleImages.self, from: Data(bytes))
    }

    func encoded() throws -> [UInt8] {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return [UInt8](try encoder.encode(self))
    }
}
