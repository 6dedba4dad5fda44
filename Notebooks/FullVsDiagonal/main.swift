// FullVsDiagonal — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("FullVsDiagonal") { notebook in
  notebook.heading("FullVsDiagonal", level: 1)
}
