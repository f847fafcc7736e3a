// Reusable buffers: layers allocate once per batch size and reuse them every step.

/// Makes `buffer` hold exactly `count` elements, reallocating only when the size changes
/// (its contents are then unspecified).
@inline(__always)
func resizeExactly(_ buffer: inout [Float], _ count: Int) {
    if buffer.count != count { buffer = [Float](repeating: 0, count: count) }
}

/// Makes `buffer` hold at least `count` elements (scratch space; contents unspecified).
@inline(__always)
func reserveAtLeast(_ buffer: inout [Float], _ count: Int) {
    if buffer.count < count { buffer = [Float](repeating: 0, count: count) }
}

/// Copies `source` into `buffer`, resizing it exactly.
@inline(__always)
func copyExactly(_ source: [Float], into buffer: inout [Float]) {
    resizeExactly(&buffer, source.count)
    source.withUnsafeBufferPointer { s in
        buffer.withUnsafeMutableBufferPointer { d in
            d.baseAddress!.update(from: s.baseAddress!, count: s.count)
        }
    }
}

/// Sets every element of `buffer` to zero.
@inline(__always)
func fillWithZeros(_ buffer: inout [Float]) {
    buffer.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
}
