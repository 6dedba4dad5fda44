// AdamStepBounds — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("AdamStepBounds") { notebook in
  notebook.heading("AdamStepBounds", level: 1)
}
