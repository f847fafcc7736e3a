// Running independent pieces of work (files, experiences) on the available cores.

import Dispatch
import Foundation

/// Results of `body(0..<count)` computed concurrently (DispatchQueue.concurrentPerform),
/// in index order; the first error thrown (by index) is rethrown. Each result depends
/// only on its index, so the output is the same as a serial map.
func parallelMap<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
    let box = ResultSlots<T>(count)
    withoutActuallyEscaping(body) { body in
        DispatchQueue.concurrentPerform(iterations: count) { i in
            box.set(i, Result { try body(i) })
        }
    }
    return try box.results.map { try $0!.get() }
}

/// Lock-protected result slots filled by concurrent workers.
private final class ResultSlots<T>: @unchecked Sendable {
    private(set) var results: [Result<T, Error>?]
    private let lock = NSLock()

    init(_ count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }
}
