// Data module: see DESIGN.md.
