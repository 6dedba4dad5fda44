// SGDvsAdamMNIST — scaffolding; the notebook is being written.
import Experiments

NotebookRunner.run("SGDvsAdamMNIST") { notebook in
  notebook.heading("SGDvsAdamMNIST", level: 1)
}
