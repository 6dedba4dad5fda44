// BADAMPruning — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("BADAMPruning") { notebook in
  notebook.heading("BADAMPruning", level: 1)
}
