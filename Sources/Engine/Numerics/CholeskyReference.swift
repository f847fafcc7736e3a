// The textbook loops for the Cholesky factor and the lower-triangular inverse, one output
// at a time: they define the order of operations `Cholesky` reproduces bit for bit, and
// exist to test it.

/// Reference Cholesky factorisation and triangular inverse (see the file comment).
public enum CholeskyReference {
    /// In-place lower Cholesky factor of a symmetric D×D matrix (upper triangle zeroed), by
    /// columns, each sum over p in increasing order. Returns false when the matrix is not
    /// positive definite.
    public static func factor(_ a: inout [Double], dimension d: Int) -> Bool {
        for j in 0..<d {
            var s = a[j * d + j]
            for p in 0..<j { s -= a[j * d + p] * a[j * d + p] }
            if !(s > 0) { return false }
            let ljj = s.squareRoot()
            a[j * d + j] = ljj
            for i in (j + 1)..<max(j + 1, d) {
                var t = a[i * d + j]
                for p in 0..<j { t -= a[i * d + p] * a[j * d + p] }
                a[i * d + j] = t / ljj
            }
            for p in (j + 1)..<max(j + 1, d) { a[j * d + p] = 0 }
        }
        return true
    }

    /// The inverse of a lower-triangular D×D matrix, by forward substitution on the identity
    /// (column by column, each sum over p in increasing order).
    public static func invertLower(_ l: [Double], dimension d: Int) -> [Double] {
        var inv = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            for i in j..<d {
                var t = i == j ? 1.0 : 0.0
                for p in j..<i { t -= l[i * d + p] * inv[p * d + j] }
                inv[i * d + j] = t / l[i * d + i]
            }
        }
        return inv
    }
}
