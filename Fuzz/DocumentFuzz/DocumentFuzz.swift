// A libFuzzer target for the document parser and planner (issue 16): any bytes in, a
// located error or a plan out. Built for fuzzing by scripts/fuzz-documents:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
//     -Xswiftc -DFUZZING -Xcc -DGLR_FUZZING --product glr-fuzz-document --scratch-path .build-fuzz
// (the C entry point in Fuzz/DocumentFuzzEntry starts libFuzzer's driver).
// Without -DFUZZING (a plain `swift build`) it is a replayer: `glr-fuzz-document FILE...`
// runs each file through the same check, e.g. to reproduce a crash libFuzzer saved.

import Foundation
import Pipeline

/// One input through decode → parse → plan (no dataset is read: a fixed fingerprint and a
/// Fashion-MNIST-sized shape stand in). A crash, or a rejection whose error does not name
/// `file:line:column`, stops the process (libFuzzer saves the input).
enum DocumentFuzz {
    static let path = "fuzz.md"
    static let shape = DatasetShape(trainPerClass: Dictionary(uniqueKeysWithValues: (0..<10).map { (Int32($0), 6000) }),
                                    testPerClass: Dictionary(uniqueKeysWithValues: (0..<10).map { (Int32($0), 1000) }))

    /// Checks one input.
    static func check(_ bytes: [UInt8]) {
        do {
            let document = try DocumentParser.parse(text: SourceText.decode(bytes, path: path), path: path)
            _ = try Planner().plan(document, overrides: [:], fingerprint: { _ in "fuzz" }, shape: { _ in shape })
        } catch let error as DocumentError {
            for line in error.errors.map(\.description) where !line.hasPrefix(path + ":") {
                fatalError("unlocated error: \(line)")
            }
        } catch {
            fatalError("not a DocumentError: \(error)")
        }
    }
}

#if FUZZING
/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    DocumentFuzz.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Replays files through the fuzz check.
@main
struct DocumentFuzzReplay {
    static func main() throws {
        for file in CommandLine.arguments.dropFirst() {
            DocumentFuzz.check([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
            print("ok: \(file)")
        }
    }
}
#endif
