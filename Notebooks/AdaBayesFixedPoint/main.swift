// AdaBayesFixedPoint — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("AdaBayesFixedPoint") { notebook in
  notebook.heading("AdaBayesFixedPoint", level: 1)
}
