// Seeded, splittable random numbers.
//
// Every random decision in glr (weight initialisation, shuffling, buffer selection,
// generator initialisation and sampling, permutations) draws from a `RandomStream`
// derived from a seed and a path of names, e.g.
// `RandomStream(seed: 43769).derived("run:glr").derived("shuffle")`. Streams derived
// with different names are statistically independent, and deriving never advances the
// parent, so adding a new consumer of randomness never changes an existing one's numbers.
//
// Keys are mixed with SplitMix64; the stream itself is xoshiro256** (Blackman & Vigna).

import Foundation

/// A seeded xoshiro256** generator that can derive independent child streams by name.
///
/// The whole state is four `UInt64` words (`state`), so a stream can be saved in a
/// checkpoint and restored to continue bit-identically.
public struct RandomStream: RandomNumberGenerator, Codable, Equatable, Sendable {
    /// The xoshiro256** state words.
    public private(set) var state: [UInt64]
    /// The key this stream was created from; children mix their names into it.
    public let key: UInt64

    /// A stream for a root seed.
    public init(seed: UInt64) {
        self.init(key: RandomStream.mix(seed ^ 0x676C_725F_726F_6F74))  // "glr_root"
    }

    /// A stream restored from saved state words and key.
    public init(state: [UInt64], key: UInt64) {
        precondition(state.count == 4, "RandomStream state must have 4 words, got \(state.count)")
        self.state = state
        self.key = key
    }

    private init(key: UInt64) {
        self.key = key
        var s = key
        var words = [UInt64](repeating: 0, count: 4)
        for i in 0..<4 { words[i] = RandomStream.splitMix(&s) }
        if words == [0, 0, 0, 0] { words[0] = 1 }
        self.state = words
    }

    /// A child stream named `name`; independent of the parent's position and of siblings.
    public func derived(_ name: String) -> RandomStream {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64 offset basis
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return RandomStream(key: RandomStream.mix(key ^ RandomStream.mix(h)))
    }

    /// A child stream for an integer index (experience number, class, ...).
    public func derived(_ index: Int) -> RandomStream {
        derived("#\(index)")
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
        return result
    }

    /// A uniform `Float` in [0, 1) with 24 random bits.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    public mutating func nextUniformDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform `Float` in [low, high).
    public mutating func nextUniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * nextUniform()
    }

    /// A standard normal `Double` (Box–Muller with `ReferenceMath`; one value per call,
    /// the same bits on every machine).
    public mutating func nextNormal() -> Double {
        var u1 = nextUniformDouble()
        if u1 < 1e-300 { u1 = 1e-300 }
        let u2 = nextUniformDouble()
        return (-2.0 * ReferenceMath.log(u1)).squareRoot() * ReferenceMath.cosPi(2.0 * u2)
    }

    /// A uniform integer in 0..<bound (unbiased, Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        return Int(next(upperBound: UInt64(bound)))
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles `array` in place (Fisher–Yates, deterministic given the stream).
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }

    // MARK: - Mixing

    /// SplitMix64 finaliser: a bijective 64-bit mix.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func splitMix(_ s: inout UInt64) -> UInt64 {
        s = s &+ 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
