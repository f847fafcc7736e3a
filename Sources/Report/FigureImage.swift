/// A drawn figure as the page shows it: file name, `src` (the file, or a data URI with
/// `--embed`), alt text and caption; or the reason it could not be drawn.
struct FigureImage {
    /// `fig-<cell index>-<kind>.png`.
    var file: String
    /// The PNG bytes (empty when drawing failed).
    var png: [UInt8]
    /// Alt text: what the figure shows, for screen readers and when images are off.
    var alt: String
    /// Caption under the figure.
    var caption: String
    /// Width in CSS pixels (the PNG is drawn at `FigureRenderer.scale` times this).
    var width: Int
    /// Why drawing failed, if it did.
    var error: String?

    /// The `src` attribute: the file name, or a base64 data URI when embedding.
    func source(embed: Bool) -> String {
        embed ? "data:image/png;base64," + Base64.encode(png) : file
    }
}
