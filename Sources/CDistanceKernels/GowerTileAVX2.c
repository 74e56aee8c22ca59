#include "CDistanceKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#pragma clang fp contract(off)

#define TDA_AVX2 __attribute__((target("avx2")))

/// Four lanes of one column's Gower terms, added to `sum` (and, with missing cells, to `present`).
TDA_AVX2 static inline void add_terms(
    __m256d x, __m256d y, double range, int any_missing, __m256d *sum, __m256d *present) {
  const __m256d one = _mm256_set1_pd(1.0);
  __m256d term;
  if (range > 0) {
    __m256d magnitude = _mm256_andnot_pd(_mm256_set1_pd(-0.0), _mm256_sub_pd(x, y));
    __m256d r = _mm256_set1_pd(range);
    term = _mm256_blendv_pd(_mm256_div_pd(magnitude, r), one, _mm256_cmp_pd(magnitude, r, _CMP_GT_OQ));
  } else {
    term = _mm256_andnot_pd(_mm256_cmp_pd(y, x, _CMP_EQ_OQ), one);
  }
  if (any_missing) {
    __m256d missing = _mm256_cmp_pd(y, y, _CMP_UNORD_Q);
    term = _mm256_andnot_pd(missing, term);
    *present = _mm256_add_pd(*present, _mm256_andnot_pd(missing, one));
  }
  *sum = _mm256_add_pd(*sum, term);
}

TDA_AVX2 void tda_gower_tile_avx2(
    const double *queries, size_t query_count, const double *references, size_t reference_count,
    const double *ranges, size_t columns, int any_missing, size_t row_begin, size_t row_end,
    size_t reference_begin, size_t chunks, double *out, size_t stride) {
  const __m256d one = _mm256_set1_pd(1.0);
  const __m256d count = _mm256_set1_pd((double)columns);
  for (size_t q = row_begin; q < row_end; q++) {
    double *row = out + (q - row_begin) * stride;
    for (size_t chunk = 0; chunk < chunks; chunk++) {
      size_t j = reference_begin + 8 * chunk;
      __m256d sum0 = _mm256_setzero_pd(), sum1 = _mm256_setzero_pd();
      __m256d present0 = _mm256_setzero_pd(), present1 = _mm256_setzero_pd();
      for (size_t k = 0; k < columns; k++) {
        double value = queries[k * query_count + q];
        if (any_missing && value != value) continue;
        __m256d x = _mm256_set1_pd(value);
        const double *y = references + k * reference_count + j;
        add_terms(x, _mm256_loadu_pd(y), ranges[k], any_missing, &sum0, &present0);
        add_terms(x, _mm256_loadu_pd(y + 4), ranges[k], any_missing, &sum1, &present1);
      }
      __m256d d0, d1;
      if (any_missing) {
        d0 = _mm256_blendv_pd(_mm256_div_pd(sum0, present0), one,
                              _mm256_cmp_pd(present0, _mm256_setzero_pd(), _CMP_EQ_OQ));
        d1 = _mm256_blendv_pd(_mm256_div_pd(sum1, present1), one,
                              _mm256_cmp_pd(present1, _mm256_setzero_pd(), _CMP_EQ_OQ));
      } else {
        d0 = _mm256_div_pd(sum0, count);
        d1 = _mm256_div_pd(sum1, count);
      }
      _mm256_storeu_pd(row + 8 * chunk, d0);
      _mm256_storeu_pd(row + 8 * chunk + 4, d1);
    }
  }
}

#else

void tda_gower_tile_avx2(
    const double *queries, size_t query_count, const double *references, size_t reference_count,
    const double *ranges, size_t columns, int any_missing, size_t row_begin, size_t row_end,
    size_t reference_begin, size_t chunks, double *out, size_t stride) {
  (void)queries; (void)query_count; (void)references; (void)reference_count; (void)ranges;
  (void)columns; (void)any_missing; (void)row_begin; (void)row_end; (void)reference_begin;
  (void)chunks; (void)out; (void)stride;
}

#endif
