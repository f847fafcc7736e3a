import Glibc

/// Process-wide allocator tuning: page faults are expensive on these VMs, so buffers up to
/// 32 MiB come from a heap that is never trimmed (glibc `mallopt`), as the PyTorch peer
/// does with its MALLOC_* tunables. `mallopt` is looked up with `dlsym` because Swift's
/// Glibc module does not export <malloc.h>; without it nothing changes.
public enum AllocatorTuning {
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private static let applied: Bool = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3  // <malloc.h>
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, Int32.max)
        _ = mallopt(topPad, 64 << 20)
        return true
    }()

    /// Applies the tuning once; returns whether `mallopt` was found.
    @discardableResult
    public static func apply() -> Bool { applied }
}
