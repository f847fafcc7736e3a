/// Storage conventions for `StreamResult.storageBytes`.
///
/// - raw images: 1 byte per pixel (the uint8 source; the transform is deterministic) + 1 byte per label;
/// - latents (real or drawn): 4 bytes per Float32 value + 1 byte per label;
/// - generators: `LatentGenerator.storageBytes` (parameters as Float32, 4 bytes each);
/// - EWC: 2 Float32 values (θ*, F) per parameter per earlier experience.
public enum StorageCost {
    /// Bytes of `count` raw images of `pixels` pixels each, with labels.
    public static func rawImages(count: Int, pixels: Int) -> Int { count * (pixels + 1) }

    /// Bytes of stored latents (Float32 values) with labels.
    public static func latents(_ samples: SampleSet) -> Int { samples.count * (samples.sampleSize * 4 + 1) }

    /// Bytes of EWC anchors: θ* and F as Float32.
    public static func anchors(_ anchors: [EWCAnchor]) -> Int {
        anchors.reduce(0) { $0 + 2 * 4 * $1.optimum.reduce(0) { $0 + $1.count } }
    }
}
