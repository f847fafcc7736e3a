// Shared test helpers: closeness checks and finite-difference gradient checks.
import Engine
import Testing

/// Expects `actual` and `expected` to agree element-wise within `absolute + relative·|expected|`,
/// recording the worst offending index and values on failure.
public func expectClose(_ actual: [Float], _ expected: [Float], absolute: Float = 1e-5, relative: Float = 1e-4,
                        _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == expected.count else {
        Issue.record("expectClose: \(actual.count) values vs \(expected.count) expected. \(comment.map { "\($0)" } ?? "")",
                     sourceLocation: sourceLocation)
        return
    }
    var worst = -1
    var worstExcess: Float = 0
    for i in 0..<actual.count {
        let allowed = absolute + relative * abs(expected[i])
        let diff = abs(actual[i] - expected[i])
        if !(diff <= allowed) && (worst < 0 || diff - allowed > worstExcess || diff.isNaN) {
            worst = i
            worstExcess = diff - allowed
        }
    }
    if worst >= 0 {
        Issue.record("expectClose: index \(worst) is \(actual[worst]), expected \(expected[worst]) (abs \(absolute), rel \(relative)). \(comment.map { "\($0)" } ?? "")",
                     sourceLocation: sourceLocation)
    }
}

/// Expects two scalars to agree within `absolute + relative·|expected|`.
public func expectClose(_ actual: Double, _ expected: Double, absolute: Double = 1e-9, relative: Double = 1e-6,
                        _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    let ok = abs(actual - expected) <= absolute + relative * abs(expected)
    #expect(ok, "\(actual) vs expected \(expected) (abs \(absolute), rel \(relative)) \(comment.map { "\($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// Whether the tests were built optimised (`swift test -c release`): heavy numeric tests run only then.
public let isOptimisedBuild: Bool = {
    #if DEBUG
    return false
    #else
    return true
    #endif
}()
