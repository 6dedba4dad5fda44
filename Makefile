# KalmanOpt — the two commands a new user needs:
#   make demo   install what is missing, build release, run the main job
#   make test   install what is missing, check the equation ledger, run the tests
SWIFT ?= swift

.PHONY: demo test deps build release ledger clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: deps
	$(SWIFT) build -c release --product KalmanBasics
	.build/release/KalmanBasics

ledger:
	@Scripts/check-ledger.sh

test: deps ledger
	$(SWIFT) test --disable-xctest

clean:
	rm -rf .build
