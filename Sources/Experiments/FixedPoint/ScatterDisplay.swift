import Training

/// The points of a Fig. 3 scatter that are drawn (the summary always counts all).
///
/// A uniform sample of a network's half-million parameters shows almost only
/// the plateau and drops the few points that test Eq. 20 (the output layer's,
/// which have the largest gradients). This keeps every point of the output
/// layer and samples the informative (u ≤ 10) and the other points separately.
public enum ScatterDisplay {
  /// Every point of layer `outputLayer`, plus up to `perGroup` random points
  /// with u ≤ 10 and `perGroup` with u > 10 from the other layers.
  public static func sample(_ scatter: PosteriorScatter, outputLayer: Int, perGroup: Int, seed: UInt64) -> PosteriorScatter {
    func subset(_ points: [PosteriorScatter.Point]) -> PosteriorScatter {
      PosteriorScatter(learningRate: scatter.learningRate, priorVariance: scatter.priorVariance, points: points, zeroGradientCount: 0)
    }
    let sigma2 = scatter.priorVariance
    let output = scatter.points.filter { $0.layer == outputLayer }
    let others = scatter.points.filter { $0.layer != outputLayer }
    let informative = subset(others.filter { $0.x / sigma2 <= 10 }).sample(perGroup, seed: seed)
    let plateau = subset(others.filter { $0.x / sigma2 > 10 }).sample(perGroup, seed: seed &+ 1)
    let points = (output + informative.points + plateau.points).sorted { $0.index < $1.index }
    return PosteriorScatter(
      learningRate: scatter.learningRate, priorVariance: sigma2, points: points, zeroGradientCount: scatter.zeroGradientCount)
  }
}
