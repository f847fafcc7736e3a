import Engine
import Foundation

/// Latents that frozen backbones computed, kept for the next runs of the same process that
/// ask for the same ones.
///
/// The runs of a study that share experience 0 and then train the head alone (Latent
/// Replay, GLR and its variants, at one freeze depth) freeze the same backbone and read the
/// same experiences, so each experience's training and test latents are the same numbers in
/// every such run. The memo hands them out after the first run computed them.
///
/// An entry is found by everything its latents depend on, compared exactly: the benchmark
/// (its building parameters and the dataset's fingerprint, `benchmark`), the model, the
/// latent layer, the backbone's parameter bits, the experience and the split. A hit
/// therefore returns the numbers a computation would have, bit for bit. Entries are kept
/// within `byteBudget` bytes of latents, least recently used first out; latents larger than
/// an eighth of the budget are not kept (conv2's 1,568-wide latents, 376 MB an experience).
public final class FrozenLatentsMemo: @unchecked Sendable {
    /// Which set of an experience the latents are of.
    public enum Split: Sendable { case train, test }

    /// Everything an entry's latents depend on.
    private struct Key {
        let benchmark: String, model: String, latentIndex: Int
        let backbone: [[Float]]
        let experience: Int, split: Split

        func matches(_ other: Key) -> Bool {
            experience == other.experience && split == other.split && latentIndex == other.latentIndex
                && model == other.model && benchmark == other.benchmark && FrozenLatentsMemo.sameBits(backbone, other.backbone)
        }
    }

    private struct Entry {
        let key: Key
        let latents: SampleSet
        var lastUse: Int
    }

    /// Latents one thread is computing; threads asking for the same ones wait for them.
    private final class Pending {
        let key: Key
        var latents: SampleSet?
        init(key: Key) { self.key = key }
    }

    /// Bytes of latents the memo may hold.
    public let byteBudget: Int
    /// Lookups answered from the memo (or from another thread's computation), and lookups
    /// that computed (for tests and progress).
    public private(set) var hits = 0, misses = 0
    private var entries: [Entry] = []
    private var pending: [Pending] = []
    private var clock = 0
    private let condition = NSCondition()

    /// An empty memo holding at most `byteBudget` bytes of latents (default 1.5 GiB: the
    /// 288-wide latents of three seeds' five experiences, train and test).
    public init(byteBudget: Int = 1_536 << 20) {
        self.byteBudget = byteBudget
    }

    /// The latents of `split` of experience `experience` under `network`'s backbone: the
    /// memo's copy when it holds one for the same benchmark, model, latent layer and backbone
    /// bits, else `compute()`'s, kept for later when they fit. Runs on several threads may
    /// ask at once: while one computes an entry, the others asking for it wait for its
    /// result instead of computing it again (also when it is too large to keep).
    func latents(benchmark: String, model: String, network: Sequential, experience: Int, split: Split,
                 compute: () -> SampleSet) -> SampleSet {
        let key = Key(benchmark: benchmark, model: model, latentIndex: network.latentIndex,
                      backbone: network.backboneParameters.map(\.value), experience: experience, split: split)
        condition.lock()
        clock += 1
        if let i = entries.firstIndex(where: { $0.key.matches(key) }) {
            hits += 1
            entries[i].lastUse = clock
            defer { condition.unlock() }
            return entries[i].latents
        }
        if let computing = pending.first(where: { $0.key.matches(key) }) {
            hits += 1
            while computing.latents == nil { condition.wait() }
            defer { condition.unlock() }
            return computing.latents!
        }
        misses += 1
        let mine = Pending(key: key)
        pending.append(mine)
        condition.unlock()

        let latents = compute()

        condition.lock()
        defer { condition.unlock() }
        mine.latents = latents
        pending.removeAll { $0 === mine }
        condition.broadcast()
        let bytes = latents.values.count * MemoryLayout<Float>.size
        guard bytes <= byteBudget / 8 else { return latents }
        while entries.reduce(0, { $0 + $1.latents.values.count * MemoryLayout<Float>.size }) + bytes > byteBudget,
              let oldest = entries.indices.min(by: { entries[$0].lastUse < entries[$1].lastUse }) {
            entries.remove(at: oldest)
        }
        entries.append(Entry(key: key, latents: latents, lastUse: clock))
        return latents
    }

    /// Whether two parameter lists hold the same bits (not `==`, for which −0 equals +0).
    static func sameBits(_ a: [[Float]], _ b: [[Float]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.count == y.count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
    }
}
