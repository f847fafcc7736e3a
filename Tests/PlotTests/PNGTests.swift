import Foundation
import Plot
import TestSupport
import Testing

/// PNG encoding, decoding and file writing.
@Suite(.removesTemporaryDirectories) struct PNGTests {
    /// A canvas with every kind of pixel: varied colours and alpha 0...255.
    static func noise() -> Canvas {
        var bytes = [UInt8](repeating: 0, count: 37 * 23 * 4)
        var state: UInt32 = 2463534242
        for i in bytes.indices {
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            bytes[i] = UInt8(truncatingIfNeeded: state)
        }
        return Canvas(width: 37, height: 23, pixels: bytes)
    }

    @Test func roundTripIsLossless() throws {
        let canvas = Self.noise()
        let bytes = try PNG.encode(canvas)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let decoded = try PNG.decode(bytes)
        #expect(decoded.width == 37 && decoded.height == 23)
        #expect(decoded.pixels == canvas.pixels)
        #expect(try PNG.encode(decoded) == bytes, "re-encoding gives identical bytes")
    }

    @Test func chartEncodingIsDeterministic() throws {
        let chart = ChartGoldenTests.lineChart(scale: 1)
        #expect(try PNG.encode(chart.render()) == PNG.encode(chart.render()))
    }

    @Test func garbageFailsWithSource() {
        #expect(throws: PNGError.self) { try PNG.decode([1, 2, 3, 4], source: "bytes.png") }
        do {
            _ = try PNG.decode(Array("not a png at all".utf8), source: "x.png")
        } catch let error as PNGError {
            guard case .decodingFailed(let source, _) = error else { Issue.record("wrong case \(error)"); return }
            #expect(source == "x.png")
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: PNGError.self) { try PNG.encode(Canvas(width: 0, height: 5)) }
    }

    @Test func fileWriteIsAtomicAndReadable() throws {
        let dir = try temporaryDirectory("glr-png")
        let path = dir.appendingPathComponent("fig.png").path
        try PNG.write(Self.noise(), to: path)
        try PNG.write(Self.noise(), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["fig.png"], "no temporary file left")
        #expect(try PNG.read(path: path) == Self.noise())
        #expect(throws: PNGError.self) { try PNG.write(Self.noise(), to: dir.path + "/missing/dir/fig.png") }
    }
}
