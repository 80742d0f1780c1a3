# Sportello's front door. `make run` starts the product with demo content;
# `make test` installs what the tests need and runs them all.

GO      ?= go
DATA    ?= data
FUZZTIME ?= 20s

.PHONY: run build test test-go eval-demo bench bench-pg generate lint fmt fuzz clean deps

run: node_modules
	$(GO) run ./cmd/sportello serve --data $(DATA)

# The front-end packages, pinned in package-lock.json, never committed.
# Without npm the product still runs, unstyled.
node_modules: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund && touch node_modules; \
	  else echo "npm is not installed: the pages will be unstyled (install Node.js 20 and npm)"; fi

build:
	$(GO) build -o bin/sportello ./cmd/sportello

# deps installs what the tests need on Debian, as root: PostgreSQL 15 with
# pgvector for kb/postgres (scripts/install-pgvector.sh), Debian's Chromium
# and the npm packages for the browser tests (scripts/install-browser.sh).
# It is idempotent.
deps:
	@bash scripts/install-test-deps.sh
	@bash scripts/install-browser.sh

test: deps lint test-go

test-go:
	$(GO) test -count=1 ./...

# The demo evaluation, as `sportello eval` prints it.
eval-demo:
	$(GO) run ./cmd/sportello eval --kb kb/demo/borgoverde.jsonl --set evals/sets/demo.jsonl

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./kb/... ./chat/... ./i18n/... ./telephony/...
	$(GO) build -o bin/kbbench ./cmd/kbbench
	./bin/kbbench -entries 1000 -batch 5000 -header
	./bin/kbbench -entries 10000 -batch 5000
	./bin/kbbench -entries 50000 -batch 5000
	./bin/kbbench -pgtemp -entries 1000 -header -efsearch 40,100,200
	./bin/kbbench -pgtemp -entries 10000 -efsearch 40,100,200
	$(GO) build -o bin/loadtest ./cmd/loadtest
	./bin/loadtest -entries 50000 -db bin/loadtest-50k.db -api conversations -clients 16 -duration 30s -header
	./bin/loadtest -entries 50000 -db bin/loadtest-50k.db -api conversations -rate 300 -clients 64 -duration 30s
	./bin/loadtest -entries 50000 -db bin/loadtest-50k.db -api ask -rate 300 -clients 64 -duration 30s
	$(GO) build -o bin/smsload ./cmd/smsload
	./bin/smsload -rate 100 -duration 60s -header
	./bin/smsload -burst 10000

# bench-pg is the side-by-side run at 50,000 entries × 9 languages, the
# embedded store against PostgreSQL with HNSW (docs/benchmarks.md): 47
# minutes on the 2 shared cores it was measured on; it needs about 9 GiB.
bench-pg:
	$(GO) build -o bin/kbbench ./cmd/kbbench
	./bin/kbbench -pgtemp -entries 50000 -header -recall 200 -efsearch 40,100,200

generate:
	$(GO) tool templ generate -path web

lint:
	@$(GO) tool templ generate -path web >/dev/null 2>&1; \
	  if ! git diff --quiet -- web 2>/dev/null; then \
	    echo "web: the generated _templ.go files are not current; run make generate and commit them"; git diff --stat -- web; exit 1; fi
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) tool staticcheck ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# fuzz runs every fuzz target for FUZZTIME each.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzTerms$$' -fuzztime $(FUZZTIME) ./kb/analysis/
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./kb/kbfile/
	$(GO) test -run '^$$' -fuzz '^FuzzDecide$$' -fuzztime $(FUZZTIME) ./chat/
	$(GO) test -run '^$$' -fuzz '^FuzzSignals$$' -fuzztime $(FUZZTIME) ./chat/
	$(GO) test -run '^$$' -fuzz '^FuzzDetect$$' -fuzztime $(FUZZTIME) ./i18n/langid/
	$(GO) test -run '^$$' -fuzz '^FuzzSplit$$' -fuzztime $(FUZZTIME) ./telephony/
	$(GO) test -run '^$$' -fuzz '^FuzzGSM7$$' -fuzztime $(FUZZTIME) ./telephony/
	$(GO) test -run '^$$' -fuzz '^FuzzHandlers$$' -fuzztime $(FUZZTIME) ./telephony/gateway/

clean:
	rm -rf bin
