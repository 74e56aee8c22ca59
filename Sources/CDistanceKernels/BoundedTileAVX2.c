#include "CDistanceKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int tda_has_avx2_fma(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define TDA_AVX2 __attribute__((target("avx2,fma")))

/// Writes one row's eight lower bounds of a panel.
TDA_AVX2 static inline void store_lower(
    double *destination, __m256 dot, __m256 query_norm, __m256 reference_norm, __m256d query_error,
    const double *reference_error, __m256d unscale) {
  __m256 approximate = _mm256_sub_ps(_mm256_add_ps(query_norm, reference_norm), _mm256_add_ps(dot, dot));
  __m256d low = _mm256_cvtps_pd(_mm256_castps256_ps128(approximate));
  __m256d high = _mm256_cvtps_pd(_mm256_extractf128_ps(approximate, 1));
  __m256d error_low = _mm256_add_pd(query_error, _mm256_loadu_pd(reference_error));
  __m256d error_high = _mm256_add_pd(query_error, _mm256_loadu_pd(reference_error + 4));
  _mm256_storeu_pd(destination, _mm256_sub_pd(_mm256_mul_pd(low, unscale), error_low));
  _mm256_storeu_pd(destination + 4, _mm256_sub_pd(_mm256_mul_pd(high, unscale), error_high));
}

TDA_AVX2 void tda_bounded_tile_avx2(
    const float *query_floats, const float *query_norms, const double *query_errors, size_t d,
    size_t row_begin, size_t row_count, const float *panels, const float *panel_norms,
    const double *reference_errors, size_t first_panel, size_t panel_count, double unscale,
    double *out, size_t stride) {
  const __m256d scale = _mm256_set1_pd(unscale);
  for (size_t r = 0; r < row_count; r += 4) {
    size_t take = row_count - r < 4 ? row_count - r : 4;
    // Rows beyond the block repeat the last row; their results are not stored.
    size_t q[4];
    for (size_t i = 0; i < 4; i++) q[i] = row_begin + r + (i < take ? i : take - 1);
    const float *x0 = query_floats + q[0] * d, *x1 = query_floats + q[1] * d;
    const float *x2 = query_floats + q[2] * d, *x3 = query_floats + q[3] * d;
    __m256 norm[4];
    __m256d error[4];
    for (size_t i = 0; i < 4; i++) {
      norm[i] = _mm256_set1_ps(query_norms[q[i]]);
      error[i] = _mm256_set1_pd(query_errors[q[i]]);
    }
    size_t p = 0;
    // Two panels (sixteen references) at a time: eight independent accumulators.
    for (; p + 2 <= panel_count; p += 2) {
      const float *y = panels + (first_panel + p) * d * 8;
      __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
      for (size_t c = 0; c < d; c++) {
        __m256 u = _mm256_loadu_ps(y + c * 8), v = _mm256_loadu_ps(y + d * 8 + c * 8);
        __m256 s0 = _mm256_broadcast_ss(x0 + c), s1 = _mm256_broadcast_ss(x1 + c);
        __m256 s2 = _mm256_broadcast_ss(x2 + c), s3 = _mm256_broadcast_ss(x3 + c);
        a0 = _mm256_fmadd_ps(s0, u, a0); b0 = _mm256_fmadd_ps(s0, v, b0);
        a1 = _mm256_fmadd_ps(s1, u, a1); b1 = _mm256_fmadd_ps(s1, v, b1);
        a2 = _mm256_fmadd_ps(s2, u, a2); b2 = _mm256_fmadd_ps(s2, v, b2);
        a3 = _mm256_fmadd_ps(s3, u, a3); b3 = _mm256_fmadd_ps(s3, v, b3);
      }
      __m256 a[4] = {a0, a1, a2, a3}, b[4] = {b0, b1, b2, b3};
      size_t panel = first_panel + p;
      __m256 norms_a = _mm256_loadu_ps(panel_norms + panel * 8);
      __m256 norms_b = _mm256_loadu_ps(panel_norms + panel * 8 + 8);
      for (size_t i = 0; i < take; i++) {
        double *row = out + (r + i) * stride + p * 8;
        store_lower(row, a[i], norm[i], norms_a, error[i], reference_errors + panel * 8, scale);
        store_lower(row + 8, b[i], norm[i], norms_b, error[i], reference_errors + panel * 8 + 8, scale);
      }
    }
    for (; p < panel_count; p++) {
      const float *y = panels + (first_panel + p) * d * 8;
      __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
      for (size_t c = 0; c < d; c++) {
        __m256 u = _mm256_loadu_ps(y + c * 8);
        a0 = _mm256_fmadd_ps(_mm256_broadcast_ss(x0 + c), u, a0);
        a1 = _mm256_fmadd_ps(_mm256_broadcast_ss(x1 + c), u, a1);
        a2 = _mm256_fmadd_ps(_mm256_broadcast_ss(x2 + c), u, a2);
        a3 = _mm256_fmadd_ps(_mm256_broadcast_ss(x3 + c), u, a3);
      }
      __m256 a[4] = {a0, a1, a2, a3};
      size_t panel = first_panel + p;
      __m256 norms_a = _mm256_loadu_ps(panel_norms + panel * 8);
      for (size_t i = 0; i < take; i++) {
        store_lower(out + (r + i) * stride + p * 8, a[i], norm[i], norms_a, error[i],
                    reference_errors + panel * 8, scale);
      }
    }
  }
}

#else

int tda_has_avx2_fma(void) { return 0; }

void tda_bounded_tile_avx2(
    const float *query_floats, const float *query_norms, const double *query_errors, size_t d,
    size_t row_begin, size_t row_count, const float *panels, const float *panel_norms,
    const double *reference_errors, size_t first_panel, size_t panel_count, double unscale,
    double *out, size_t stride) {
  (void)query_floats; (void)query_norms; (void)query_errors; (void)d; (void)row_begin;
  (void)row_count; (void)panels; (void)panel_norms; (void)reference_errors; (void)first_panel;
  (void)panel_count; (void)unscale; (void)out; (void)stride;
}

#endif
