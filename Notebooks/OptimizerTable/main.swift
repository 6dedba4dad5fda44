// OptimizerTable — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("OptimizerTable") { notebook in
  notebook.heading("OptimizerTable", level: 1)
}
