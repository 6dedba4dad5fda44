#ifndef KALMANOPT_CZLIB_SHIM_H
#define KALMANOPT_CZLIB_SHIM_H
// zlib, for reading gzipped IDX files (gzread reads plain files transparently).
#include <zlib.h>
#endif
