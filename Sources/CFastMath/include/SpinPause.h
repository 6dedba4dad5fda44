#ifndef KALMANOPT_SPINPAUSE_H
#define KALMANOPT_SPINPAUSE_H
// The CPU's spin-wait hint, for a thread polling a flag another core will set:
// x86 PAUSE, Arm YIELD, nothing elsewhere. It lets an SMT sibling run and
// stops the loop from flooding the memory order buffer; it has no other effect.
static inline __attribute__((always_inline)) void kfo_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
  __asm__ __volatile__("yield");
#endif
}
#endif
