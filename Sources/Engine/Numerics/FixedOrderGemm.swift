// glr's own GEMM: C = alpha·op(A)·op(B) + beta·C, row-major, for Float and Double.
// Legend: C is M×N, op(A) M×K, op(B) K×N; L = lanes of one vector (16 Float, 8 Double).
//
// The order of operations is fixed by this code, not by the machine:
//   acc_ij = 0;  for p in 0..<K in order: acc_ij = fma(A_ip, B_pj, acc_ij)
//   C_ij   = (alpha == 1 ? acc_ij : alpha·acc_ij) (+ C_ij if beta == 1, + beta·C_ij otherwise)
// Vector lanes always hold different outputs (never partial sums of one output), so the
// bits do not depend on the vector width, the blocking, or which loop computed an output.
// Two loop nests compute that same sequence:
//   - N ≥ L: lanes run along a row of C; B's rows are read in place (op(B) = Bᵀ is packed
//     once into a K×N workspace); blocks of 8 or 4 rows × 2 vectors, then narrower blocks, and
//     a last vector that overlaps the previous one (its lanes already written are skipped).
//   - L/4 ≤ N < L ≤ M: the same loop nest on op(B) padded with zero columns to one vector
//     (packed once), a block of C's rows at a time into scratch; the first N columns are kept.
//   - N < L/4, L ≤ M: the same loop nest computes Cᵀ = op(B)ᵀ·op(A)ᵀ (op(A)ᵀ packed by 8×8
//     tiles), a block of C's rows at a time, and writes it back transposed.
//   - N, M < L: lanes run down a column of C; L rows of op(A) are packed into a K×L panel.

/// The fixed-order GEMM kernels (see the file comment); `sgemm` and `dgemm` dispatch here
/// when `Numerics.backend` is `.reference`.
enum FixedOrderGemm {
    /// Runs the kernel for vectors of type `V`; arguments as in `sgemm`.
    @inline(__always)
    static func run<V: SIMD>(_: V.Type, transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: V.Scalar,
                             a: UnsafePointer<V.Scalar>, lda: Int, b: UnsafePointer<V.Scalar>, ldb: Int,
                             beta: V.Scalar, c: UnsafeMutablePointer<V.Scalar>, ldc: Int)
    where V.Scalar: BinaryFloatingPoint & SIMDScalar {
        guard m > 0 && n > 0 else { return }
        let rowStride = transA ? 1 : lda, columnStride = transA ? lda : 1
        let output = Output<V>(alpha: alpha, beta: beta, c: c, ldc: ldc)
        if n >= V.scalarCount {
            let workspace = KernelScratch.current
            var bRows = b, bStride = ldb
            if transB {
                let packed = workspace.buffer(V.Scalar.self, count: k * n, slot: 0)
                transpose(b, rows: n, columns: k, sourceStride: ldb, into: packed, targetStride: n)
                bRows = UnsafePointer(packed)
                bStride = n
            }
            alongRows(V.self, m: m, n: n, k: k, a: a, rowStride: rowStride, columnStride: columnStride,
                      b: bRows, ldb: bStride, output: output)
        } else if m >= V.scalarCount && 4 * n >= V.scalarCount {
            paddedAlongRows(V.self, transB: transB, m: m, n: n, k: k, a: a, rowStride: rowStride,
                            columnStride: columnStride, b: b, ldb: ldb, output: output)
        } else if m >= V.scalarCount {
            transposedAlongRows(V.self, transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda,
                                b: b, ldb: ldb, output: output)
        } else {
            alongColumns(V.self, transB: transB, m: m, n: n, k: k, a: a, rowStride: rowStride,
                         columnStride: columnStride, b: b, ldb: ldb, output: output)
        }
    }

    /// Continues the fixed-order sums already in C over K more terms: C_ij = fma chain over
    /// p = 0..<K of A_ip·B_pj starting from C_ij (no alpha, no beta). Splitting K into pieces
    /// this way gives the bits of one `run` over the whole K with alpha 1 and beta 0, from a C
    /// of zeros; it lets a caller walk a long K in chunks that stay in cache. Needs N ≥ L.
    @inline(__always)
    static func continueSums<V: SIMD>(_: V.Type, transA: Bool, m: Int, n: Int, k: Int,
                                      a: UnsafePointer<V.Scalar>, lda: Int, b: UnsafePointer<V.Scalar>, ldb: Int,
                                      c: UnsafeMutablePointer<V.Scalar>, ldc: Int)
    where V.Scalar: BinaryFloatingPoint & SIMDScalar {
        precondition(n >= V.scalarCount, "continueSums needs at least \(V.scalarCount) columns, got \(n)")
        guard m > 0 else { return }
        var output = Output<V>(alpha: 1, beta: 0, c: c, ldc: ldc)
        output.continuing = true
        alongRows(V.self, m: m, n: n, k: k, a: a, rowStride: transA ? 1 : lda, columnStride: transA ? lda : 1,
                  b: b, ldb: ldb, output: output)
    }

    // MARK: - L/4 ≤ N < L ≤ M: lanes along rows of C padded to one vector

    /// Rows of C handled per pass of `paddedAlongRows` (its padded result block stays in cache).
    private static let paddedBlockRows = 256

    /// Computes C with `alongRows` on op(B) padded with zero columns to one vector (K×L, packed
    /// once), a block of C's rows at a time into scratch, then combines the first N columns
    /// into C. Each output is the same fma sequence as in the other loop nests (the padding's
    /// columns are computed and dropped), and op(A) is read in place: for a few columns and a
    /// long K this moves far less data than transposing op(A) (`transposedAlongRows`).
    @inline(__always)
    private static func paddedAlongRows<V: SIMD>(_: V.Type, transB: Bool, m: Int, n: Int, k: Int,
                                                 a: UnsafePointer<V.Scalar>, rowStride: Int, columnStride: Int,
                                                 b: UnsafePointer<V.Scalar>, ldb: Int, output: Output<V>)
    where V.Scalar: BinaryFloatingPoint & SIMDScalar {
        let lanes = V.scalarCount
        let workspace = KernelScratch.current
        let panel = workspace.buffer(V.Scalar.self, count: k * lanes, slot: 0)
        let blockRows = min(m, paddedBlockRows)
        let result = workspace.buffer(V.Scalar.self, count: blockRows * lanes, slot: 1)
        let bRow = transB ? 1 : ldb, bColumn = transB ? ldb : 1
        for p in 0..<k {
            for j in 0..<lanes { panel[p * lanes + j] = j < n ? b[p * bRow + j * bColumn] : 0 }
        }
        var i = 0
        while i < m {
            let rows = min(blockRows, m - i)
            alongRows(V.self, m: rows, n: lanes, k: k, a: a + i * rowStride, rowStride: rowStride, columnStride: columnStride,
                      b: UnsafePointer(panel), ldb: lanes, output: Output<V>(alpha: 1, beta: 0, c: result, ldc: lanes))
            for r in 0..<rows {
                let target = output.c + (i + r) * output.ldc
                for j in 0..<n { target[j] = output.combine(result[r * lanes + j], target[j]) }
            }
            i += rows
        }
    }

    // MARK: - N < L ≤ M: lanes along rows of Cᵀ

    /// Rows of C handled per pass of `transposedAlongRows` (its packed op(A)ᵀ block stays in L2).
    private static let transposedBlockRows = 256

    /// Computes Cᵀ = op(B)ᵀ·op(A)ᵀ with `alongRows`, a block of C's rows at a time, into scratch,
    /// then combines it into C. Each output is the same fma sequence over p (the product's
    /// operands swap places, which changes no bits), so this gives `alongColumns`' bits with
    /// packing by 8×8 tiles instead of one strided element at a time.
    @inline(__always)
    private static func transposedAlongRows<V: SIMD>(_: V.Type, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                                     a: UnsafePointer<V.Scalar>, lda: Int,
                                                     b: UnsafePointer<V.Scalar>, ldb: Int, output: Output<V>)
    where V.Scalar: BinaryFloatingPoint & SIMDScalar {
        let lanes = V.scalarCount, blockRows = transposedBlockRows
        let workspace = KernelScratch.current
        let largestBlock = min(m, blockRows + lanes - 1)
        let packed = workspace.buffer(V.Scalar.self, count: k * largestBlock, slot: 0)
        let resultT = workspace.buffer(V.Scalar.self, count: n * largestBlock, slot: 1)
        // op(B)ᵀ is the new left operand: its row j is op(B)'s column j.
        let rowStride = transB ? ldb : 1, columnStride = transB ? 1 : ldb
        var i = 0
        while i < m {
            // The last block takes a remainder shorter than a vector, so every block has ≥ L rows.
            let rows = m - i < blockRows + lanes ? m - i : blockRows
            var right = UnsafePointer(packed), rightStride = rows
            if transA {
                right = a + i
                rightStride = lda
            } else {
                transpose(a + i * lda, rows: rows, columns: k, sourceStride: lda, into: packed, targetStride: rows)
            }
            alongRows(V.self, m: n, n: rows, k: k, a: b, rowStride: rowStride, columnStride: columnStride,
                      b: right, ldb: rightStride, output: Output<V>(alpha: 1, beta: 0, c: resultT, ldc: rows))
            for r in 0..<rows {
                let target = output.c + (i + r) * output.ldc
                for j in 0..<n { target[j] = output.combine(resultT[j * rows + r], target[j]) }
            }
            i += rows
        }
    }

    // MARK: - Lanes along rows of C

    @inline(__always)
    private static func alongRows<V: SIMD>(_: V.Type, m: Int, n: Int, k: Int, a: UnsafePointer<V.Scalar>,
                                           rowStride: Int, columnStride: Int,
                                           b: UnsafePointer<V.Scalar>, ldb: Int, output: Output<V>)
    where V.Scalar: BinaryFloatingPoint {
        let lanes = V.scalarCount
        var j = 0
        while j + 2 * lanes <= n {
            var i = 0
            while i + 8 <= m {
                block8x2(V.self, k: k, a: a + i * rowStride, rowStride: rowStride, columnStride: columnStride,
                         b: b + j, ldb: ldb, row: i, column: j, output: output)
                i += 8
            }
            while i + 4 <= m {
                block4x2(V.self, k: k, a: a + i * rowStride, rowStride: rowStride, columnStride: columnStride,
                         b: b + j, ldb: ldb, row: i, column: j, output: output)
                i += 4
            }
            while i < m {
                let (x, y) = block1x2(V.self, k: k, a: a + i * rowStride, columnStride: columnStride, b: b + j, ldb: ldb,
                                      start: (output.initial(i, j), output.initial(i, j + lanes)))
                output.store(x, row: i, column: j)
                output.store(y, row: i, column: j + lanes)
                i += 1
            }
            j += 2 * lanes
        }
        while j < n {
            // A last vector may overlap the previous one: it starts at n − L, and stores
            // only the lanes from `j` on (the others hold identical bits already written).
            let start = min(j, n - lanes)
            var i = 0
            while i + 8 <= m {
                block8x1(V.self, k: k, a: a + i * rowStride, rowStride: rowStride, columnStride: columnStride,
                         b: b + start, ldb: ldb, row: i, column: start, skip: j - start, output: output)
                i += 8
            }
            while i + 4 <= m {
                block4x1(V.self, k: k, a: a + i * rowStride, rowStride: rowStride, columnStride: columnStride,
                         b: b + start, ldb: ldb, row: i, column: start, skip: j - start, output: output)
                i += 4
            }
            while i < m {
                let x = block1x1(V.self, k: k, a: a + i * rowStride, columnStride: columnStride, b: b + start, ldb: ldb,
                                 start: output.initial(i, start))
                output.store(x, row: i, column: start, skip: j - start)
                i += 1
            }
            j = start + lanes
        }
    }

    @inline(__always)
    private static func block8x2<V: SIMD>(_: V.Type, k: Int, a: UnsafePointer<V.Scalar>, rowStride: Int, columnStride: Int,
                                          b: UnsafePointer<V.Scalar>, ldb: Int, row outRow: Int, column: Int, output: Output<V>)
    where V.Scalar: BinaryFloatingPoint {
        let lanes = V.scalarCount
        let second = column + lanes
        var c00 = output.initial(outRow, column), c01 = output.initial(outRow, second)
        var c10 = output.initial(outRow + 1, column), c11 = output.initial(outRow + 1, second)
        var c20 = output.initial(outRow + 2, column), c21 = output.initial(outRow + 2, second)
        var c30 = output.initial(outRow + 3, column), c31 = output.initial(outRow + 3, second)
        var c40 = output.initial(outRow + 4, column), c41 = output.initial(outRow + 4, second)
        var c50 = output.initial(outRow + 5, column), c51 = output.initial(outRow + 5, second)
        var c60 = output.initial(outRow + 6, column), c61 = output.initial(outRow + 6, second)
        var c70 = output.initial(outRow + 7, column), c71 = output.initial(outRow + 7, second)
        let a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride
        let a4 = a + 4 * rowStride, a5 = a + 5 * rowStride, a6 = a + 6 * rowStride, a7 = a + 7 * rowStride
        var row = b, offset = 0
        for _ in 0..<k {
            let b0 = load(V.self, row), b1 = load(V.self, row + lanes)
            let x0 = V(repeating: a0[offset]), x1 = V(repeating: a1[offset])
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            let x2 = V(repeating: a2[offset]), x3 = V(repeating: a3[offset])
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            let x4 = V(repeating: a4[offset]), x5 = V(repeating: a5[offset])
            c40 = c40.addingProduct(x4, b0); c41 = c41.addingProduct(x4, b1)
            c50 = c50.addingProduct(x5, b0); c51 = c51.addingProduct(x5, b1)
            let x6 = V(repeating: a6[offset]), x7 = V(repeating: a7[offset])
            c60 = c60.addingProduct(x6, b0); c61 = c61.addingProduct(x6, b1)
            c70 = c70.addingProduct(x7, b0); c71 = c71.addingProduct(x7, b1)
            row += ldb
            offset &+= columnStride
        }
        output.store(c00, row: outRow, column: column); output.store(c01, row: outRow, column: column + lanes)
        output.store(c10, row: outRow + 1, column: column); output.store(c11, row: outRow + 1, column: column + lanes)
        output.store(c20, row: outRow + 2, column: column); output.store(c21, row: outRow + 2, column: column + lanes)
        output.store(c30, row: outRow + 3, column: column); output.store(c31, row: outRow + 3, column: column + lanes)
        output.store(c40, row: outRow + 4, column: column); output.store(c41, row: outRow + 4, column: column + lanes)
        output.store(c50, row: outRow + 5, column: column); output.store(c51, row: outRow + 5, column: column + lanes)
        output.store(c60, row: outRow + 6, column: column); output.store(c61, row: outRow + 6, column: column + lanes)
        output.store(c70, row: outRow + 7, column: column); output.store(c71, row: outRow + 7, column: column + lanes)
    }

    @inline(__always)
    private static func block4x2<V: SIMD>(_: V.Type, k: Int, a: UnsafePointer<V.Scalar>, rowStride: Int, columnStride: Int,
                                          b: UnsafePointer<V.Scalar>, ldb: Int, row outRow: Int, column: Int, output: Output<V>)
    where V.Scalar: BinaryFloatingPoint {
        let lanes = V.scalarCount
        let second = column + lanes
        var c00 = output.initial(outRow, column), c01 = output.initial(outRow, second)
        var c10 = output.initial(outRow + 1, column), c11 = output.initial(outRow + 1, second)
        var c20 = output.initial(outRow + 2, column), c21 = output.initial(outRow + 2, second)
        var c30 = output.initial(outRow + 3, column), c31 = output.initial(outRow + 3, second)
        let a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride
        var row = b, offset = 0
        for _ in 0..<k {
            let b0 = load(V.self, row), b1 = load(V.self, row + lanes)
            let x0 = V(repeating: a0[offset]), x1 = V(repeating: a1[offset])
            let x2 = V(repeating: a2[offset]), x3 = V(repeating: a3[offset])
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            row += ldb
            offset &+= columnStride
        }
        output.store(c00, row: outRow, column: column); output.store(c01, row: outRow, column: column + lanes)
        output.store(c10, row: outRow + 1, column: column); output.store(c11, row: outRow + 1, column: column + lanes)
        output.store(c20, row: outRow + 2, column: column); output.store(c21, row: outRow + 2, column: column + lanes)
        output.store(c30, row: outRow + 3, column: column); output.store(c31, row: outRow + 3, column: column + lanes)
    }

    @inline(__always)
    private static func block8x1<V: SIMD>(_: V.Type, k: Int, a: UnsafePointer<V.Scalar>, rowStride: Int, columnStride: Int,
                                          b: UnsafePointer<V.Scalar>, ldb: Int, row: Int, column: Int, skip: Int,
                                          output: Output<V>)
    where V.Scalar: BinaryFloatingPoint {
        var c0 = output.initial(row, column), c1 = output.initial(row + 1, column)
        var c2 = output.initial(row + 2, column), c3 = output.initial(row + 3, column)
        var c4 = output.initial(row + 4, column), c5 = output.initial(row + 5, column)
        var c6 = output.initial(row + 6, column), c7 = output.initial(row + 7, column)
        var bRow = b, x = a
        for _ in 0..<k {
            let y = load(V.self, bRow)
            c0 = c0.addingProduct(V(repeating: x[0]), y)
            c1 = c1.addingProduct(V(repeating: x[rowStride]), y)
            c2 = c2.addingProduct(V(repeating: x[2 * rowStride]), y)
            c3 = c3.addingProduct(V(repeating: x[3 * rowStride]), y)
            c4 = c4.addingProduct(V(repeating: x[4 * rowStride]), y)
            c5 = c5.addingProduct(V(repeating: x[5 * rowStride]), y)
            c6 = c6.addingProduct(V(repeating: x[6 * rowStride]), y)
            c7 = c7.addingProduct(V(repeating: x[7 * rowStride]), y)
            bRow += ldb
            x += columnStride
        }
        output.store(c0, row: row, column: column, skip: skip)
        output.store(c1, row: row + 1, column: column, skip: skip)
        output.store(c2, row: row + 2, column: column, skip: skip)
        output.store(c3, row: row + 3, column: column, skip: skip)
        output.store(c4, row: row + 4, column: column, skip: skip)
        output.store(c5, row: row + 5, column: column, skip: skip)
        output.store(c6, row: row + 6, column: column, skip: skip)
        output.store(c7, row: row + 7, column: column, skip: skip)
    }

    @inline(__always)
    private static func block4x1<V: SIMD>(_: V.Type, k: Int, a: UnsafePointer<V.Scalar>, rowStride: Int, columnStride: Int,
                                          b: UnsafePointer<V.Scalar>, ldb: Int, row: Int, column: Int, skip: Int,
                                          output: Output<V>)
    where V.Scalar: BinaryFloatingPoint {
        var c0 = output.initial(row, column), c1 = output.initial(row + 1, column)
        var c2 = output.initial(row + 2, column), c3 = output.initial(row + 3, column)
        let a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride
        var bRow = b, offset = 0
        for _ in 0..<k {
            let y = load(V.self, bRow)
            c0 = c0.addingProduct(V(repeating: a0[offset]), y)
            c1 = c1.addingProduct(V(repeating: a1[offset]), y)
            c2 = c2.addingProduct(V(repeating: a2[offset]), y)
            c3 = c3.addingProduct(V(repeating: a3[offset]), y)
            bRow += ldb
            offset &+= columnStride
        }
        output.store(c0, row: row, column: column, skip: skip)
        output.store(c1, row: row + 1, column: column, skip: skip)
        output.store(c2, row: row + 2, column: column, skip: skip)
        output.store(c3, row: row + 3, column: column, skip: skip)
    }

    @inline(__always)
    private static func block1x2<V: SIMD>(_: V.Type, k: Int, a: UnsafePointer<V.Scalar>, columnStride: Int,
                                          b: UnsafePointer<V.Scalar>, ldb: Int, start: (V, V)) -> (V, V)
    where V.Scalar: BinaryFloatingPoint {
        var (c0, c1) = start
        var bRow = b, x = a
        for _ in 0..<k {
            let broadcast = V(repeating: x[0])
            c0 = c0.addingProduct(broadcast, load(V.self, bRow))
            c1 = c1.addingProduct(broadcast, load(V.self, bRow + V.scalarCount))
            bRow += ldb
            x += columnStride
        }
        return (c0, c1)
    }

    @inline(__always)
    private static func block1x1<V: SIMD>(_: V.Type, k: Int, a: UnsafePointer<V.Scalar>, columnStride: Int,
                                          b: UnsafePointer<V.Scalar>, ldb: Int, start: V) -> V
    where V.Scalar: BinaryFloatingPoint {
        var c0 = start
        var bRow = b, x = a
        for _ in 0..<k {
            c0 = c0.addingProduct(V(repeating: x[0]), load(V.self, bRow))
            bRow += ldb
            x += columnStride
        }
        return c0
    }

    // MARK: - Lanes along columns of C (N, M < L)

    @inline(__always)
    private static func alongColumns<V: SIMD>(_: V.Type, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<V.Scalar>,
                                              rowStride: Int, columnStride: Int, b: UnsafePointer<V.Scalar>, ldb: Int,
                                              output: Output<V>)
    where V.Scalar: BinaryFloatingPoint {
        let lanes = V.scalarCount
        let panel = KernelScratch.current.buffer(V.Scalar.self, count: k * lanes, slot: 1)
        let bRow = transB ? 1 : ldb, bColumn = transB ? ldb : 1
        var i = 0
        while i < m {
            let rows = min(lanes, m - i)
            for p in 0..<k {
                for r in 0..<lanes {
                    panel[p * lanes + r] = r < rows ? a[(i + r) * rowStride + p * columnStride] : 0
                }
            }
            var j = 0
            while j + 4 <= n {
                var acc0 = V(), acc1 = V(), acc2 = V(), acc3 = V()
                let column = b + j * bColumn
                for p in 0..<k {
                    let x = load(V.self, panel + p * lanes)
                    let q = column + p * bRow
                    acc0 = acc0.addingProduct(x, V(repeating: q[0]))
                    acc1 = acc1.addingProduct(x, V(repeating: q[bColumn]))
                    acc2 = acc2.addingProduct(x, V(repeating: q[2 * bColumn]))
                    acc3 = acc3.addingProduct(x, V(repeating: q[3 * bColumn]))
                }
                output.storeColumn(acc0, row: i, column: j, count: rows)
                output.storeColumn(acc1, row: i, column: j + 1, count: rows)
                output.storeColumn(acc2, row: i, column: j + 2, count: rows)
                output.storeColumn(acc3, row: i, column: j + 3, count: rows)
                j += 4
            }
            while j < n {
                var acc = V()
                let column = b + j * bColumn
                for p in 0..<k {
                    acc = acc.addingProduct(load(V.self, panel + p * lanes), V(repeating: column[p * bRow]))
                }
                output.storeColumn(acc, row: i, column: j, count: rows)
                j += 1
            }
            i += lanes
        }
    }

    @inline(__always)
    private static func load<V: SIMD>(_: V.Type, _ p: UnsafePointer<V.Scalar>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }
}

/// Where and how a kernel writes its accumulators: C = alpha·acc (+ beta·C).
struct Output<V: SIMD> where V.Scalar: BinaryFloatingPoint {
    let alpha: V.Scalar, beta: V.Scalar
    let c: UnsafeMutablePointer<V.Scalar>
    let ldc: Int
    /// Whether the sums continue from C's values (`FixedOrderGemm.continueSums`) instead of 0.
    var continuing = false

    /// The accumulator a block starts from at C[row][column...]: 0, or C's values when continuing.
    @inline(__always)
    func initial(_ row: Int, _ column: Int) -> V {
        continuing ? UnsafeRawPointer(c + row * ldc + column).loadUnaligned(as: V.self) : V()
    }

    @inline(__always)
    func combine(_ acc: V, _ old: @autoclosure () -> V) -> V {
        let scaled = alpha == 1 ? acc : acc * alpha
        if beta == 0 { return scaled }
        if beta == 1 { return old() + scaled }
        return old() * beta + scaled
    }

    @inline(__always)
    func combine(_ acc: V.Scalar, _ old: V.Scalar) -> V.Scalar {
        let scaled = alpha == 1 ? acc : acc * alpha
        if beta == 0 { return scaled }
        if beta == 1 { return old + scaled }
        return old * beta + scaled
    }

    /// Stores lanes `skip..<L` of `acc` at C[row][column + lane].
    @inline(__always)
    func store(_ acc: V, row: Int, column: Int, skip: Int = 0) {
        let target = c + row * ldc + column
        if skip == 0 {
            let value = combine(acc, UnsafeRawPointer(target).loadUnaligned(as: V.self))
            UnsafeMutableRawPointer(target).storeBytes(of: value, as: V.self)
        } else {
            for lane in skip..<V.scalarCount { target[lane] = combine(acc[lane], target[lane]) }
        }
    }

    /// Stores lanes `0..<count` of `acc` down column `column` from `row`.
    @inline(__always)
    func storeColumn(_ acc: V, row: Int, column: Int, count: Int) {
        for lane in 0..<count {
            let target = c + (row + lane) * ldc + column
            target.pointee = combine(acc[lane], target.pointee)
        }
    }
}
