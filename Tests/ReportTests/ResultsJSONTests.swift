import Foundation
import Report
import Testing

@Suite struct ResultsJSONTests {
    @Test func roundTripsThroughTheReader() throws {
        let text = try ReportWriter.resultsJSON(Fixtures.document())
        let value = try JSONValue.parse(text, source: "test")
        #expect(value.formatted() == text)
        let glr = try #require(value["cells"]?["glr"]?["runs"]?["glr"])
        #expect(glr["accuracy_matrix"] == .array([.array([.double(0.9), .double(0.1), .double(0.12)]),
                                                  .array([.double(0.85), .double(0.87), .double(0.14)]),
                                                  .array([.double(0.8123), .double(0.83), .double(0.9)])]))
        #expect(glr["storage_bytes"] == .array([.integer(0), .integer(24_576), .integer(24_576)]))
        #expect(glr["configuration"]?["strategy"] == .string("glr"))
        #expect(value["cells"]?["table-5"]?["table"]?["rows"] == .array([
            .array([.string("naive"), .double(0.6266666), .integer(0), .double(12.5)]),
            .array([.string("glr"), .object(["mean": .double(0.8474), "sd": .double(0.0123)]), .integer(24_576), .double(12.5)]),
        ]))
        #expect(value["cells"]?["ewc"]?["message"] == .string("ewc_lambda must be ≥ 0, got -1"))
    }

    @Test func keysAreSortedAndNumbersStable() throws {
        let value = JSONValue.object(["b": .double(0.1), "a": .array([.integer(6000), .number(Float(0.1)), .number(Double.nan)]),
                                      "c": .object([:])])
        #expect(value.formatted() == "{\n  \"a\": [6000, 0.1, \"nan\"],\n  \"b\": 0.1,\n  \"c\": {}\n}\n")
        #expect(JSONValue.double(-0.0).formatted() == "0.0\n")
        #expect(JSONValue.double(1e-5).formatted() == "1e-05\n")
    }

    @Test func readerHandlesEscapesAndRejectsGarbage() throws {
        let value = try JSONValue.parse("{\"s\": \"a\\\"b\\u00e9\\n\", \"n\": [-1, 2.5e3, true, null]}", source: "test")
        #expect(value == .object(["s": .string("a\"bé\n"), "n": .array([.integer(-1), .double(2500), .bool(true), .null])]))
        #expect(throws: ReportError.self) { try JSONValue.parse("{\"a\": 1", source: "test") }
        #expect(throws: ReportError.self) { try JSONValue.parse("{\"a\" 1}", source: "test") }
        #expect(throws: ReportError.self) { try JSONValue.parse("[1] 2", source: "test") }
    }
}
