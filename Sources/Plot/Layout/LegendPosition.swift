/// Where a chart puts its legend.
public enum LegendPosition: Sendable {
    /// No legend.
    case none
    /// Outside the plot, to its right (space is reserved; never overlaps data).
    case right
    /// Inside the plot, in a corner, on a translucent white box.
    case topLeft, topRight, bottomLeft, bottomRight
}
