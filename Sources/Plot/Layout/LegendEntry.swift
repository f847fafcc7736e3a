/// One legend row: a swatch (line, marker or box) and a name.
struct LegendEntry {
    var name: String
    var color: Color
    var marker: Marker? = nil
    var dash: Dash? = nil
    var line = true
    var box = false
}
