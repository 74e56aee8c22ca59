import Datasets
import PointClouds
import Testing

@Suite("Seeded dataset generators")
struct GeneratorDeterminismTests {
  @Test(
    "every shape is reproducible per seed and has its ambient dimension", arguments: Shape.allCases)
  func reproducible(shape: Shape) {
    let a = Generator.sample(shape, count: 40, dimension: 4, noise: 0.1, seed: 9)
    let b = Generator.sample(shape, count: 40, dimension: 4, noise: 0.1, seed: 9)
    let c = Generator.sample(shape, count: 40, dimension: 4, noise: 0.1, seed: 10)
    #expect(a == b)
    #expect(a != c)
    #expect(a.count == 40)
    let expected: [Shape: Int] = [
      .cube: 4, .gaussianMixture: 4, .circle: 2, .twoCircles: 2, .sphere: 3, .torus: 3,
      .swissRoll: 3,
    ]
    #expect(a.dimension == expected[shape])
  }

  @Test("fixed seed gives fixed first values (literals computed once)")
  func literals() {
    let torus = Generator.sample(.torus, count: 2, seed: 1)
    #expect(torus.coordinates[0] == -1.8034107739252843)
    #expect(torus.coordinates[1] == -0.8015037657574395)
    #expect(torus.coordinates[2] == -0.9996487895311432)
    let cube = Generator.sample(.cube, count: 1, dimension: 2, seed: 0)
    let first: UInt64 = 0xE220_A839_7B1D_CDAF
    let second: UInt64 = 0x6E78_9E6A_A1B9_65F4
    #expect(cube.coordinates == [Double(first >> 11) * 0x1p-53, Double(second >> 11) * 0x1p-53])
  }

  @Test("points lie on their shapes when there is no noise")
  func onTheShapes() {
    let circle = Generator.sample(.circle, count: 100, seed: 2)
    for i in 0..<circle.count {
      #expect(abs(circle[i, 0] * circle[i, 0] + circle[i, 1] * circle[i, 1] - 1) < 1e-12)
    }
    let sphere = Generator.sample(.sphere, count: 100, seed: 2)
    for i in 0..<sphere.count {
      let r2 = (0..<3).map { sphere[i, $0] * sphere[i, $0] }.reduce(0, +)
      #expect(abs(r2 - 1) < 1e-12)
    }
    let torus = Generator.sample(.torus, count: 100, seed: 2)
    for i in 0..<torus.count {
      // (√(x² + y²) − 2)² + z² = 1 on the torus of radii 2 and 1.
      let ring = (torus[i, 0] * torus[i, 0] + torus[i, 1] * torus[i, 1]).squareRoot() - 2
      #expect(abs(ring * ring + torus[i, 2] * torus[i, 2] - 1) < 1e-12)
    }
    let two = Generator.sample(.twoCircles, count: 100, seed: 2)
    for i in 0..<two.count {
      let x = two[i, 0] - Double(i % 2) * 3
      #expect(abs(x * x + two[i, 1] * two[i, 1] - 1) < 1e-12)
    }
    let cube = Generator.sample(.cube, count: 100, dimension: 5, seed: 2)
    #expect(cube.coordinates.allSatisfy { $0 >= 0 && $0 < 1 })
  }

  @Test("noise moves points by about σ")
  func noiseScale() {
    let clean = Generator.sample(.circle, count: 2000, seed: 4)
    var random = SeededGenerator(seed: 8)
    let noisy = Generator.addingNoise(to: clean, sigma: 0.05, using: &random)
    let deviations = zip(clean.coordinates, noisy.coordinates).map { $1 - $0 }
    let variance = deviations.map { $0 * $0 }.reduce(0, +) / Double(deviations.count)
    #expect(abs(variance.squareRoot() - 0.05) < 0.003)
  }
}
