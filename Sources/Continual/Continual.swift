// Continual module: see DESIGN.md.
