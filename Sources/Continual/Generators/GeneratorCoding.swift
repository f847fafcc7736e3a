// Binary encoding of generators for checkpoints: little-endian; parameters as Float32 bit
// patterns (a kept generator's parameters are Float32 values, see `GaussianMixture.keptAsFloat32`),
// so a decoded generator is bit-identical to the encoded one and the file holds 4 bytes a value.
//
// Layout: "GLRG", version u32, label scheme u8 (0 class, 1 component), covariance u8
// (0 diag, 1 full, 2 spherical), D u32, class count C u32, C × i32 classes, C × f32 priors
// (class scheme only), then the mixtures (C of them for the class scheme, 1 for component):
// K u32, K × f32 weights, K·D × f32 means, covariance values (diag K·D, spherical K,
// full K · D(D+1)/2 lower triangle row by row).

import Engine

/// Appends little-endian values to a byte array.
struct GeneratorEncoder {
    static let magic: [UInt8] = Array("GLRG".utf8)
    static let version: UInt32 = 2
    var bytes: [UInt8] = []

    mutating func append(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func append(_ v: UInt8) { bytes.append(v) }
    mutating func append(_ v: Int32) { append(UInt32(bitPattern: v)) }
    /// Values as Float32, 4 bytes each: exact for a fitted generator, whose parameters are
    /// Float32 values (`GaussianMixture.keptAsFloat32`).
    mutating func append(_ values: [Double]) { append(floats: values.map { Float($0) }) }

    /// Values as Float32, 4 bytes each, exactly (`Float32Bytes`).
    mutating func append(floats values: [Float]) { bytes += Float32Bytes.bytes(values) }

    /// Writes the header shared by both label schemes.
    mutating func appendHeader(scheme: GeneratorSpec.LabelScheme, covariance: GeneratorSpec.Covariance, dimension: Int, classes: [Int32]) {
        bytes.append(contentsOf: GeneratorEncoder.magic)
        append(GeneratorEncoder.version)
        append(UInt8(scheme == .class ? 0 : 1))
        append(UInt8(GeneratorEncoder.code(covariance)))
        append(UInt32(dimension))
        append(UInt32(classes.count))
        for c in classes { append(c) }
    }

    /// Writes one mixture (covariance type and D come from the header).
    mutating func append(_ mixture: GaussianMixture) {
        let k = mixture.componentCount
        let d = mixture.dimension
        append(UInt32(k))
        append(mixture.weights)
        append(mixture.means)
        if mixture.covariance == .full {
            var lowerTriangles: [Double] = []
            lowerTriangles.reserveCapacity(k * d * (d + 1) / 2)
            for c in 0..<k { for r in 0..<d { for s in 0...r { lowerTriangles.append(mixture.covariances[c * d * d + r * d + s]) } } }
            append(lowerTriangles)
        } else {
            append(mixture.covariances)
        }
    }

    static func code(_ covariance: GeneratorSpec.Covariance) -> Int {
        switch covariance { case .diag: return 0; case .full: return 1; case .spherical: return 2 }
    }
}

/// Reads what `GeneratorEncoder` wrote, throwing `GeneratorError.corruptEncoding` on any inconsistency.
struct GeneratorDecoder {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ n: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= bytes.count else {
            throw GeneratorError.corruptEncoding("truncated at byte \(offset) while reading \(what) (\(bytes.count) bytes in all)")
        }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    mutating func u32(_ what: String) throws -> UInt32 {
        let s = try take(4, what)
        var v: UInt32 = 0
        for (i, b) in s.enumerated() { v |= UInt32(b) << (8 * UInt32(i)) }
        return v
    }

    mutating func u8(_ what: String) throws -> UInt8 { try take(1, what).first! }

    mutating func count(_ what: String, limit: Int) throws -> Int {
        let v = Int(try u32(what))
        guard v <= limit else { throw GeneratorError.corruptEncoding("\(what) = \(v) exceeds \(limit)") }
        return v
    }

    /// Reads `n` Float32 values as Doubles (exactly).
    mutating func doubles(_ n: Int, _ what: String) throws -> [Double] {
        try floats(n, what).map { Double($0) }
    }

    /// Reads `n` Float32 values (`Float32Bytes`).
    mutating func floats(_ n: Int, _ what: String) throws -> [Float] {
        guard let values = Float32Bytes.values(try take(4 * n, what)) else {
            throw GeneratorError.corruptEncoding("\(what) is not whole Float32 values")
        }
        return values
    }

    /// Reads one mixture of the given covariance type and dimension.
    mutating func mixture(_ covariance: GeneratorSpec.Covariance, dimension d: Int) throws -> GaussianMixture {
        let k = try count("component count", limit: 1 << 20)
        guard k > 0 else { throw GeneratorError.corruptEncoding("a mixture with 0 components") }
        let weights = try doubles(k, "weights")
        let means = try doubles(k * d, "means")
        var covariances: [Double]
        switch covariance {
        case .diag: covariances = try doubles(k * d, "variances")
        case .spherical: covariances = try doubles(k, "variances")
        case .full:
            let packed = try doubles(k * d * (d + 1) / 2, "covariance matrices")
            covariances = [Double](repeating: 0, count: k * d * d)
            var p = 0
            for c in 0..<k {
                for r in 0..<d {
                    for s in 0...r {
                        covariances[c * d * d + r * d + s] = packed[p]
                        covariances[c * d * d + s * d + r] = packed[p]
                        p += 1
                    }
                }
            }
        }
        return try GaussianMixture(covariance: covariance, dimension: d, weights: weights, means: means, covariances: covariances)
    }
}
