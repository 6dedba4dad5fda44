#ifndef KALMANOPT_CFASTMATH_H
#define KALMANOPT_CFASTMATH_H
// Square roots without errno: Swift lowers Float.squareRoot() to a libm call
// (which may set errno), and LLVM will not vectorise a loop around such a call.
// __builtin_elementwise_sqrt is the IEEE square root (correctly rounded, as
// sqrtf/sqrt are) with no side effect, so optimizer loops using it vectorise.
static inline __attribute__((always_inline)) float kfo_sqrtf(float x) { return __builtin_elementwise_sqrt(x); }
static inline __attribute__((always_inline)) double kfo_sqrt(double x) { return __builtin_elementwise_sqrt(x); }
#include "SpinPause.h"
#endif
