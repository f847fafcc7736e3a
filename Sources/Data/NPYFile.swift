// NumPy .npy files: a magic string, a version, a Python-dict header, then raw data.
//
// Layout (format 1.0): "\x93NUMPY", major 1, minor 0, header length (UInt16 LE), then an
// ASCII dict such as {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
// padded with spaces and a final newline so the data starts at a multiple of 64 bytes.
// Versions 2.0 and 3.0 differ only in a UInt32 header length (and UTF-8 for 3.0).

import Foundation

/// Reads and writes NumPy .npy files (format 1.0, little-endian, C order): float32 and int32 arrays.
public enum NPYFile {
    /// Writes float32 values with `shape` (C order) as a format-1.0 .npy file.
    /// - Throws: `DataError.npy` when the shape does not match the count or the file cannot be written.
    public static func write(_ values: [Float], shape: [Int], to url: URL) throws {
        let payload = values.withUnsafeBufferPointer { Data(buffer: $0) }
        try write(payload, count: values.count, descr: "<f4", shape: shape, to: url)
    }

    /// Writes int32 values with `shape` (C order) as a format-1.0 .npy file.
    public static func write(_ values: [Int32], shape: [Int], to url: URL) throws {
        let payload = values.withUnsafeBufferPointer { Data(buffer: $0) }
        try write(payload, count: values.count, descr: "<i4", shape: shape, to: url)
    }

    /// Reads a float32 array; float64 ('<f8') is accepted and converted to Float.
    /// - Returns: the values in C order and the shape ([] for a scalar).
    /// - Throws: `DataError.npy` naming the file for a bad header, an unsupported dtype,
    ///   Fortran order, or a truncated file.
    public static func readFloat32(_ url: URL) throws -> (values: [Float], shape: [Int]) {
        let (header, data) = try read(url)
        switch header.descr {
        case "<f4": return (decode(data, as: Float.self, count: header.count), header.shape)
        case "<f8": return (decode(data, as: Double.self, count: header.count).map { Float($0) }, header.shape)
        default:
            throw DataError.npy(path: url.path, reason: "holds dtype '\(header.descr)', expected float32 ('<f4') or float64 ('<f8'); convert with arr.astype(np.float32)")
        }
    }

    /// Reads an int32 array; int64 ('<i8') is accepted and converted when every value fits.
    public static func readInt32(_ url: URL) throws -> (values: [Int32], shape: [Int]) {
        let (header, data) = try read(url)
        switch header.descr {
        case "<i4": return (decode(data, as: Int32.self, count: header.count), header.shape)
        case "<i8":
            let wide = decode(data, as: Int64.self, count: header.count)
            var values = [Int32](repeating: 0, count: wide.count)
            for (i, v) in wide.enumerated() {
                guard let narrow = Int32(exactly: v) else {
                    throw DataError.npy(path: url.path, reason: "value \(v) at index \(i) does not fit in int32")
                }
                values[i] = narrow
            }
            return (values, header.shape)
        default:
            throw DataError.npy(path: url.path, reason: "holds dtype '\(header.descr)', expected int32 ('<i4') or int64 ('<i8'); convert with arr.astype(np.int32)")
        }
    }

    // MARK: - Writing

    static func write(_ payload: Data, count: Int, descr: String, shape: [Int], to url: URL) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == count else {
            throw DataError.npy(path: url.path, reason: "shape \(shape) holds \(shape.reduce(1, *)) values but \(count) were given")
        }
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad so that magic (6) + version (2) + length (2) + header is a multiple of 64, ending in '\n'.
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(dict.utf8.count)
        bytes.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        bytes.append(contentsOf: Array(dict.utf8))
        bytes.append(payload)
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw DataError.npy(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    // MARK: - Reading

    /// The parsed header: dtype string, shape and element count.
    struct Header {
        var descr: String
        var shape: [Int]
        var count: Int { shape.reduce(1, *) }
    }

    static func read(_ url: URL) throws -> (Header, Data) {
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw DataError.npy(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        let b = [UInt8](bytes.prefix(12))
        guard b.count >= 10, b[0] == 0x93, Array(b[1..<6]) == Array("NUMPY".utf8) else {
            throw DataError.npy(path: url.path, reason: "is not a NumPy .npy file (no \\x93NUMPY magic)")
        }
        let major = b[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(b[8]) | Int(b[9]) << 8
            headerStart = 10
        case 2, 3:
            guard b.count >= 12 else { throw DataError.npy(path: url.path, reason: "ends inside its header") }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
            headerStart = 12
        default:
            throw DataError.npy(path: url.path, reason: "has .npy format version \(major).\(b[7]); only 1.0, 2.0 and 3.0 are supported")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw DataError.npy(path: url.path, reason: "ends inside its header")
        }
        let text = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let header = try parseHeader(text, path: url.path)
        let dataStart = headerStart + headerLength
        let width = header.descr.hasSuffix("8") ? 8 : 4
        let expected = header.count * width
        guard bytes.count - dataStart >= expected else {
            throw DataError.npy(path: url.path, reason: "is truncated: shape \(header.shape) needs \(expected) data bytes but the file has \(bytes.count - dataStart)")
        }
        return (header, bytes.subdata(in: dataStart..<(dataStart + expected)))
    }

    /// Parses the Python dict literal of a header: 'descr', 'fortran_order', 'shape'.
    static func parseHeader(_ text: String, path: String) throws -> Header {
        func value(of key: String) -> Substring? {
            for quote in ["'", "\""] {
                if let range = text.range(of: quote + key + quote) {
                    var rest = text[range.upperBound...].drop { $0 == " " }
                    guard rest.first == ":" else { return nil }
                    rest = rest.dropFirst().drop { $0 == " " }
                    return rest
                }
            }
            return nil
        }
        guard let descrRest = value(of: "descr"), let quote = descrRest.first, quote == "'" || quote == "\"",
              let end = descrRest.dropFirst().firstIndex(of: quote) else {
            throw DataError.npy(path: path, reason: "header has no 'descr': \(text)")
        }
        var descr = String(descrRest[descrRest.index(after: descrRest.startIndex)..<end])
        // Single-byte and native-order markers: '=' means native, which is little-endian here.
        if descr.hasPrefix("=") { descr = "<" + descr.dropFirst() }
        if let fortran = value(of: "fortran_order"), fortran.hasPrefix("True") {
            throw DataError.npy(path: path, reason: "is in Fortran order; save it with np.ascontiguousarray(arr)")
        }
        guard let shapeRest = value(of: "shape"), shapeRest.first == "(", let close = shapeRest.firstIndex(of: ")") else {
            throw DataError.npy(path: path, reason: "header has no 'shape' tuple: \(text)")
        }
        let inner = shapeRest[shapeRest.index(after: shapeRest.startIndex)..<close]
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "L", with: "")
            if trimmed.isEmpty { continue }
            guard let dimension = Int(trimmed), dimension >= 0 else {
                throw DataError.npy(path: path, reason: "header shape has a bad dimension '\(trimmed)': \(text)")
            }
            shape.append(dimension)
        }
        if descr.hasPrefix(">") {
            throw DataError.npy(path: path, reason: "is big-endian ('\(descr)'); save it little-endian with arr.astype(arr.dtype.newbyteorder('<'))")
        }
        return Header(descr: descr, shape: shape)
    }

    static func decode<T>(_ data: Data, as type: T.Type, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = data.copyBytes(to: buffer)
            initialized = count
        }
    }
}
