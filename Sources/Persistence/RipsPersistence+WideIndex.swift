import PointClouds

/// The engine's choice of simplex index type (see `SimplexIndexWidth`).
extension RipsPersistence {
  /// The width used for `points` points and homology up to `maxDimension`: `forced` if given,
  /// else the narrowest that fits.
  static func indexWidth(points: Int, maxDimension: Int, forced: SimplexIndexWidth?)
    -> SimplexIndexWidth
  {
    forced ?? SimplexIndexWidth.narrowest(vertexCount: points, maxDimension: maxDimension)
  }

  /// Dense Vietoris–Rips over `matrix` cut at `threshold`, for any simplex index type.
  struct DenseComputation: IndexWidthComputation {
    let matrix: DistanceMatrix
    let threshold: Double
    let maxDimension: Int
    let options: RipsOptions

    func run<Index: SimplexIndex>(indexType: Index.Type) throws(PersistenceError)
      -> [PersistenceDiagram]
    {
      let filtration = try DenseRipsFiltration<Index>(
        matrix: matrix, threshold: threshold, maxDimension: maxDimension)
      return try RipsPersistence.run(filtration, options: options)
    }
  }

  /// Sparse Vietoris–Rips over `matrix` (without what `blocker` refuses), for any simplex index
  /// type.
  struct SparseComputation: IndexWidthComputation {
    let matrix: SparseDistanceMatrix
    let maxDimension: Int
    let options: RipsOptions
    let blocker: SparseRipsBlocker?

    func run<Index: SimplexIndex>(indexType: Index.Type) throws(PersistenceError)
      -> [PersistenceDiagram]
    {
      let filtration = try SparseRipsFiltration<Index>(
        matrix: matrix, maxDimension: maxDimension, blocker: blocker)
      return try RipsPersistence.run(filtration, options: options)
    }
  }
}
