/// Where a text anchor lies vertically on the text (across the reading direction).
public enum VAlign: Sendable { case top, middle, baseline, bottom }
