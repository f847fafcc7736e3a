import Foundation
import Plot
import Testing

/// Compares `canvas` with `Golden/<name>.png` pixel for pixel (exactly: the rasteriser
/// is integer compositing over IEEE double geometry, so output is reproducible).
///
/// On a mismatch writes `<name>_actual.png` and `<name>_diff.png` (differing pixels red
/// over a faded copy of the expected image) into a temporary directory named in the
/// failure. `RECORD_GOLDEN=1 swift test --filter PlotTests` re-records the goldens.
func expectGolden(_ canvas: Canvas, _ name: String, filePath: String = #filePath,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    let sourceDir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try PNG.write(canvas, to: sourceDir.appendingPathComponent("\(name).png").path)
        return
    }
    guard let url = Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "Golden") else {
        Issue.record("No golden image Golden/\(name).png: record it with RECORD_GOLDEN=1 swift test --filter PlotTests",
                     sourceLocation: sourceLocation)
        return
    }
    let expected = try PNG.read(path: url.path)
    guard expected.width == canvas.width, expected.height == canvas.height else {
        let dir = try writeFailure(canvas, expected, name)
        Issue.record("\(name): size \(canvas.width)×\(canvas.height), golden \(expected.width)×\(expected.height); actual in \(dir)",
                     sourceLocation: sourceLocation)
        return
    }
    var differing = 0, worst = 0
    for y in 0..<canvas.height {
        for x in 0..<canvas.width {
            let a = canvas.pixel(x, y), b = expected.pixel(x, y)
            let d = max(abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)), abs(Int(a.a) - Int(b.a)))
            if d > 0 { differing += 1; worst = max(worst, d) }
        }
    }
    if differing > 0 {
        let dir = try writeFailure(canvas, expected, name)
        Issue.record("\(name): \(differing) pixels differ (max channel difference \(worst)); see \(dir)/\(name)_actual.png and _diff.png, re-record with RECORD_GOLDEN=1 if intended",
                     sourceLocation: sourceLocation)
    }
}

/// Writes the actual image and a diff image into a fresh temporary directory.
private func writeFailure(_ actual: Canvas, _ expected: Canvas, _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("glr-golden-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try PNG.write(actual, to: dir.appendingPathComponent("\(name)_actual.png").path)
    var diff = Canvas(width: actual.width, height: actual.height)
    for y in 0..<actual.height {
        for x in 0..<actual.width {
            let a = actual.pixel(x, y), b = expected.pixel(x, y)
            diff.fillRect(Double(x), Double(y), 1, 1, color: a == b ? b.withOpacity(0.25) : Color(hex: 0xFF0000))
        }
    }
    try PNG.write(diff, to: dir.appendingPathComponent("\(name)_diff.png").path)
    return dir.path
}
