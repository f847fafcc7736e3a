// im2col and col2im for stride-1 "same" convolutions on narrow planes (the reference CNN's
// 7×7 conv3 input). There a row of `columns` is a handful of short runs, and copying run by
// run costs a call each. Instead each (c, ki, kj, sample) row moves as ⌈P/16⌉ vectors of
// the shifted plane, with the positions whose source lies in the zero padding masked:
// - im2col: columns = masked shifted input (a last vector may overlap the previous one and
//   writes the same values). 1.8× faster than run by run on 7×7 planes, no faster on 14×14.
// - col2im: output += columns where the mask is set, in the same (c, ki, kj) order per
//   output element as the run-by-run code; a last vector's overlapping lanes are masked
//   too, so nothing is added twice, and masked lanes keep their old bits.
// The shifted positions may leave the plane: both work on a copy of the chunk's planes with
// a zero margin on each side, so only masked lanes read or write outside a plane.

/// The masked-vector im2col / col2im (see the file comment).
enum NarrowPlanes {
    typealias Vector = SIMD16<Float>
    static let lanes = Vector.scalarCount

    /// Stride 1, "same" padding, planes narrower than 8 and at least one vector of positions.
    static func apply(_ g: ConvGeometry) -> Bool {
        g.isSameStride1 && g.width < 8 && g.height * g.width >= lanes
    }

    /// `im2col` on narrow planes.
    static func im2col(_ input: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, into columns: UnsafeMutablePointer<Float>) {
        let layout = Layout(g, samples: samples)
        move(.planesToColumns, layout, columns: columns, planes: layout.paddedCopy(of: input),
             masks: layout.masks(excludingOverlap: false))
    }

    /// `col2im` on narrow planes: adds into `output`, which holds the chunk's planes.
    static func col2im(_ columns: UnsafeMutablePointer<Float>, samples: Int, _ g: ConvGeometry,
                       addingInto output: UnsafeMutablePointer<Float>) {
        let layout = Layout(g, samples: samples)
        let sums = layout.paddedCopy(of: UnsafePointer(output))
        move(.columnsAddedToPlanes, layout, columns: columns, planes: sums, masks: layout.masks(excludingOverlap: true))
        output.update(from: sums + layout.margin, count: layout.count)
    }

    /// Which way `move` goes.
    private enum Direction { case planesToColumns, columnsAddedToPlanes }

    /// Visits every vector of every (c, ki, kj, sample) row of `columns` in the run-by-run
    /// code's order, with the padded planes' vector it comes from (shifted by the kernel
    /// offset), and copies the planes' masked values to the row, or adds the row's masked
    /// values to the planes. (One loop for both: a closure per vector was not inlined.)
    @inline(__always)
    private static func move(_ direction: Direction, _ layout: Layout, columns: UnsafeMutablePointer<Float>,
                             planes: UnsafeMutablePointer<Float>, masks: UnsafeMutablePointer<Vector>) {
        for c in 0..<layout.g.channels {
            for t in 0..<layout.kernel {
                let row = columns + (c * layout.kernel + t) * layout.columnsPerRow
                for n in 0..<layout.samples {
                    let source = planes + layout.planeOffset(sample: n, channel: c) + layout.shift(t)
                    let target = row + n * layout.plane
                    for v in 0..<layout.vectors {
                        let start = layout.start(v)
                        let inImage = masks[t * layout.vectors + v] .> 0
                        let column = target + start, plane = source + start
                        switch direction {
                        case .planesToColumns:
                            let values = UnsafeRawPointer(plane).loadUnaligned(as: Vector.self)
                            UnsafeMutableRawPointer(column).storeBytes(of: Vector().replacing(with: values, where: inImage),
                                                                       as: Vector.self)
                        case .columnsAddedToPlanes:
                            let values = UnsafeRawPointer(column).loadUnaligned(as: Vector.self)
                            let old = UnsafeRawPointer(plane).loadUnaligned(as: Vector.self)
                            UnsafeMutableRawPointer(plane).storeBytes(of: old.replacing(with: old + values, where: inImage),
                                                                      as: Vector.self)
                        }
                    }
                }
            }
        }
    }

    /// Sizes and offsets of one chunk's planes, their padded copy and the masks.
    private struct Layout {
        let g: ConvGeometry
        let samples: Int, plane: Int, count: Int, columnsPerRow: Int, kernel: Int, vectors: Int, margin: Int

        init(_ g: ConvGeometry, samples: Int) {
            self.g = g
            self.samples = samples
            plane = g.height * g.width
            count = samples * g.channels * plane
            columnsPerRow = samples * plane
            kernel = g.kernelH * g.kernelW
            vectors = (plane + NarrowPlanes.lanes - 1) / NarrowPlanes.lanes
            // The largest shift, p·W + p, and one vector beyond it.
            margin = g.padding * g.width + g.padding + NarrowPlanes.lanes
        }

        /// Where vector v of a plane starts (the last one ends at the plane's end).
        func start(_ v: Int) -> Int { min(v * NarrowPlanes.lanes, plane - NarrowPlanes.lanes) }

        /// Offset of kernel position t's source from an output position: dy·W + dx.
        func shift(_ t: Int) -> Int { (t / g.kernelW - g.padding) * g.width + (t % g.kernelW - g.padding) }

        /// Offset of a plane in the padded copy.
        func planeOffset(sample: Int, channel: Int) -> Int { margin + (sample * g.channels + channel) * plane }

        /// The chunk's planes in scratch slot 2, with `margin` zeros before and after.
        func paddedCopy(of planes: UnsafePointer<Float>) -> UnsafeMutablePointer<Float> {
            let copy = KernelScratch.current.buffer(Float.self, count: count + 2 * margin, slot: 2)
            copy.update(repeating: 0, count: margin)
            (copy + margin).update(from: planes, count: count)
            (copy + margin + count).update(repeating: 0, count: margin)
            return copy
        }

        /// masks[t·vectors + v], lane i: 1 when position start(v) + i, shifted by kernel
        /// position t, lies in the image; 0 in the padding, and (when `excludingOverlap`) on
        /// the lanes a last vector shares with the one before.
        func masks(excludingOverlap: Bool) -> UnsafeMutablePointer<Vector> {
            let masks = KernelScratch.current.buffer(Vector.self, count: kernel * vectors, slot: 3)
            let H = g.height, W = g.width
            for t in 0..<kernel {
                let dy = t / g.kernelW - g.padding, dx = t % g.kernelW - g.padding
                for v in 0..<vectors {
                    let start = start(v)
                    var mask = Vector()
                    for lane in 0..<NarrowPlanes.lanes {
                        let y = (start + lane) / W + dy, x = (start + lane) % W + dx
                        let inImage = y >= 0 && y < H && x >= 0 && x < W
                        let fresh = !excludingOverlap || start + lane >= v * NarrowPlanes.lanes
                        mask[lane] = inImage && fresh ? 1 : 0
                    }
                    masks[t * vectors + v] = mask
                }
            }
            return masks
        }
    }
}
