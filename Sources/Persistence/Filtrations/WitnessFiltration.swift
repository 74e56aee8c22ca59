import PointClouds

/// The weak relaxed witness filtration of GUDHI's `WitnessComplex`, up to dimension 2, over plain
/// Euclidean distances (the complex the Geometry Score of Khrulkov & Oseledets builds).
///
/// Landmarks L = {l₀ … l_{L−1}} (their positions in the landmark list are the vertex ids, so a
/// point drawn twice gives two vertices), witnesses W. A witness w *α-witnesses* σ ⊂ L when
/// `max_{l∈σ} d(w,l) − α ≤ min_{l'∉σ} d(w,l')` (GUDHI's test, with distances where GUDHI documents
/// squared ones). Its relaxation for σ is `r_w(σ) = [max_{l∈σ} d(w,l) − min_{l'∉σ} d(w,l')]₊`
/// (0 when no landmark is left out). A simplex enters at
///
///     f(σ) = max( min over witnesses w that α_max-witness σ of r_w(σ),  max over facets τ of f(τ)
///     )
///
/// and only when every facet is present; simplices witnessed by no witness within α_max are absent
/// (value `+∞`). Vertices get a value too (0 when the landmark is itself a witness).
///
/// Values are stored densely: edges by the colex index `v(v−1)/2 + u` (u < v), triangles by
/// `C(w,3) + C(v,2) + u` (u < v < w) — `L(L−1)/2` and `L(L−1)(L−2)/6` entries.
///
/// Building costs O(|W|·L·d) for the witness–landmark distances (vectorised over landmarks), or
/// O(|W|·L) reads from a ``WitnessDistanceCache``, plus, per witness, O(L) to select its near
/// landmarks and time linear in the simplices it witnesses: only landmarks with
/// `d(w,l) − α_max ≤` the witness's third-smallest distance can be in a simplex it witnesses.
/// H1 over Z/2 comes from the engine's cohomology reducer (`WitnessFiltration+Persistence`).
public struct WitnessFiltration: Sendable {
  /// How the largest relaxation α_max is chosen.
  public enum MaxAlpha: Sendable, Equatable {
    /// α_max given in distance units.
    case value(Double)
    /// α_max = fraction × the largest witness–landmark distance (the Geometry Score's γ).
    case fractionOfMaxDistance(Double)
  }

  /// The number of landmarks (vertices).
  public private(set) var landmarkCount: Int
  /// The largest relaxation α_max; every present simplex has a value ≤ α_max (up to rounding).
  public private(set) var maxAlpha: Double
  /// The largest witness–landmark distance.
  public private(set) var maxDistance: Double
  /// C(i, k) for i ≤ landmarkCount, k ≤ 3: simplex indices up to the cofacets of edges.
  package private(set) var binomials: BinomialTable<Int>
  /// Filtration value of vertex `l`, `+∞` if absent.
  public private(set) var vertexValues: [Double]
  /// Filtration value of edge {u, v} at index `v(v−1)/2 + u`, `+∞` if absent.
  public private(set) var edgeValues: [Double]
  /// Filtration value of triangle {u, v, w} at index `C(w,3) + C(v,2) + u`, `+∞` if absent.
  public private(set) var triangleValues: [Double]
  /// A bitset over the edges {v, w} (v < w, by colex index) that are the two highest vertices of
  /// some witnessed triangle {u, v, w}: only the v triangles {u < v, v, w} of a marked pair,
  /// stored together from C(w,3) + C(v,2), can be finite; closing and resetting skip the others.
  private var touchedPairs: [UInt64] = []
  /// Words per edge in `cofacetBits`: ⌈landmarkCount / 64⌉.
  private(set) var cofacetWords = 0
  /// For each edge (by colex index, `cofacetWords` words each), the bitset of the vertices w
  /// whose triangle with the edge is present: the reducer's cofacet enumeration visits only those.
  private(set) var cofacetBits: [UInt64] = []
  /// The vertices u < v of each edge, by colex index, packed as u | v << 32.
  private(set) var edgeEnds: [Int] = []
  /// Scratch for the witness scan, kept from draw to draw: the near landmarks of one block of
  /// witnesses (``WitnessScan/slots`` each, then room for one witness's full list) and their
  /// counts.
  private var nearScratch: [(landmark: Int, distance: Double)] = []
  private var nearCounts: [Int] = []

  /// Builds the filtration with every point of `witnesses` as a witness and the points of
  /// `landmarks` as vertices (Euclidean distance).
  /// - Precondition: both clouds share a dimension; 1 ≤ landmarks ≤ 2000 (the triangle values
  ///   are stored densely); α_max finite, ≥ 0.
  public init(witnesses: PointCloud, landmarks: PointCloud, maxAlpha: MaxAlpha) {
    precondition(witnesses.dimension == landmarks.dimension, "dimensions differ")
    precondition((1...2000).contains(landmarks.count), "between 1 and 2000 landmarks")
    let table = WitnessDistanceTable(witnesses: witnesses, landmarks: landmarks)
    self.init()
    table.withRows { rows in
      fill(
        maxDistance: table.maxDistance, maxAlpha: maxAlpha, witnessCount: table.witnessCount,
        rows: rows)
    }
  }

  /// Builds the filtration with every point of the cached cloud as a witness and the points at
  /// `landmarks` (indices, repeats allowed: each is its own vertex) as vertices — the Geometry
  /// Score's setting. The distances are read from `distances`: a draw costs O(N · L) reads.
  /// - Precondition: 1 ≤ landmarks ≤ 2000, each in 0..<distances.count; α_max finite, ≥ 0.
  public init(
    distances cache: WitnessDistanceCache, landmarks: some Collection<Int>, maxAlpha: MaxAlpha
  ) {
    self.init()
    rebuild(distances: cache, landmarks: landmarks, maxAlpha: maxAlpha)
  }

  /// An empty filtration, to be filled.
  private init() {
    landmarkCount = -1
    maxAlpha = 0
    maxDistance = 0
    binomials = try! BinomialTable(vertexCount: 0, maxK: 3)
    vertexValues = []
    edgeValues = []
    triangleValues = []
  }

  /// Rebuilds the filtration in place for another landmark draw (see
  /// ``init(distances:landmarks:maxAlpha:)``), reusing the value arrays when the number of
  /// landmarks is unchanged, so a run of draws does not reallocate them.
  public mutating func rebuild(
    distances cache: WitnessDistanceCache, landmarks: some Collection<Int>, maxAlpha: MaxAlpha
  ) {
    precondition((1...2000).contains(landmarks.count), "between 1 and 2000 landmarks")
    precondition(landmarks.allSatisfy { (0..<cache.count).contains($0) }, "landmark out of range")
    let n = cache.count
    // Row l of the symmetric matrix holds d(·, l) for every witness: the landmark-major rows.
    cache.values.withUnsafeBufferPointer { full in
      withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: landmarks.count) {
        rows in
        var largest = 0.0
        for (j, l) in landmarks.enumerated() {
          rows[j] = full.baseAddress! + l * n
          largest = max(largest, cache.eccentricities[l])
        }
        fill(
          maxDistance: largest, maxAlpha: maxAlpha, witnessCount: n, rows: UnsafeBufferPointer(rows)
        )
      }
    }
  }

  /// Sets every value from the landmark-major rows of witness distances (`rows[j][w]` =
  /// d(w, l_j)), reallocating only when the landmark count changes.
  private mutating func fill(
    maxDistance: Double, maxAlpha: MaxAlpha, witnessCount: Int,
    rows: UnsafeBufferPointer<UnsafePointer<Double>>
  ) {
    let count = rows.count
    if count != landmarkCount {
      landmarkCount = count
      // C(2000, 3) ≈ 1.3·10⁹ fits an Int: the table cannot overflow.
      binomials = try! BinomialTable(vertexCount: count, maxK: 3)
      vertexValues = Array(repeating: .infinity, count: count)
      edgeValues = Array(repeating: .infinity, count: count * (count - 1) / 2)
      triangleValues = Array(
        repeating: .infinity, count: count >= 3 ? count * (count - 1) * (count - 2) / 6 : 0)
      cofacetWords = (count + 63) / 64
      edgeEnds = (0..<count).flatMap { v in (0..<v).map { u in u | v << 32 } }
      cofacetBits = Array(repeating: 0, count: edgeValues.count * cofacetWords)
      nearScratch = Array(
        repeating: (0, 0), count: WitnessScan.block * WitnessScan.slots + count)
      nearCounts = Array(repeating: 0, count: WitnessScan.block)
      touchedPairs = Array(repeating: 0, count: (edgeValues.count + 63) / 64)
    } else {
      vertexValues.withUnsafeMutableBufferPointer { $0.update(repeating: .infinity) }
      edgeValues.withUnsafeMutableBufferPointer { $0.update(repeating: .infinity) }
      cofacetBits.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      for pair in Self.marked(touchedPairs) {
        let (v, w) = Self.pairVertices(pair)
        let first = w * (w - 1) * (w - 2) / 6 + v * (v - 1) / 2
        triangleValues.withUnsafeMutableBufferPointer {
          UnsafeMutableBufferPointer(rebasing: $0[first..<first + v]).update(repeating: .infinity)
        }
      }
      touchedPairs.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
    self.maxDistance = maxDistance
    switch maxAlpha {
    case .value(let alpha): self.maxAlpha = alpha
    case .fractionOfMaxDistance(let fraction): self.maxAlpha = fraction * maxDistance
    }
    precondition(self.maxAlpha >= 0 && self.maxAlpha.isFinite, "α_max must be finite and ≥ 0")
    let alpha = self.maxAlpha
    vertexValues.withUnsafeMutableBufferPointer { vertices in
      edgeValues.withUnsafeMutableBufferPointer { edges in
        triangleValues.withUnsafeMutableBufferPointer { triangles in
          nearScratch.withUnsafeMutableBufferPointer { near in
            nearCounts.withUnsafeMutableBufferPointer { found in
              touchedPairs.withUnsafeMutableBufferPointer { touched in
                var scan = WitnessScan(
                  landmarkCount: count, alpha: alpha, vertices: vertices, edges: edges,
                  triangles: triangles, near: near, found: found, touched: touched)
                scan.scan(rows: rows, witnessCount: witnessCount)
                cofacetBits.withUnsafeMutableBufferPointer { bits in
                  scan.closeUnderFaces(cofacets: bits, words: cofacetWords)
                }
              }
            }
          }
        }
      }
    }
  }

  /// The colex index of edge {u, v}.
  @inlinable
  public static func edgeIndex(_ u: Int, _ v: Int) -> Int {
    let (low, high) = u < v ? (u, v) : (v, u)
    return high * (high - 1) / 2 + low
  }

  /// The colex index of triangle {u, v, w} (any order).
  @inlinable
  public static func triangleIndex(_ u: Int, _ v: Int, _ w: Int) -> Int {
    var (a, b, c) = (u, v, w)
    if a > b { swap(&a, &b) }
    if b > c { swap(&b, &c) }
    if a > b { swap(&a, &b) }
    return c * (c - 1) * (c - 2) / 6 + b * (b - 1) / 2 + a
  }

  /// The indices of the set bits of a bitset, in increasing order.
  static func marked(_ bits: some Collection<UInt64>) -> [Int] {
    var result: [Int] = []
    for (word, value) in bits.enumerated() {
      var remaining = value
      while remaining != 0 {
        result.append(word << 6 + remaining.trailingZeroBitCount)
        remaining &= remaining - 1
      }
    }
    return result
  }

  /// The vertices v < w of the edge with colex index `index` = C(w, 2) + v.
  static func pairVertices(_ index: Int) -> (Int, Int) {
    var w = Int((Double(8 * index + 1).squareRoot() + 1) / 2)
    while w * (w - 1) / 2 > index { w -= 1 }
    while (w + 1) * w / 2 <= index { w += 1 }
    return (index - w * (w - 1) / 2, w)
  }

  /// The value of edge {u, v} (`+∞` if absent).
  public func value(_ u: Int, _ v: Int) -> Double { edgeValues[Self.edgeIndex(u, v)] }

  /// The value of triangle {u, v, w} (`+∞` if absent).
  public func value(_ u: Int, _ v: Int, _ w: Int) -> Double {
    triangleValues[Self.triangleIndex(u, v, w)]
  }
}

/// The relaxations one witness contributes, kept as running minima per simplex.
struct WitnessScan {
  let landmarkCount: Int
  let alpha: Double
  let vertices: UnsafeMutableBufferPointer<Double>
  let edges: UnsafeMutableBufferPointer<Double>
  let triangles: UnsafeMutableBufferPointer<Double>
  /// Room for the near landmarks of a block of witnesses, `slots` per witness, then for one
  /// witness's full list (`landmarkCount`).
  let near: UnsafeMutableBufferPointer<(landmark: Int, distance: Double)>
  /// The number of near landmarks of each witness of the block.
  let found: UnsafeMutableBufferPointer<Int>
  /// The pairs {v, w} of the triangles {u, v, w} (u < v < w) recorded so far (see
  /// `WitnessFiltration.touchedPairs`).
  let touched: UnsafeMutableBufferPointer<UInt64>

  init(
    landmarkCount: Int, alpha: Double, vertices: UnsafeMutableBufferPointer<Double>,
    edges: UnsafeMutableBufferPointer<Double>, triangles: UnsafeMutableBufferPointer<Double>,
    near: UnsafeMutableBufferPointer<(landmark: Int, distance: Double)>,
    found: UnsafeMutableBufferPointer<Int>, touched: UnsafeMutableBufferPointer<UInt64>
  ) {
    self.landmarkCount = landmarkCount
    self.alpha = alpha
    self.vertices = vertices
    self.edges = edges
    self.triangles = triangles
    self.near = near
    self.found = found
    self.touched = touched
  }

  /// Witnesses scanned together, one per SIMD lane.
  static let lanes = 8
  typealias Lanes = SIMD8<Double>
  /// Bit t in lane t: summing the lanes selected by a mask gives the mask as a bitset.
  static let laneBits = SIMD8<Int64>(1, 2, 4, 8, 16, 32, 64, 128)
  static let noLanes = SIMD8<Int64>(repeating: 0)
  /// Witnesses per block: each landmark's distances to a block are read as one stream.
  static let block = 1024
  /// Near landmarks stored per witness while streaming; a witness with more (rare) is re-read.
  static let slots = 8

  /// Records every vertex, edge and triangle that each witness α-witnesses, with its
  /// relaxation, from landmark-major rows (`rows[j][w]` = d(w, l_j)).
  ///
  /// Witnesses go by blocks of 1024, one per SIMD lane within groups of eight, and each pass
  /// reads each landmark's distances to the block as one stream (so the hardware prefetches
  /// them). The first keeps each witness's three smallest distances (a branch-free insertion
  /// network). No landmark farther than the third + α is in a simplex of dimension ≤ 2 that the
  /// witness witnesses (its relaxation would exceed α against one of the three). The second pass
  /// collects those near landmarks (few: the test rarely passes), in landmark order; each
  /// witness's are then sorted by distance (stable) and recorded.
  mutating func scan(rows: UnsafeBufferPointer<UnsafePointer<Double>>, witnessCount: Int) {
    // Lane selects, not pointwiseMin/Max, whose NaN handling is compiled into branches.
    @inline(__always) func lesser(_ a: Lanes, _ b: Lanes) -> Lanes {
      a.replacing(with: b, where: b .< a)
    }
    @inline(__always) func greater(_ a: Lanes, _ b: Lanes) -> Lanes {
      a.replacing(with: b, where: b .> a)
    }
    let count = landmarkCount
    let (lanes, slots) = (Self.lanes, Self.slots)
    let groupsPerBlock = Self.block / lanes
    withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 3 * groupsPerBlock) { smallest in
      for blockStart in stride(from: 0, to: witnessCount, by: Self.block) {
        let blockWidth = min(Self.block, witnessCount - blockStart)
        let groups = (blockWidth + lanes - 1) / lanes
        // Eight distances from `row` at witness `start`; lanes past the last witness hold +∞
        // and are never recorded.
        @inline(__always) func load(_ row: UnsafePointer<Double>, _ start: Int) -> Lanes {
          let width = witnessCount - start
          if width >= lanes { return UnsafeRawPointer(row + start).loadUnaligned(as: Lanes.self) }
          var x = Lanes(repeating: .infinity)
          for t in 0..<width { x[t] = row[start + t] }
          return x
        }
        smallest.initialize(repeating: Lanes(repeating: .infinity))
        for j in 0..<count {
          let row = rows[j]
          for g in 0..<groups {
            let x = load(row, blockStart + g * lanes)
            let (low, middle, high) = (smallest[3 * g], smallest[3 * g + 1], smallest[3 * g + 2])
            let above = greater(low, x)
            smallest[3 * g] = lesser(low, x)
            smallest[3 * g + 1] = lesser(middle, above)
            smallest[3 * g + 2] = lesser(high, greater(middle, above))
          }
        }
        // Lanes past the last witness never hit.
        let lastValid = blockWidth % lanes == 0 ? 0xFF : (1 << (blockWidth % lanes)) - 1
        UnsafeMutableBufferPointer(rebasing: found[..<blockWidth]).update(repeating: 0)
        for j in 0..<count {
          let row = rows[j]
          for g in 0..<groups {
            let x = load(row, blockStart + g * lanes)
            let hit = x - alpha .<= smallest[3 * g + 2]
            var hits = Int(Self.noLanes.replacing(with: Self.laneBits, where: hit).wrappedSum())
            if g == groups - 1 { hits &= lastValid }
            while hits != 0 {
              let t = hits.trailingZeroBitCount
              hits &= hits - 1
              let w = g * lanes + t
              let k = found[w]
              if k < slots { near[w * slots + k] = (j, x[t]) }
              found[w] = k + 1
            }
          }
        }
        for w in 0..<blockWidth {
          var list = UnsafeMutableBufferPointer(rebasing: near[w * slots..<w * slots + found[w]])
          if found[w] > slots {
            // Too many to store while streaming: read the witness's distances again.
            list = UnsafeMutableBufferPointer(
              rebasing: near[Self.block * slots..<Self.block * slots + found[w]])
            let third = smallest[3 * (w / lanes) + 2][w % lanes]
            var k = 0
            for j in 0..<count {
              let x = rows[j][blockStart + w]
              if x - alpha <= third {
                list[k] = (j, x)
                k += 1
              }
            }
          }
          // Stable insertion sort by distance (ties keep landmark order).
          for i in 1..<max(list.count, 1) {
            let entry = list[i]
            var slot = i
            while slot > 0 && list[slot - 1].distance > entry.distance {
              list[slot] = list[slot - 1]
              slot -= 1
            }
            list[slot] = entry
          }
          record(UnsafeBufferPointer(list))
        }
      }
    }
  }

  /// The near landmarks are sorted; the landmark left out nearest to a simplex σ is the first
  /// position not in σ, so for σ at positions a < b < c it is 0 unless a = 0, then 1 unless
  /// b = 1, then 2 unless c = 2, else 3 (or none: relaxation 0).
  ///
  /// Hence a simplex passes the test (its farthest distance − α ≤ the distance left out) in
  /// these cases only, since d₀ ≤ d₁ ≤ …: without position 0, while all of it lies in the
  /// prefix of positions p with d_p − α ≤ d₀, and its relaxation is then the largest of
  /// [d_p − d₀]₊ over its landmarks; holding 0 but not 1, likewise with d₁ (the triangles of
  /// position 0 and two of the prefix 2 ..< c₁); holding 0 and 1 (edge {0, 1} and triangles
  /// {0, 1, c}), each tested as it comes. So the loops visit only simplices that pass — the
  /// triangles of the two prefixes by landmark id (z > y > x), so that the values of one pair
  /// y, z lie within a few cache lines — instead of every triple of near landmarks by position.
  /// With γ = 1/8 on 5,000 Gaussian points in 30 dimensions a witness has ~37 near landmarks,
  /// ~23 of them within d₀ + α: the enumeration by position, rejecting most triples and
  /// updating the rest in scattered order, took 87 % of the geometry score's time (perf).
  /// Every simplex gets the same running minimum of the same values as in that enumeration
  /// (min is exact and does not depend on the order), so the output is unchanged to the bit.
  private mutating func record(_ near: UnsafeBufferPointer<(landmark: Int, distance: Double)>) {
    let count = near.count
    guard count > 0 else { return }
    let alpha = self.alpha
    func omitted(_ position: Int) -> Double {
      position < count ? near[position].distance : .infinity
    }
    // Relaxation of a simplex whose farthest landmark is at `distance`, against `left`, the
    // nearest landmark left out; nil if not α-witnessed (GUDHI's test and value, verbatim).
    func relaxation(_ distance: Double, _ left: Double) -> Double? {
      guard distance - alpha <= left else { return nil }
      return distance > left ? distance - left : 0
    }
    for p in 0..<count {
      guard let r = relaxation(near[p].distance, omitted(p == 0 ? 1 : 0)) else { break }
      let l = near[p].landmark
      vertices[l] = r < vertices[l] ? r : vertices[l]
    }
    // Edges at positions a < b. For b ≥ 2 the weakest test is against position 1 (a = 0); for
    // a ≥ 1 it is against position 0.
    edgeLoop: for b in 1..<count {
      let far = near[b].distance
      if b >= 2 && far - alpha > near[1].distance { break edgeLoop }
      let lastA = far - alpha <= near[0].distance ? b - 1 : 0
      for a in 0...lastA {
        let left = omitted(a != 0 ? 0 : (b != 1 ? 1 : 2))
        guard let r = relaxation(far, left) else { continue }
        let index = WitnessFiltration.edgeIndex(near[a].landmark, near[b].landmark)
        edges[index] = r < edges[index] ? r : edges[index]
      }
    }
    guard count >= 3 else { return }
    // Triangles {0, 1, c}: against position 2, or 3 for c = 2; none past the first failure at
    // c ≥ 3 (d₂ is their weakest test).
    for c in 2..<count {
      let far = near[c].distance
      if c >= 3 && far - alpha > near[2].distance { break }
      guard let r = relaxation(far, omitted(c != 2 ? 2 : 3)) else { continue }
      var (x, y, z) = (near[0].landmark, near[1].landmark, near[c].landmark)
      if x > y { swap(&x, &y) }
      if y > z { swap(&y, &z) }
      if x > y { swap(&x, &y) }
      recordTriangle(x, y, z, r)
    }
    // Position 0 with two of the prefix 2 ..< c₁, then any three of the prefix 1 ..< c₀.
    for skipped in stride(from: 2, through: 1, by: -1) {
      let apex = skipped == 2 ? near[0].landmark : -1
      let nearest = near[skipped - 1].distance
      var end = skipped
      while end < count && near[end].distance - alpha <= nearest { end += 1 }
      guard end - skipped >= (apex < 0 ? 3 : 2) else { continue }
      withUnsafeTemporaryAllocation(of: (id: Int, excess: Double).self, capacity: end - skipped) {
        prefix in
        for p in skipped..<end {  // insertion sort by landmark id
          let (id, d) = near[p]
          var slot = p - skipped
          while slot > 0 && prefix[slot - 1].id > id {
            prefix[slot] = prefix[slot - 1]
            slot -= 1
          }
          prefix[slot] = (id, d > nearest ? d - nearest : 0)
        }
        recordTriangles(of: UnsafeBufferPointer(prefix), apex: apex)
      }
    }
  }

  /// Records the triangles of `prefix` (landmark ids in increasing order, with their excesses
  /// [d − d_left]₊): every triple when `apex` < 0, else every pair with the landmark `apex`; a
  /// triangle's relaxation is the largest excess of its prefix landmarks.
  private func recordTriangles(
    of prefix: UnsafeBufferPointer<(id: Int, excess: Double)>, apex: Int
  ) {
    @inline(__always) func chooseThree(_ z: Int) -> Int { z &* (z &- 1) &* (z &- 2) / 6 }
    @inline(__always) func chooseTwo(_ y: Int) -> Int { y &* (y &- 1) / 2 }
    let triangles = self.triangles  // a local: stores through it need no reload of the property
    for k in 1..<prefix.count {
      let (z, ez) = prefix[k]
      if apex >= 0 {
        for j in 0..<k {
          let (y, ey) = prefix[j]
          let (low, middle, high) = apex < y ? (apex, y, z) : apex < z ? (y, apex, z) : (y, z, apex)
          let index = chooseThree(high) &+ chooseTwo(middle) &+ low
          let (old, r) = (triangles[index], ey > ez ? ey : ez)
          triangles[index] = r < old ? r : old
          touch(middle, high)
        }
        continue
      }
      let cz = chooseThree(z)
      for j in 1..<max(k, 1) {
        let (y, ey) = prefix[j]
        let base = cz &+ chooseTwo(y)
        let high = ey > ez ? ey : ez
        for i in 0..<j {  // branch-free: the loads of consecutive x overlap
          let (x, ex) = prefix[i]
          let (old, r) = (triangles[base &+ x], ex > high ? ex : high)
          triangles[base &+ x] = r < old ? r : old
        }
        touch(y, z)
      }
    }
  }

  /// Lowers the value of triangle x < y < z to `r`.
  private func recordTriangle(_ x: Int, _ y: Int, _ z: Int, _ r: Double) {
    let index = z * (z - 1) * (z - 2) / 6 + y * (y - 1) / 2 + x
    triangles[index] = r < triangles[index] ? r : triangles[index]
    touch(y, z)
  }

  /// Marks the pair y < z: some triangle {x, y, z} (x < y) was recorded.
  @inline(__always)
  private func touch(_ y: Int, _ z: Int) {
    let pair = z &* (z &- 1) / 2 &+ y
    touched[pair >> 6] |= 1 << UInt64(pair & 63)
  }

  /// Raises every simplex to the largest value of its facets and removes (sets to `+∞`) those
  /// with an absent facet, as GUDHI inserts a simplex only when all its facets are present;
  /// marks each present triangle {u, v, w} in the cofacet bitsets of its three edges (`words`
  /// words per edge).
  func closeUnderFaces(cofacets: UnsafeMutableBufferPointer<UInt64>, words: Int) {
    var index = 0
    for v in 1..<max(landmarkCount, 1) {
      for u in 0..<v {
        edges[index] = max(edges[index], vertices[u], vertices[v])
        index += 1
      }
    }
    for pair in WitnessFiltration.marked(touched) {
      let (v, w) = WitnessFiltration.pairVertices(pair)
      let first = w * (w - 1) * (w - 2) / 6 + v * (v - 1) / 2
      for u in 0..<v where triangles[first + u] < .infinity {
        let (uv, uw, vw) = (v * (v - 1) / 2 + u, w * (w - 1) / 2 + u, pair)
        let value = max(triangles[first + u], edges[uv], edges[uw], edges[vw])
        triangles[first + u] = value
        guard value < .infinity else { continue }
        @inline(__always) func mark(_ edge: Int, _ vertex: Int) {
          cofacets[edge * words + vertex >> 6] |= 1 << UInt64(vertex & 63)
        }
        mark(uv, w)
        mark(uw, v)
        mark(vw, u)
      }
    }
  }
}
