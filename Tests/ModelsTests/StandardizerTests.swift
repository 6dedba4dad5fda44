import Foundation
import Models
import TestSupport
import Testing

@Suite("Standardizer and TargetScaler", .tags(.property))
struct StandardizerTests {
  /// 250 examples of 4 features with different means and spreads; feature 2 is constant 0.1.
  static func synthetic() throws -> Dataset<Double> {
    var rng = SplitMix64(seed: 2024)
    var features: [Double] = []
    var targets: [Double] = []
    for _ in 0..<250 {
      let row = [3 + 2 * rng.nextGaussian(), -50 + 0.01 * rng.nextGaussian(), 0.1, 1e4 * rng.nextUnit()]
      features += row
      targets.append(100 + 40 * rng.nextGaussian())
    }
    return try Dataset(name: "synthetic", featureCount: 4, features: features, targets: targets, task: .regression)
  }

  static func columnMoments(_ data: Dataset<Double>) -> (mean: [Double], sd: [Double]) {
    let n = Double(data.count), d = data.featureCount
    let mean = (0..<d).map { k in (0..<data.count).reduce(0.0) { $0 + data.features[$1 * d + k] } / n }
    let sd = (0..<d).map { k in
      ((0..<data.count).reduce(0.0) { $0 + pow(data.features[$1 * d + k] - mean[k], 2) } / n).squareRoot()
    }
    return (mean, sd)
  }

  @Test func trainingFeaturesBecomeMeanZeroUnitSd() throws {
    let split = DataSplit.split(try Self.synthetic(), testFraction: 0.2, seed: 1)
    let standardizer = Standardizer(fittedOn: split.train)
    let train = standardizer.apply(to: split.train)
    let (mean, sd) = Self.columnMoments(train)
    let (rawMean, rawSd) = Self.columnMoments(split.train)
    for k in [0, 1, 3] {
      // Subtracting the mean loses about ε·|μ|/σ relative to σ (feature 1 has |μ|/σ ≈ 5000).
      let tolerance = 16 * Double.ulpOfOne * (1 + abs(rawMean[k]) / rawSd[k])
      #expect(abs(mean[k]) < tolerance && abs(sd[k] - 1) < tolerance, "feature \(k): mean \(mean[k]), sd \(sd[k])")
    }
    // The constant feature: scale 1, mapped exactly to 0.
    #expect(standardizer.mean[2] == 0.1 && standardizer.scale[2] == 1)
    #expect((0..<train.count).allSatisfy { train.row($0)[train.row($0).startIndex + 2] == 0 })
    #expect(train.targets == split.train.targets && train.name == split.train.name)
  }

  @Test func theTestSetUsesTrainingStatistics() throws {
    let split = DataSplit.split(try Self.synthetic(), testFraction: 0.2, seed: 1)
    let standardizer = Standardizer(fittedOn: split.train)
    let test = standardizer.apply(to: split.test)
    let (trainMean, trainSd) = Self.columnMoments(split.train)
    for i in 0..<test.count {
      for k in [0, 1, 3] {
        let expected = (split.test.features[i * 4 + k] - trainMean[k]) / trainSd[k]
        #expect(abs(test.features[i * 4 + k] - expected) < 1e-9)
      }
    }
    // Its own statistics would give mean exactly 0; the training ones do not.
    let (testMean, _) = Self.columnMoments(test)
    #expect(abs(testMean[0]) > 1e-6 && abs(testMean[3]) > 1e-6)
  }

  @Test func floatDataAndCodableRoundTrip() throws {
    let wine = try BuiltinDataset.wine.load(from: Repository.root + "/Data", seed: 0) as DataSplit<Float>
    let standardizer = Standardizer(fittedOn: wine.train)
    let train = standardizer.apply(to: wine.train).converted(to: Double.self)
    let (mean, sd) = Self.columnMoments(train)
    #expect(mean.allSatisfy { abs($0) < 1e-5 } && sd.allSatisfy { abs($0 - 1) < 1e-5 }, "\(mean) \(sd)")
    let json = try JSONEncoder().encode(standardizer)
    #expect(try JSONDecoder().decode(Standardizer<Float>.self, from: json) == standardizer)
  }

  @Test func targetScalerInvertsAndStandardizes() throws {
    let diabetes: DataSplit<Double> = try BuiltinDataset.diabetes.load(from: Repository.root + "/Data", seed: 3)
    let scaler = TargetScaler(fittedOn: diabetes.train)
    let scaled = scaler.apply(to: diabetes.train)
    let n = Double(scaled.count)
    let mean = scaled.targets.reduce(0, +) / n
    let sd = (scaled.targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    #expect(abs(mean) < 1e-12 && abs(sd - 1) < 1e-12)
    #expect(scaled.features == diabetes.train.features)
    for y in diabetes.test.targets { #expect(abs(scaler.invert(scaler.apply(y)) - y) < 1e-12 * 346) }
    #expect(scaler.invert(scaler.apply(to: diabetes.test).targets).indices.allSatisfy { i in
      abs(scaler.invert(scaler.apply(to: diabetes.test).targets)[i] - diabetes.test.targets[i]) < 1e-10
    })
    let constant = try Dataset<Double>(
      name: "c", featureCount: 1, features: [1, 2, 3], targets: [0.3, 0.3, 0.3], task: .regression)
    let flat = TargetScaler(fittedOn: constant)
    #expect(flat.scale == 1 && flat.mean == 0.3 && flat.apply(to: constant).targets == [0, 0, 0])
  }
}
