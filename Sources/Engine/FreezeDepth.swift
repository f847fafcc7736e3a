/// Where the reference CNN is cut into backbone and head (the paper's "freeze depth").
///
/// - `conv2`: latents after the second conv block (32×7×7 = 1568-d).
/// - `conv3`: latents after the third conv block and flatten (288-d, the default).
/// - `head1`: latents after the first hidden Linear + ReLU of the head (64-d).
public enum FreezeDepth: String, Codable, CaseIterable, Sendable {
    case conv2, conv3, head1
}
