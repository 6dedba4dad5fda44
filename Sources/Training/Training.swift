// The Training module: the training loop, metrics, checkpoints and progress
// reporting that `kfopt train` and `kfopt compare` run.
