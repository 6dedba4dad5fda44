// The Optimizers module: gradient transformations built on the Filtering
// module's scalar predict/update (AdaBayes, AdaBayes-FP) and the baselines
// they are compared with.
//
// It is introduced with the package layout and filled by the optimizer work.
