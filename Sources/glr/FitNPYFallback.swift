import Foundation

/// Temporary minimal .npy reader for `glr fit` until Data.NPYFile lands (float32/float64, int32/int64, C order).
enum NPYFile {
    static func readFloat32(_ url: URL) throws -> (values: [Float], shape: [Int]) {
        let (descr, shape, body) = try parse(url)
        let n = shape.reduce(1, *)
        if descr == "<f4" { return (body.withUnsafeBytes { Array($0.bindMemory(to: Float.self).prefix(n)) }, shape) }
        if descr == "<f8" { return (body.withUnsafeBytes { $0.bindMemory(to: Double.self).prefix(n).map { Float($0) } }, shape) }
        throw CocoaError(.fileReadCorruptFile)
    }
    static func readInt32(_ url: URL) throws -> (values: [Int32], shape: [Int]) {
        let (descr, shape, body) = try parse(url)
        let n = shape.reduce(1, *)
        if descr == "<i4" { return (body.withUnsafeBytes { Array($0.bindMemory(to: Int32.self).prefix(n)) }, shape) }
        if descr == "<i8" { return (body.withUnsafeBytes { $0.bindMemory(to: Int64.self).prefix(n).map { Int32($0) } }, shape) }
        throw CocoaError(.fileReadCorruptFile)
    }
    private static func parse(_ url: URL) throws -> (String, [Int], Data) {
        let data = try Data(contentsOf: url)
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        let descr = header.components(separatedBy: "'descr': '")[1].prefix(3)
        let shapeText = header.components(separatedBy: "'shape': (")[1].components(separatedBy: ")")[0]
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (String(descr), shape, data.subdata(in: (10 + headerLength)..<data.count))
    }
}
