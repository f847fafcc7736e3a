import CPNG
import Foundation

/// PNG encoding and decoding with libpng's simplified API (8-bit RGBA, no metadata).
///
/// Encoding is deterministic: the same pixels give the same bytes (libpng writes no
/// time stamp through this API and its zlib settings are fixed).
public enum PNG {
    /// The PNG bytes of `canvas` (RGBA8, straight alpha).
    public static func encode(_ canvas: Canvas) throws -> [UInt8] {
        guard canvas.width > 0, canvas.height > 0 else {
            throw PNGError.encodingFailed(width: canvas.width, height: canvas.height, message: "empty image")
        }
        var image = png_image()
        image.version = GLR_PNG_IMAGE_VERSION
        image.width = png_uint_32(canvas.width)
        image.height = png_uint_32(canvas.height)
        image.format = GLR_PNG_FORMAT_RGBA
        let rowStride = png_int_32(canvas.stride * 4)
        return try canvas.pixels.withUnsafeBytes { raw -> [UInt8] in
            var size = 0
            // First call with no buffer: libpng reports the size it needs.
            guard png_image_write_to_memory(&image, nil, &size, 0, raw.baseAddress, rowStride, nil) != 0 else {
                throw PNGError.encodingFailed(width: canvas.width, height: canvas.height, message: message(&image))
            }
            var bytes = [UInt8](repeating: 0, count: size)
            let ok = bytes.withUnsafeMutableBytes { out in
                png_image_write_to_memory(&image, out.baseAddress, &size, 0, raw.baseAddress, rowStride, nil)
            }
            guard ok != 0 else {
                throw PNGError.encodingFailed(width: canvas.width, height: canvas.height, message: message(&image))
            }
            return Array(bytes.prefix(size))
        }
    }

    /// Decodes PNG bytes (any colour type libpng reads) into an RGBA8 canvas.
    /// `source` names where the bytes came from, for the error message.
    public static func decode(_ bytes: [UInt8], source: String = "memory") throws -> Canvas {
        var image = png_image()
        image.version = GLR_PNG_IMAGE_VERSION
        let begun = bytes.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard begun != 0 else { throw PNGError.decodingFailed(source: source, message: message(&image)) }
        image.format = GLR_PNG_FORMAT_RGBA
        let width = Int(image.width), height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let finished = pixels.withUnsafeMutableBytes { out in
            png_image_finish_read(&image, nil, out.baseAddress, png_int_32(width * 4), nil)
        }
        guard finished != 0 else {
            let text = message(&image)
            png_image_free(&image)
            throw PNGError.decodingFailed(source: source, message: text)
        }
        return Canvas(width: width, height: height, pixels: pixels)
    }

    /// Reads and decodes the PNG file at `path`.
    public static func read(path: String) throws -> Canvas {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PNGError.decodingFailed(source: path, message: "cannot read the file")
        }
        return try decode([UInt8](data), source: path)
    }

    /// Encodes `canvas` and writes it to `path` atomically (a temporary file in the same
    /// directory, then a rename), so readers never see a half-written image.
    public static func write(_ canvas: Canvas, to path: String) throws {
        let bytes = try encode(canvas)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PNGError.writeFailed(path: path, message: "\(error)")
        }
    }

    /// libpng's error message from `image`.
    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
