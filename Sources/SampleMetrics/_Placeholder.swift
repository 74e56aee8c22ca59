import PointClouds
import Persistence
