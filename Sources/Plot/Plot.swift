// Plot module: see DESIGN.md.
