// PadamExponent — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("PadamExponent") { notebook in
  notebook.heading("PadamExponent", level: 1)
}
