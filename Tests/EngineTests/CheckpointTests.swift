import Engine
import Testing
import TestSupport

@Suite struct CheckpointTests {
    static func sample() -> Checkpoint {
        Checkpoint(arrays: ["0.weight": Fixtures.uniform(50, "ck"), "empty": [], "nan": [.nan, .infinity, -0.0]],
                   metadata: ["model": "cnn", "epoch": "2", "ünïcode": "✓"])
    }

    @Test func roundTripIsExact() throws {
        let c = Self.sample()
        let decoded = try Checkpoint(decoding: c.encoded())
        #expect(decoded.metadata == c.metadata)
        #expect(Set(decoded.arrays.keys) == Set(c.arrays.keys))
        for (k, v) in c.arrays {
            #expect(decoded.arrays[k]!.map(\.bitPattern) == v.map(\.bitPattern), "array \(k)")
        }
        #expect(c.encoded() == decoded.encoded(), "encoding is deterministic")
    }

    @Test func everyFlippedByteIsRejected() {
        let bytes = Self.sample().encoded()
        for i in stride(from: 0, to: bytes.count, by: 7) {
            var corrupt = bytes
            corrupt[i] ^= 0x20
            #expect(throws: CheckpointError.self, "flipped byte \(i)") { try Checkpoint(decoding: corrupt) }
        }
    }

    @Test func flippedPayloadByteReportsChecksum() {
        var bytes = Self.sample().encoded()
        bytes[40] ^= 1
        #expect {
            try Checkpoint(decoding: bytes)
        } throws: { error in
            guard case CheckpointError.checksumMismatch = error else { return false }
            return "\(error)".contains("corrupt")
        }
    }

    @Test func truncatedFilesAreRejected() {
        let bytes = Self.sample().encoded()
        for length in [0, 5, 19, 24, bytes.count / 2, bytes.count - 1] {
            #expect(throws: CheckpointError.self, "truncated to \(length)") { try Checkpoint(decoding: Array(bytes.prefix(length))) }
        }
        #expect {
            try Checkpoint(decoding: Array(bytes.prefix(bytes.count - 10)))
        } throws: { error in
            guard case CheckpointError.truncated = error else { return false }
            return true
        }
    }

    @Test func foreignFileIsRejected() {
        #expect(throws: CheckpointError.badMagic) { try Checkpoint(decoding: Array("not a checkpoint at all, really".utf8)) }
    }

    @Test func crc32KnownValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func networkAndOptimiserRoundTrip() throws {
        var rng = RandomStream(seed: 1)
        let net = Sequential.referenceCNN(rng: &rng)
        var rng2 = RandomStream(seed: 2)
        let other = Sequential.referenceCNN(rng: &rng2)
        let bytes = Checkpoint(arrays: net.checkpointArrays(), metadata: [:]).encoded()
        try other.load(arrays: try Checkpoint(decoding: bytes).arrays)
        for (a, b) in zip(net.parameters, other.parameters) { #expect(a.value == b.value) }
        var mlpRng = RandomStream(seed: 3)
        let mlp = Sequential.mlp(inputSize: 784, hidden: [32], classes: 10, rng: &mlpRng)
        #expect(throws: CheckpointError.self) { try mlp.load(arrays: net.checkpointArrays()) }
    }
}
