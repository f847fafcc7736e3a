#pragma once
// glibc's CPU placement calls, GNU extensions that Swift's Glibc module does not import (they
// are declared only under _GNU_SOURCE). The masks are cpu_set_t, passed as bytes.
#if defined(__linux__)
#include <stddef.h>
extern int sched_getcpu(void);
extern int sched_getaffinity(int pid, size_t size, void *mask);
extern int sched_setaffinity(int pid, size_t size, const void *mask);
#endif
