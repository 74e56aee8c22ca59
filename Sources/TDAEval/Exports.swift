// The library a harness imports: `import TDAEval` brings every module of tda-eval.
@_exported import Datasets
@_exported import DiagramDistances
@_exported import ExactArithmetic
@_exported import Learning
@_exported import Persistence
@_exported import PointClouds
@_exported import SampleMetrics
@_exported import Tables
