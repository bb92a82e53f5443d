// Preloaded into a profiled bench child (BENCH_CPU_PROF): exit normally on SIGTERM so that Node writes
// the --cpu-prof file (a process killed by the signal writes none).
process.prependListener('SIGTERM', () => process.exit(0));
