// Per-thread scratch memory for the engine's kernels (packed GEMM panels, padded planes,
// masks), allocated once per thread and grown on demand: the engine's workers run kernels
// concurrently, and page faults on fresh allocations cost more than the packing itself.
// Slots:
//   0  the GEMM's packed Bᵀ, or its packed op(A)ᵀ block (`transposedAlongRows`), or the direct
//      and pooled convolutions' padded planes;
//   1  the GEMM's column-path A panel, or its Cᵀ block (`transposedAlongRows`), or the direct
//      and pooled convolutions' kernel offsets;
//   2, 3  narrow-plane im2col's and col2im's padded planes and masks, or the pooled
//         convolution's transposed weights and channels-last pooled values.
// A slot's contents last only until its user's next call.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calling thread's kernel scratch buffers (four slots, each grown as needed, never shrunk).
final class KernelScratch {
    private var slots: [UnsafeMutableRawPointer?] = [nil, nil, nil, nil]
    private var capacities: [Int] = [0, 0, 0, 0]

    deinit {
        for slot in slots { slot?.deallocate() }
    }

    /// At least `count` values of `T` in slot `slot` (0…3); contents are undefined.
    func buffer<T>(_: T.Type, count: Int, slot: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if capacities[slot] < bytes {
            slots[slot]?.deallocate()
            let capacity = max(bytes, capacities[slot] * 2)
            slots[slot] = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
            capacities[slot] = capacity
        }
        return slots[slot]!.assumingMemoryBound(to: T.self)
    }

    /// The calling thread's scratch (created on first use, released when the thread ends).
    static var current: KernelScratch {
        if let existing = pthread_getspecific(key) {
            return Unmanaged<KernelScratch>.fromOpaque(existing).takeUnretainedValue()
        }
        let scratch = KernelScratch()
        pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Glibc)
            guard let pointer else { return }
            #endif
            Unmanaged<KernelScratch>.fromOpaque(pointer).release()
        }
        precondition(status == 0, "KernelScratch: pthread_key_create failed (\(status))")
        return key
    }()
}
