#ifndef CDISTANCEKERNELS_H
#define CDISTANCEKERNELS_H

#include <stddef.h>

/// Whether this CPU runs `tda_bounded_tile_avx2` (x86-64 with AVX2 and FMA); 0 elsewhere.
int tda_has_avx2_fma(void);

/// Fills one tile of lower bounds on squared distances, as the portable Swift kernel of
/// `BoundedSquaredDistanceTiles` does, with AVX2 and FMA: for each query row q of
/// `row_begin ..< row_begin + row_count` and each reference of panels
/// `first_panel ..< first_panel + panel_count` (eight references per panel),
///   out[(q - row_begin) * stride + 8 * panel + lane] =
///     (double)(|x_q|² + |y|² − 2 x_q·y) * unscale − (query_errors[q] + reference_errors[ref]).
/// `query_floats` is row-major (d floats per query); `panels` holds, per panel, d vectors of eight
/// floats (coordinate-major); `panel_norms` and `reference_errors` are per panel lane.
void tda_bounded_tile_avx2(
    const float *query_floats, const float *query_norms, const double *query_errors, size_t d,
    size_t row_begin, size_t row_count, const float *panels, const float *panel_norms,
    const double *reference_errors, size_t first_panel, size_t panel_count, double unscale,
    double *out, size_t stride);

/// Fills `chunks` blocks of eight Gower distances per query row, as the portable Swift kernel of
/// `GowerTiles` does (the same IEEE operations in the same order, so the same bits), with AVX2:
/// for each query q in `row_begin ..< row_end` and reference j in
/// `reference_begin ..< reference_begin + 8 * chunks`,
///   out[(q - row_begin) * stride + (j - reference_begin)] = Gower distance of (q, j).
/// `queries` and `references` are column-major (`columns` columns of `query_count` /
/// `reference_count` values, NaN for a missing cell); `ranges[k]` is 0 for columns compared as
/// equal or not.
void tda_gower_tile_avx2(
    const double *queries, size_t query_count, const double *references, size_t reference_count,
    const double *ranges, size_t columns, int any_missing, size_t row_begin, size_t row_end,
    size_t reference_begin, size_t chunks, double *out, size_t stride);

#endif
