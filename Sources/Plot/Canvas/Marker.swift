/// The shape of a data-point marker.
public enum Marker: String, CaseIterable, Hashable, Sendable {
    case circle, square, triangle, diamond, cross
}
