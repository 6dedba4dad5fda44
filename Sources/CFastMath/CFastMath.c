// Intentionally empty: CFastMath is header-only (see include/CFastMath.h).
