// Pipeline: parse → plan → execute (see DESIGN.md).
