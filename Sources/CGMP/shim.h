// Static inline wrappers over GNU MP's API: gmp.h names its functions through macros
// (mpz_init is __gmpz_init), which Swift does not import. ExactArithmetic is the only user.
#ifndef TDA_EVAL_CGMP_SHIM_H
#define TDA_EVAL_CGMP_SHIM_H
#include <gmp.h>

static inline void cgmp_mpz_init(mpz_ptr z) { mpz_init(z); }
static inline void cgmp_mpz_clear(mpz_ptr z) { mpz_clear(z); }
static inline void cgmp_mpz_set_si(mpz_ptr z, long v) { mpz_set_si(z, v); }
static inline void cgmp_mpz_set_str(mpz_ptr z, const char *s, int base) { mpz_set_str(z, s, base); }
static inline void cgmp_mpz_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void cgmp_mpz_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void cgmp_mpz_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void cgmp_mpz_bin_uiui(mpz_ptr r, unsigned long n, unsigned long k) { mpz_bin_uiui(r, n, k); }
static inline int cgmp_mpz_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline int cgmp_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline size_t cgmp_mpz_sizeinbase(mpz_srcptr z, int base) { return mpz_sizeinbase(z, base); }
static inline char *cgmp_mpz_get_str(char *buf, int base, mpz_srcptr z) { return mpz_get_str(buf, base, z); }

#endif
