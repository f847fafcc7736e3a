// Report module: see DESIGN.md.
