/// Turns an experiment file's bytes into the text the parser reads, once, where the
/// document is read: UTF-8 checked, a leading byte-order mark dropped, every line ending
/// (CRLF, CR alone, LF, mixed) made LF, and control characters rejected with a location.
///
/// Swift treats "\r\n" as one `Character`, so a split on "\n" never sees it: normalising
/// here means every later stage (cmark, the line table, Yams) counts the same lines.
/// Accepted controls are tab and the line endings; a NUL or any other C0/C1 control or
/// DEL is an error at its `file:line:column` (never a silent truncation at the NUL).
public enum SourceText {
    /// Decodes `bytes` as UTF-8 and normalises it (see the type's doc).
    /// - Throws: `DocumentError.notUTF8` at the first invalid sequence,
    ///   `DocumentError.controlCharacter` at the first forbidden control.
    public static func decode(_ bytes: [UInt8], path: String) throws -> String {
        if let bad = firstInvalidUTF8(bytes) {
            let prefix = String(decoding: bytes[..<bad], as: UTF8.self)
            let (line, column) = position(afterNormalising: prefix)
            throw DocumentError.notUTF8(SourceLocation(file: path, line: line, column: column), byteOffset: bad)
        }
        return try normalise(String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// `text` without a leading BOM, with LF line endings only.
    /// - Throws: `DocumentError.controlCharacter` at the first forbidden control character.
    public static func normalise(_ text: String, path: String) throws -> String {
        var scalars = String.UnicodeScalarView()
        var line = 1, column = 1
        var previousCR = false
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 0 && scalar == "\u{FEFF}" { continue }
            if scalar == "\n" && previousCR { previousCR = false; continue }  // CRLF: the CR already ended the line
            previousCR = scalar == "\r"
            if scalar == "\r" || scalar == "\n" {
                scalars.append("\n")
                line += 1; column = 1
                continue
            }
            if isForbidden(scalar) {
                throw DocumentError.controlCharacter(SourceLocation(file: path, line: line, column: column), scalar: scalar.value)
            }
            scalars.append(scalar)
            column += 1
        }
        return String(scalars)
    }

    /// Whether a scalar is a control character the format refuses (all C0 except tab, LF and
    /// CR; DEL; C1).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v <= 0x9F)
    }

    /// 1-based line and column just after `prefix`, counting every line ending as one.
    static func position(afterNormalising prefix: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var previousCR = false
        for scalar in prefix.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\n" && previousCR { continue }
            if scalar == "\r" || scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// The byte offset of the first invalid UTF-8 sequence, nil when the bytes are valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
