// The 2×2, stride-2 max-pool windows of the reference CNN, eight windows per vector.
// Legend: W = input row width, Wo = W / 2 (floor) windows per output row; rows of at least
// eight windows take the vector path (lanes hold consecutive windows; a row's last vector may
// overlap the previous one: it recomputes the same windows, so it writes the same bits);
// shorter rows the scalar one. The code is on concrete SIMD types: generic SIMD code runs the
// protocol's lane-by-lane operators and measured 16× slower.
// Forward: v0 v1 (top row), v2 v3 (bottom row) of each window; best = v0, then each of
//   v1, v2, v3 replaces it when strictly greater: the first maximum in row-major order wins
//   ties, exactly as the scalar rule in `MaxPool2D`.
// Backward (even H and W: the windows tile the plane; vector rows only): each window
//   writes all four of its inputs, 0 + dy at its argmax and 0 elsewhere, the values the
//   scalar scatter `dx = 0; dx[argmax] += dy` leaves, without clearing dx first.

/// One output row of 2×2 windows: maxima into `out`, and their indices into `argmax` (when
/// given), for rows starting at input offsets `rowStart` (top) and `rowStart + width`.
/// `padded`: the caller's buffers have room to read 16 values from each input row's start and
/// to write 8 from the output row's, so a row of fewer windows takes one vector too, whose
/// lanes past `windows` hold values the caller ignores (or overwrites with the next row).
@inline(__always)
func maxPoolRow(_ plane: UnsafePointer<Float>, rowStart: Int, width: Int, windows: Int,
                out: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?, padded: Bool = false) {
    guard windows >= lanes || padded else {
        for ox in 0..<windows {
            let (best, at) = window(plane, top: rowStart + 2 * ox, width: width)
            out[ox] = best
            argmax?[ox] = at
        }
        return
    }
    var ox = 0
    while ox < windows {
        let start = max(0, min(ox, windows - lanes))
        let top = rowStart + 2 * start
        let upper = UnsafeRawPointer(plane + top).loadUnaligned(as: SIMD16<Float>.self)
        let lower = UnsafeRawPointer(plane + top + width).loadUnaligned(as: SIMD16<Float>.self)
        let v0 = upper.evenHalf, v1 = upper.oddHalf, v2 = lower.evenHalf, v3 = lower.oddHalf
        let t1 = v1 .> v0
        let best1 = v0.replacing(with: v1, where: t1)
        let t2 = v2 .> best1
        let best2 = best1.replacing(with: v2, where: t2)
        let t3 = v3 .> best2
        let best = best2.replacing(with: v3, where: t3)
        UnsafeMutableRawPointer(out + start).storeBytes(of: best, as: SIMD8<Float>.self)
        if let argmax {
            let i0 = leftOffsets &+ Int32(truncatingIfNeeded: top)
            let i2 = i0 &+ Int32(truncatingIfNeeded: width)
            let at = i0.replacing(with: i0 &+ 1, where: t1)
                .replacing(with: i2, where: t2)
                .replacing(with: i2 &+ 1, where: t3)
            UnsafeMutableRawPointer(argmax + start).storeBytes(of: at, as: SIMD8<Int32>.self)
        }
        ox = start + lanes
    }
}

/// Routes one output row's gradients `dy` to its windows' argmax, writing all of both
/// input rows (`dx` points at the top one); needs an even input width and at least
/// `maxPoolVectorWindows` windows (shorter rows: the scalar scatter in `MaxPool2D`, which
/// measured faster there than writing four values per window).
@inline(__always)
func maxPoolRowBackward(_ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, rowStart: Int, width: Int,
                        windows: Int, dx: UnsafeMutablePointer<Float>) {
    precondition(windows >= maxPoolVectorWindows, "maxPoolRowBackward needs at least \(maxPoolVectorWindows) windows")
    var ox = 0
    while ox < windows {
        let start = min(ox, windows - lanes)
        let i0 = leftOffsets &+ Int32(truncatingIfNeeded: rowStart + 2 * start)
        let i2 = i0 &+ Int32(truncatingIfNeeded: width)
        let at = UnsafeRawPointer(argmax + start).loadUnaligned(as: SIMD8<Int32>.self)
        let g = UnsafeRawPointer(dy + start).loadUnaligned(as: SIMD8<Float>.self) + SIMD8<Float>()
        let zero = SIMD8<Float>()
        let upper = interleave(zero.replacing(with: g, where: at .== i0), zero.replacing(with: g, where: at .== i0 &+ 1))
        let lower = interleave(zero.replacing(with: g, where: at .== i2), zero.replacing(with: g, where: at .== i2 &+ 1))
        UnsafeMutableRawPointer(dx + 2 * start).storeBytes(of: upper, as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(dx + width + 2 * start).storeBytes(of: lower, as: SIMD16<Float>.self)
        ox = start + lanes
    }
}

/// Windows per vector: rows with fewer windows take the scalar paths.
let maxPoolVectorWindows = 8
private let lanes = maxPoolVectorWindows

/// 0, 2, 4, …: each window's left input, relative to the first window's.
private let leftOffsets = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)

/// The scalar rule for the window whose top-left input is at `top`: (maximum, its index).
@inline(__always)
private func window(_ plane: UnsafePointer<Float>, top: Int, width: Int) -> (Float, Int32) {
    let v0 = plane[top], v1 = plane[top + 1], v2 = plane[top + width], v3 = plane[top + width + 1]
    let i0 = Int32(truncatingIfNeeded: top), i2 = Int32(truncatingIfNeeded: top + width)
    var best = v0, at = i0
    if v1 > best { best = v1; at = i0 &+ 1 }
    if v2 > best { best = v2; at = i2 }
    if v3 > best { best = v3; at = i2 &+ 1 }
    return (best, at)
}

/// left[0], right[0], left[1], right[1], …
@inline(__always)
private func interleave(_ left: SIMD8<Float>, _ right: SIMD8<Float>) -> SIMD16<Float> {
    SIMD16(left[0], right[0], left[1], right[1], left[2], right[2], left[3], right[3],
           left[4], right[4], left[5], right[5], left[6], right[6], left[7], right[7])
}
