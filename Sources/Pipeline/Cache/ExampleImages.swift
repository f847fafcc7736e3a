import Foundation

/// Example images of a benchmark's experiences, as cached (binary property list).
struct ExampleImages: Codable {
    struct Group: Codable { var label: String; var images: [[Float]]; var height: Int; var width: Int }
    var groups: [Group]

    init(_ tuples: [(label: String, images: [[Float]], height: Int, width: Int)]) {
        groups = tuples.map { Group(label: $0.label, images: $0.images, height: $0.height, width: $0.width) }
    }

    init(decoding bytes: [UInt8]) throws {
        self = try PropertyListDecoder().decode(ExampleImages.self, from: Data(bytes))
    }

    func encoded() throws -> [UInt8] {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return [UInt8](try encoder.encode(self))
    }

    var tuples: [(label: String, images: [[Float]], height: Int, width: Int)] {
        groups.map { (label: $0.label, images: $0.images, height: $0.height, width: $0.width) }
    }
}
