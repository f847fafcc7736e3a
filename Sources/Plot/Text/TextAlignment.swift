/// Where a text anchor lies horizontally on the text (along the reading direction).
public enum HAlign: Sendable { case left, center, right }

/// Where a text anchor lies vertically on the text (across the reading direction).
public enum VAlign: Sendable { case top, middle, baseline, bottom }
