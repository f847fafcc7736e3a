/// Where a text anchor lies horizontally on the text (along the reading direction).
public enum HAlign: Sendable { case left, center, right }
