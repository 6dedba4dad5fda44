import Optimizers
import RealModule
import TestSupport
import Testing

@Suite("Learning-rate schedules", .tags(.property))
struct ScheduleTests {
  @Test func factorsMatchTorchSchedulers() {
    #expect(LearningRateSchedule.constant.factor(afterSteps: 1000) == 1)
    let step = LearningRateSchedule.step(every: 10, factor: 0.5)
    #expect([0, 9, 10, 25].map { step.factor(afterSteps: $0) } == [1, 1, 0.5, 0.25])
    let multi = LearningRateSchedule.multiStep(milestones: [150, 300], factor: 0.1)
    #expect(multi.factor(afterSteps: 149) == 1 && multi.factor(afterSteps: 150) == 0.1)
    #expect(abs(multi.factor(afterSteps: 300) - 0.01) <= 1e-17)
    let cosine = LearningRateSchedule.cosine(steps: 100, minimumFactor: 0.1)
    #expect(cosine.factor(afterSteps: 0) == 1)
    #expect(abs(cosine.factor(afterSteps: 50) - 0.55) <= 1e-15)
    #expect(abs(cosine.factor(afterSteps: 100) - 0.1) <= 1e-15 && cosine.factor(afterSteps: 500) == cosine.factor(afterSteps: 100))
    let warm = LearningRateSchedule.warmup(steps: 4, startFactor: 0, then: .exponential(factor: 0.5))
    #expect([0, 1, 2, 3, 4, 5].map { warm.factor(afterSteps: $0) } == [0, 0.25, 0.5, 0.75, 1, 0.5])
  }

  @Test func invalidSchedulesAreTypedErrors() {
    #expect(throws: SettingsError.self) { try LearningRateSchedule.step(every: 0, factor: 0.5).validate() }
    #expect(throws: SettingsError.self) { try LearningRateSchedule.cosine(steps: 10, minimumFactor: 2).validate() }
    #expect(throws: SettingsError.self) { try LearningRateSchedule.warmup(steps: 5, startFactor: 0, then: .exponential(factor: -1)).validate() }
  }

  @Test func scheduledSGDEqualsChangingTheRateByHand() {
    let schedule = LearningRateSchedule.step(every: 3, factor: 0.5)
    let scheduled = Scheduled(SGD<Double>(learningRate: 0.1, momentum: 0.9), schedule: schedule)
    var a = Optimizer(scheduled, parameters: [1.0, -1.0])
    var b = Optimizer(SGD<Double>(learningRate: 0.1, momentum: 0.9), parameters: [1.0, -1.0])
    for t in 0..<10 {
      let g = [Double(t) - 4, 2 - Double(t)]
      b.learningRate = 0.1 * schedule.factor(afterSteps: t)
      try? a.step(gradient: g)
      try? b.step(gradient: g)
      #expect(a.parameters == b.parameters)
    }
  }

  @Test func scheduleScalesAdaBayesPriorVarianceAsTheReferenceDoes() {
    // σ² = lr·(η_SGD/η₀)/B follows the schedule: halving η halves σ².
    var adabayes = AdaBayes<Double>(learningRate: 1e-3, sgdLearningRate: 0.1, batchSize: 10)
    #expect(abs(adabayes.priorVariance - 0.01) <= 1e-17)
    adabayes.learningRate = 5e-4
    #expect(abs(adabayes.priorVariance - 0.005) <= 1e-17)
  }
}
