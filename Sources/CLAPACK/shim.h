#ifndef KALMANOPT_CLAPACK_SHIM_H
#define KALMANOPT_CLAPACK_SHIM_H
// The only C in the package: OpenBLAS's CBLAS and the LAPACKE wrappers.
#include <cblas.h>
#include <lapacke.h>
#endif
