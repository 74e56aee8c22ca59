import PointClouds

extension RipsPersistence {
  /// The diagrams of `input`: a cloud under `metric`, or a dense or sparse distance matrix
  /// (`metric` is not used then).
  public static func compute(
    _ input: RipsInput, metric: Metric = .euclidean, options: RipsOptions = RipsOptions()
  ) throws(PersistenceError) -> RipsResult {
    switch input {
    case .cloud(let cloud): try compute(cloud, metric: metric, options: options)
    case .dense(let matrix): try compute(matrix, options: options)
    case .sparse(let matrix): try compute(matrix, options: options)
    }
  }

  /// Refuses a computation on `input` whose estimated memory is above `budget`, before anything
  /// large is allocated (see the methods for each kind of input).
  public static func checkMemory(
    _ input: RipsInput, metric: Metric = .euclidean, options: RipsOptions,
    budget: MemoryBudget = .current, fewerPoints: String = "fewer points"
  ) throws(ResourceError) {
    switch input {
    case .cloud(let cloud):
      try checkMemory(
        cloud, metric: metric, options: options, budget: budget, fewerPoints: fewerPoints)
    case .dense(let matrix):
      try checkMemory(matrix, options: options, budget: budget, fewerPoints: fewerPoints)
    case .sparse(let matrix):
      try checkMemory(matrix, options: options, budget: budget, fewerPoints: fewerPoints)
    }
  }
}
