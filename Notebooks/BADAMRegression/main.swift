// BADAMRegression — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("BADAMRegression") { notebook in
  notebook.heading("BADAMRegression", level: 1)
}
