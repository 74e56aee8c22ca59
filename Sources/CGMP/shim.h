// Static inline wrappers over GNU MP's API: gmp.h names its functions through macros
// (mpz_init is __gmpz_init) and implements some as function-like macros (mpz_sgn, mpq_numref),
// neither of which Swift imports. ExactArithmetic is the only user of this module.
#ifndef TDA_EVAL_CGMP_SHIM_H
#define TDA_EVAL_CGMP_SHIM_H
#include <gmp.h>
#include <string.h>

// MARK: integers (mpz)

static inline void cgmp_mpz_init(mpz_ptr z) { mpz_init(z); }
static inline void cgmp_mpz_init_set(mpz_ptr z, mpz_srcptr v) { mpz_init_set(z, v); }
static inline void cgmp_mpz_clear(mpz_ptr z) { mpz_clear(z); }
static inline void cgmp_mpz_set(mpz_ptr z, mpz_srcptr v) { mpz_set(z, v); }
static inline void cgmp_mpz_set_si(mpz_ptr z, long v) { mpz_set_si(z, v); }
static inline void cgmp_mpz_set_ui(mpz_ptr z, unsigned long v) { mpz_set_ui(z, v); }
static inline int cgmp_mpz_set_str(mpz_ptr z, const char *s, int base) { return mpz_set_str(z, s, base); }
static inline void cgmp_mpz_import_words(mpz_ptr z, size_t count, const unsigned long *words) {
  mpz_import(z, count, -1, sizeof(unsigned long), 0, 0, words);
}
static inline void cgmp_mpz_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void cgmp_mpz_add_ui(mpz_ptr r, mpz_srcptr a, unsigned long b) { mpz_add_ui(r, a, b); }
static inline void cgmp_mpz_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void cgmp_mpz_sub_ui(mpz_ptr r, mpz_srcptr a, unsigned long b) { mpz_sub_ui(r, a, b); }
static inline void cgmp_mpz_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void cgmp_mpz_addmul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_addmul(r, a, b); }
static inline void cgmp_mpz_submul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_submul(r, a, b); }
static inline void cgmp_mpz_neg(mpz_ptr r, mpz_srcptr a) { mpz_neg(r, a); }
static inline void cgmp_mpz_abs(mpz_ptr r, mpz_srcptr a) { mpz_abs(r, a); }
static inline void cgmp_mpz_tdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr n, mpz_srcptr d) { mpz_tdiv_qr(q, r, n, d); }
static inline void cgmp_mpz_tdiv_q(mpz_ptr q, mpz_srcptr n, mpz_srcptr d) { mpz_tdiv_q(q, n, d); }
static inline void cgmp_mpz_tdiv_r(mpz_ptr r, mpz_srcptr n, mpz_srcptr d) { mpz_tdiv_r(r, n, d); }
static inline void cgmp_mpz_pow_ui(mpz_ptr r, mpz_srcptr b, unsigned long e) { mpz_pow_ui(r, b, e); }
static inline void cgmp_mpz_gcd(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_gcd(r, a, b); }
static inline void cgmp_mpz_bin_ui(mpz_ptr r, mpz_srcptr n, unsigned long k) { mpz_bin_ui(r, n, k); }
static inline void cgmp_mpz_bin_uiui(mpz_ptr r, unsigned long n, unsigned long k) { mpz_bin_uiui(r, n, k); }
static inline int cgmp_mpz_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline int cgmp_mpz_cmp_si(mpz_srcptr a, long b) { return mpz_cmp_si(a, b); }
static inline int cgmp_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline int cgmp_mpz_fits_slong(mpz_srcptr z) { return mpz_fits_slong_p(z); }
static inline long cgmp_mpz_get_si(mpz_srcptr z) { return mpz_get_si(z); }
static inline double cgmp_mpz_get_d(mpz_srcptr z) { return mpz_get_d(z); }
static inline size_t cgmp_mpz_size(mpz_srcptr z) { return mpz_size(z); }
static inline unsigned long cgmp_mpz_getlimbn(mpz_srcptr z, size_t n) { return mpz_getlimbn(z, n); }
static inline size_t cgmp_mpz_sizeinbase(mpz_srcptr z, int base) { return mpz_sizeinbase(z, base); }
static inline char *cgmp_mpz_get_str(char *buf, int base, mpz_srcptr z) { return mpz_get_str(buf, base, z); }

// MARK: rationals (mpq), always kept in canonical form (lowest terms, positive denominator)

static inline void cgmp_mpq_init(mpq_ptr q) { mpq_init(q); }
static inline void cgmp_mpq_clear(mpq_ptr q) { mpq_clear(q); }
static inline void cgmp_mpq_set(mpq_ptr q, mpq_srcptr v) { mpq_set(q, v); }
static inline void cgmp_mpq_set_si(mpq_ptr q, long num, unsigned long den) { mpq_set_si(q, num, den); mpq_canonicalize(q); }
static inline void cgmp_mpq_set_z(mpq_ptr q, mpz_srcptr z) { mpq_set_z(q, z); }
static inline void cgmp_mpq_set_num_den(mpq_ptr q, mpz_srcptr num, mpz_srcptr den) {
  mpz_set(mpq_numref(q), num);
  mpz_set(mpq_denref(q), den);
  mpq_canonicalize(q);
}
static inline void cgmp_mpq_set_d(mpq_ptr q, double d) { mpq_set_d(q, d); }
static inline int cgmp_mpq_set_str(mpq_ptr q, const char *s, int base) {
  int status = mpq_set_str(q, s, base);
  if (status == 0) {
    if (mpz_sgn(mpq_denref(q)) == 0) return -1;
    mpq_canonicalize(q);
  }
  return status;
}
static inline mpz_srcptr cgmp_mpq_numref(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr cgmp_mpq_denref(mpq_srcptr q) { return mpq_denref(q); }
static inline void cgmp_mpq_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
static inline void cgmp_mpq_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
static inline void cgmp_mpq_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
static inline void cgmp_mpq_div(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_div(r, a, b); }
static inline void cgmp_mpq_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
static inline void cgmp_mpq_inv(mpq_ptr r, mpq_srcptr a) { mpq_inv(r, a); }
static inline int cgmp_mpq_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
static inline int cgmp_mpq_equal(mpq_srcptr a, mpq_srcptr b) { return mpq_equal(a, b); }
static inline int cgmp_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
static inline double cgmp_mpq_get_d(mpq_srcptr q) { return mpq_get_d(q); }
static inline char *cgmp_mpq_get_str(char *buf, int base, mpq_srcptr q) { return mpq_get_str(buf, base, q); }

// MARK: memory

/// Frees a string returned by the get_str functions, through GMP's own deallocator.
static inline void cgmp_free_string(char *s) {
  void (*deallocate)(void *, size_t);
  mp_get_memory_functions(NULL, NULL, &deallocate);
  deallocate(s, strlen(s) + 1);
}

#endif
