// No API: this target only supplies the fuzz build's entry point (see entry.c).
