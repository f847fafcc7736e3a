// NumPy files: round trips, files written by numpy itself, and malformed files.

import Data
import Foundation
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct NPYFileTests {
    static let hasNumpy = (try? shell("python3 -c 'import numpy' && echo yes"))?.contains("yes") == true

    @Test func floatRoundTrip() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("x.npy")
        let values: [Float] = (0..<24).map { Float($0) * 0.37 - 3 }
        try NPYFile.write(values, shape: [2, 3, 4], to: url)
        let read = try NPYFile.readFloat32(url)
        #expect(read.values == values && read.shape == [2, 3, 4])
        // The data starts at a multiple of 64 bytes, as numpy writes it.
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        #expect((size - 24 * 4) % 64 == 0)
    }

    @Test func intRoundTripAndVectorShape() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("y.npy")
        let values: [Int32] = [3, -1, 2_000_000_000, 0, 7]
        try NPYFile.write(values, shape: [5], to: url)
        let read = try NPYFile.readInt32(url)
        #expect(read.values == values && read.shape == [5])
    }

    @Test func shapeMismatchIsAnError() throws {
        let dir = try temporaryDirectory()
        #expect(throws: DataError.self) {
            try NPYFile.write([1, 2, 3] as [Float], shape: [2, 2], to: dir.appendingPathComponent("z.npy"))
        }
    }

    @Test(.enabled(if: hasNumpy, "numpy is not installed: pip install numpy"))
    func readsFilesWrittenByNumpy() throws {
        let dir = try temporaryDirectory()
        let script = """
        import numpy as np
        np.save('\(dir.path)/f4.npy', (np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5 - 1))
        np.save('\(dir.path)/f8.npy', np.array([[1.25, -2.5], [3.0, 1e-3]], dtype=np.float64))
        np.save('\(dir.path)/i8.npy', np.array([5, -6, 7], dtype=np.int64))
        np.save('\(dir.path)/i4.npy', np.arange(6, dtype=np.int32).reshape(1, 2, 3))
        np.save('\(dir.path)/scalar.npy', np.float32(2.5))
        np.save('\(dir.path)/fortran.npy', np.asfortranarray(np.ones((2, 3), dtype=np.float32)))
        """
        try script.write(to: dir.appendingPathComponent("make.py"), atomically: true, encoding: .utf8)
        _ = try shell("python3 '\(dir.path)/make.py'")

        let f4 = try NPYFile.readFloat32(dir.appendingPathComponent("f4.npy"))
        #expect(f4.shape == [3, 4] && f4.values == (0..<12).map { Float($0) * 0.5 - 1 })
        let f8 = try NPYFile.readFloat32(dir.appendingPathComponent("f8.npy"))
        #expect(f8.shape == [2, 2] && f8.values == [1.25, -2.5, 3.0, Float(1e-3)])
        let i8 = try NPYFile.readInt32(dir.appendingPathComponent("i8.npy"))
        #expect(i8.shape == [3] && i8.values == [5, -6, 7])
        let i4 = try NPYFile.readInt32(dir.appendingPathComponent("i4.npy"))
        #expect(i4.shape == [1, 2, 3] && i4.values == [0, 1, 2, 3, 4, 5])
        let scalar = try NPYFile.readFloat32(dir.appendingPathComponent("scalar.npy"))
        #expect(scalar.shape == [] && scalar.values == [2.5])
        #expect(throws: DataError.self) { try NPYFile.readFloat32(dir.appendingPathComponent("fortran.npy")) }
        #expect(throws: DataError.self) { try NPYFile.readInt32(dir.appendingPathComponent("f4.npy")) }
    }

    @Test(.enabled(if: hasNumpy, "numpy is not installed: pip install numpy"))
    func numpyReadsOurFiles() throws {
        let dir = try temporaryDirectory()
        try NPYFile.write([1.5, -2, 3.25, 4, 5, 6] as [Float], shape: [3, 2], to: dir.appendingPathComponent("a.npy"))
        try NPYFile.write([9, 8, 7] as [Int32], shape: [3], to: dir.appendingPathComponent("b.npy"))
        let out = try shell("python3 -c \"import numpy as np; a = np.load('\(dir.path)/a.npy'); b = np.load('\(dir.path)/b.npy'); print(a.dtype, a.shape, a[0, 0], a[1, 0], a[2, 1], b.dtype, b.shape, b.sum())\"")
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "float32 (3, 2) 1.5 3.25 6.0 int32 (3,) 24")
    }

    @Test func truncatedAndForeignFilesAreErrors() throws {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent("t.npy")
        try NPYFile.write([Float](repeating: 1, count: 100), shape: [10, 10], to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 8).write(to: url)
        #expect {
            try NPYFile.readFloat32(url)
        } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("truncated")
        }
        let foreign = try writeFile(Array("hello world".utf8), "foreign.npy", in: dir)
        #expect(throws: DataError.self) { try NPYFile.readFloat32(foreign) }
    }
}
