import Optimizers
import Testing

@Suite("Leading-dot aliases", .tags(.conformance))
struct AliasTests {
  @Test func aliasesBuildTheSameTransformsAsTheInitialisers() throws {
    var a = Optimizer<Adam<Float>>(.adamW(learningRate: 1e-2), parameters: [1, 2])
    var b = Optimizer(Adam<Float>.adamW(learningRate: 1e-2), parameters: [1, 2])
    try a.step(gradient: [0.5, -0.5])
    try b.step(gradient: [0.5, -0.5])
    #expect(a.parameters == b.parameters)
    let filter = Optimizer<AdaBayes<Double>>(.adaBayes(learningRate: 1e-3, sgdLearningRate: 0.1, batchSize: 128), parameters: [0])
    #expect(filter.posteriorVariances == [0.1 / 128])
  }
}
