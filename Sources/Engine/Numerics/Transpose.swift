// Matrix transpose in 8×8 tiles: the packing of a transposed GEMM operand (Bᵀ, and a
// convolution's dyᵀ for its weight gradient), and a pooled convolution's channels-last
// values and indices into planes. A copy, no arithmetic, so it changes no bits;
// the tiles only make it fast: eight rows are read as vectors and each output row is written
// as one vector (a strided element-by-element copy ran 2–4.5× slower on the CNN's shapes).

/// Writes the transpose of a `rows`×`columns` matrix to `target`:
/// target[c·targetStride + r] = source[r·sourceStride + c].
@inline(__always)
func transpose<T: SIMDScalar>(_ source: UnsafePointer<T>, rows: Int, columns: Int, sourceStride: Int,
                              into target: UnsafeMutablePointer<T>, targetStride: Int) {
    let tile = 8
    var c0 = 0
    while c0 + tile <= columns {
        var r = 0
        while r + tile <= rows {
            let top = source + r * sourceStride + c0
            let x0 = load8(top), x1 = load8(top + sourceStride), x2 = load8(top + 2 * sourceStride)
            let x3 = load8(top + 3 * sourceStride), x4 = load8(top + 4 * sourceStride)
            let x5 = load8(top + 5 * sourceStride), x6 = load8(top + 6 * sourceStride)
            let x7 = load8(top + 7 * sourceStride)
            for q in 0..<tile {
                let column = SIMD8<T>(x0[q], x1[q], x2[q], x3[q], x4[q], x5[q], x6[q], x7[q])
                UnsafeMutableRawPointer(target + (c0 + q) * targetStride + r).storeBytes(of: column, as: SIMD8<T>.self)
            }
            r += tile
        }
        for row in r..<rows {
            for q in 0..<tile { target[(c0 + q) * targetStride + row] = source[row * sourceStride + c0 + q] }
        }
        c0 += tile
    }
    for c in c0..<columns {
        for row in 0..<rows { target[c * targetStride + row] = source[row * sourceStride + c] }
    }
}

/// Eight consecutive values from `p` (any alignment).
@inline(__always)
private func load8<T: SIMDScalar>(_ p: UnsafePointer<T>) -> SIMD8<T> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<T>.self)
}
