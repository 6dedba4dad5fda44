# KalmanOpt — the two commands a new user needs:
#   make demo   install what is missing, build release, run the main job
#   make test   install what is missing, check the equation ledger, run the tests
SWIFT ?= swift

.PHONY: demo test deps build release ledger notebooks bench compare-torch bench-check fuzz sanitize clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job: the 784-400-400-10 MLP on mnist5k with Adam, AdaBayes (the
# paper's σ² = η_SGD/B, and σ² matched to heavy-ball SGD) and heavy-ball SGD;
# the table and learning curves land in out/demo.
DEMO_OPTIMIZERS := adam:lr=1e-3,adabayes:lr=1e-3:lr-sgd=0.1,adabayes:lr=1e-3:lr-sgd=0.1:heavy-ball-momentum=0.9,sgd:lr=0.1:momentum=0.9

demo: deps
	$(SWIFT) build -c release --product kfopt
	"$$($(SWIFT) build -c release --show-bin-path)/kfopt" compare --optimizers $(DEMO_OPTIMIZERS) \
	  --model mlp:784-400-400-10 --data mnist5k --epochs 5 --batch-size 100 --seed 0 --out out/demo

ledger:
	@Scripts/check-ledger.sh

# Every notebook in its small (--quick) version, release build; plots and
# summaries land in out/notebooks/<Name>.
NOTEBOOKS := KalmanBasics AdaBayesFixedPoint OptimizerTable SGDvsAdamMNIST BADAMPruning \
  BADAMRegression PadamExponent AdamStepBounds FullVsDiagonal

notebooks: deps
	$(SWIFT) build -c release
	@mkdir -p out
	@bin="$$($(SWIFT) build -c release --show-bin-path)"; \
	for notebook in $(NOTEBOOKS); do \
	  echo "== $$notebook"; \
	  start=$$(date +%s); \
	  "$$bin/$$notebook" --quick > "out/notebooks-$$notebook.log" 2>&1 || { cat "out/notebooks-$$notebook.log"; exit 1; }; \
	  echo "   ok in $$(( $$(date +%s) - start )) s (out/notebooks/$$notebook/summary.md)"; \
	done

# Optimizer steps against the memory roofline, Kalman updates against their
# LAPACK calls, MLP epochs against the sgemm peak, all ratios from one run.
# `make bench` measures the build for this CPU (KALMANOPT_NATIVE=1: AVX where
# the CPU has it), in its own build folder; `make bench NATIVE=0` the portable
# build (baseline x86-64, SSE2) that a package depending on this one gets.
NATIVE ?= 1
BENCH_BUILD := $(if $(filter 1,$(NATIVE)),--scratch-path .build-native,)
bench: deps
	KALMANOPT_NATIVE=$(NATIVE) $(SWIFT) build -c release --product kfopt $(BENCH_BUILD)
	"$$(KALMANOPT_NATIVE=$(NATIVE) $(SWIFT) build -c release $(BENCH_BUILD) --show-bin-path)/kfopt" bench

# PyTorch CPU on this machine against the same build, in alternating rounds:
# the MLP epoch (torch default and fused Adam, SGD) and the 10M-parameter Adam
# step. Needs PyTorch (`pip install torch`); PYTHON picks the interpreter.
PYTHON ?= python3
compare-torch: deps
	KALMANOPT_NATIVE=$(NATIVE) $(SWIFT) build -c release --product kfopt $(BENCH_BUILD)
	$(PYTHON) Scripts/compare-torch.py --kfopt "$$(KALMANOPT_NATIVE=$(NATIVE) $(SWIFT) build -c release $(BENCH_BUILD) --show-bin-path)/kfopt" --threads 1 2

# The Benchmarks package (ordo-one/package-benchmark): fails when an optimizer
# step allocates, or a Kalman update allocates more than it did.
bench-check: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark thresholds check --no-progress

# libFuzzer (with AddressSanitizer) on the CSV, IDX and model-JSON parsers,
# FUZZ_SECONDS each, starting from the seed corpus in Fuzz/Corpus; new inputs
# and any crash land in out/fuzz. (lld: gold crashes linking libFuzzer.)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := FuzzCSV:CSV FuzzIDX:IDX FuzzModelJSON:ModelJSON
FUZZ_FLAGS := -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld
fuzz: deps
	$(SWIFT) build --package-path Fuzz $(FUZZ_FLAGS)
	@bin="$$($(SWIFT) build --package-path Fuzz $(FUZZ_FLAGS) --show-bin-path)"; \
	for pair in $(FUZZ_TARGETS); do \
	  target=$${pair%%:*}; corpus=$${pair##*:}; mkdir -p out/fuzz/$$corpus; \
	  "$$bin/$$target" -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 -artifact_prefix=out/fuzz/ \
	    out/fuzz/$$corpus Fuzz/Corpus/$$corpus > out/fuzz/$$target.log 2>&1 || { tail -80 out/fuzz/$$target.log; exit 1; }; \
	  echo "$$target: $$(grep -o 'number_of_executed_units: [0-9]*' out/fuzz/$$target.log | head -1) in $(FUZZ_SECONDS) s, no crash"; \
	done

# AddressSanitizer over the whole test suite (leaks checked; the one
# suppression is in Foundation), ThreadSanitizer over the suites that run
# threads: kernels split over the pool, the non-finite scan, checkpoint writes
# and reads, training, kfopt killed mid-write. Each in its own build folder.
# (TSAN_SUITES= runs ThreadSanitizer over everything: 6.5 more minutes here,
# more than CI's budget allows next to the rest.)
TSAN_SUITES ?= ThreadingTests|WorkerPoolHandoverTests|NonFiniteGradientTests|AtomicFileTests|CheckpointFileTests|BinaryCodingRoundTripTests|TrainerTests|KillAndResumeTests
sanitize: deps
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Scripts/lsan-suppressions.txt \
	  $(SWIFT) test --disable-xctest --sanitize=address --scratch-path .build-asan
	TSAN_OPTIONS=halt_on_error=1 \
	  $(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan $(if $(TSAN_SUITES),--filter '$(TSAN_SUITES)',)

test: deps ledger
	$(SWIFT) test --disable-xctest
	$(MAKE) notebooks
	$(MAKE) bench-check
	$(MAKE) fuzz
	$(MAKE) sanitize

clean:
	rm -rf .build .build-asan .build-tsan .build-native
