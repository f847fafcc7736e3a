// IDX reader: valid raw and gzipped files, and every kind of broken file.

import Data
import Foundation
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct IDXFileTests {
    /// Builds an IDX header by hand (independently of IDXFile.encode).
    func header(_ magic: [UInt8], _ dims: [UInt32]) -> [UInt8] {
        var bytes = magic
        for d in dims { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
        return bytes
    }

    @Test(arguments: [false, true]) func readsValidImageFile(gzipped: Bool) throws {
        let dir = try temporaryDirectory()
        let values: [UInt8] = (0..<(3 * 4 * 5)).map { UInt8(($0 * 7) % 256) }
        var url = try writeFile(header([0, 0, 8, 3], [3, 4, 5]) + values, "images", in: dir)
        if gzipped {
            try gzipFile(url)
            url = dir.appendingPathComponent("images.gz")
        }
        let file = try IDXFile.read(url, magic: IDXFile.imagesMagic)
        #expect(file.dimensions == [3, 4, 5])
        #expect(file.values == values)
    }

    @Test func readsValidLabelFile() throws {
        let dir = try temporaryDirectory()
        let url = try writeFile(header([0, 0, 8, 1], [4]) + [9, 0, 3, 7], "labels", in: dir)
        let file = try IDXFile.read(url, magic: IDXFile.labelsMagic)
        #expect(file.dimensions == [4])
        #expect(file.values == [9, 0, 3, 7])
    }

    @Test func truncatedFileIsNamed() throws {
        let dir = try temporaryDirectory()
        let url = try writeFile(header([0, 0, 8, 3], [2, 3, 3]) + [UInt8](repeating: 1, count: 17), "short", in: dir)
        #expect(throws: DataError.truncated(path: url.path, expectedBytes: 16 + 18, actualBytes: 16 + 17)) {
            try IDXFile.read(url, magic: IDXFile.imagesMagic)
        }
        let message = "\(DataError.truncated(path: url.path, expectedBytes: 34, actualBytes: 33))"
        #expect(message.contains(url.path) && message.contains("truncated"))
    }

    @Test func truncatedHeaderIsAnError() throws {
        let dir = try temporaryDirectory()
        let url = try writeFile([0, 0, 8, 3, 0, 0, 0, 2, 0, 0], "header", in: dir)
        #expect(throws: DataError.truncated(path: url.path, expectedBytes: 16, actualBytes: 10)) {
            try IDXFile.read(url, magic: IDXFile.imagesMagic)
        }
    }

    @Test func truncatedGzipIsAnError() throws {
        let dir = try temporaryDirectory()
        var state: UInt32 = 12345
        let values: [UInt8] = (0..<5000).map { _ in state = state &* 1_103_515_245 &+ 12345; return UInt8(state >> 24) }
        let url = try writeFile(header([0, 0, 8, 3], [5, 25, 40]) + values, "images", in: dir)
        try gzipFile(url)
        let gz = dir.appendingPathComponent("images.gz")
        let bytes = try [UInt8](Data(contentsOf: gz))
        try Data(bytes[0..<(bytes.count / 2)]).write(to: gz)
        #expect {
            try IDXFile.read(gz, magic: IDXFile.imagesMagic)
        } throws: { error in
            guard case let DataError.gzip(path, reason) = error else { return false }
            return path == gz.path && reason.contains("truncated")
        }
    }

    @Test func wrongMagicIsAnError() throws {
        let dir = try temporaryDirectory()
        let url = try writeFile(header([0x50, 0x4B, 3, 4], [1, 1, 1]) + [0], "zip", in: dir)
        #expect(throws: DataError.wrongMagic(path: url.path, found: 0x504B_0304, expected: 0x0000_0803)) {
            try IDXFile.read(url, magic: IDXFile.imagesMagic)
        }
    }

    @Test func wrongDimensionCountIsAnError() throws {
        let dir = try temporaryDirectory()
        // A label file (1 dimension) where an image file (3 dimensions) is expected.
        let url = try writeFile(header([0, 0, 8, 1], [3]) + [1, 2, 3], "labels", in: dir)
        #expect {
            try IDXFile.read(url, magic: IDXFile.imagesMagic)
        } throws: { error in
            guard case let DataError.wrongDimensions(path, reason) = error else { return false }
            return path == url.path && reason.contains("1 dimensions, expected 3")
        }
    }

    @Test func zeroDimensionIsAnError() throws {
        #expect(throws: DataError.self) {
            try IDXFile(decoding: header([0, 0, 8, 3], [0, 28, 28]), magic: IDXFile.imagesMagic, path: "x")
        }
    }

    @Test func trailingBytesAreAnError() throws {
        #expect(throws: DataError.trailingBytes(path: "x", expectedBytes: 9, actualBytes: 10)) {
            try IDXFile(decoding: header([0, 0, 8, 1], [1]) + [4, 5], magic: IDXFile.labelsMagic, path: "x")
        }
    }

    @Test func encodeRoundTrips() throws {
        let bytes = IDXFile.encode([1, 2, 3, 4, 5, 6], dimensions: [1, 2, 3])
        #expect(Array(bytes[0..<16]) == header([0, 0, 8, 3], [1, 2, 3]))
        let file = try IDXFile(decoding: bytes, magic: IDXFile.imagesMagic, path: "x")
        #expect(file.dimensions == [1, 2, 3] && file.values == [1, 2, 3, 4, 5, 6])
    }
}
