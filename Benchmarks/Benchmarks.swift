// Benchmarks module: see DESIGN.md.
