// The fuzz build's entry point. SwiftPM links an executable target with
// `--defsym main=DocumentFuzz_main`, so libFuzzer's own `main` is never used; with
// -DGLR_FUZZING this file defines DocumentFuzz_main as libFuzzer's driver over
// LLVMFuzzerTestOneInput (Fuzz/DocumentFuzz). Without it, it is empty and the Swift
// target's @main replayer is the entry point.
#include "DocumentFuzzEntry.h"

#ifdef GLR_FUZZING
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int DocumentFuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
#endif
