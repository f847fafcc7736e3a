extension RawImages {
    /// The images at `indices`, untransformed and normalised as every benchmark normalises
    /// (`ImageTransform`'s one rule: pixel · (1/std) + (−mean/std)), with their labels.
    public func normalized(indices: [Int], mean: Float, std: Float) -> LabeledImages {
        let transform = ImageTransform.identity(height: height, width: width)
        return LabeledImages(pixels: transform.apply(to: self, indices: indices, mean: mean, std: std),
                             labels: indices.map { labels[$0] }, height: height, width: width)
    }
}
