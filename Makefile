# mlscope: `make run` builds everything and serves ./mlruns on
# http://127.0.0.1:5000; `make test` runs every test.
GO      ?= go
WASM    := static/web/app.wasm
BIN     := bin/mlscope
GOFILES := $(shell find . -name '*.go' -not -path './node_modules/*' -not -path './build/*')

.PHONY: all build wasm run test vet clean clients

all: build

build: $(BIN)

# The browser app. Server-only packages must stay out of its import graph:
# it is built against go-app without go-app's server side (net/http, TLS,
# templates), which tools/wasmgoapp prepares in build/wasm (issue 8).
WASMMOD := build/wasm/go.mod
$(WASMMOD): go.mod go.sum tools/wasmgoapp/main.go
	$(GO) run ./tools/wasmgoapp -out build/wasm

$(WASM): $(GOFILES) go.mod go.sum $(WASMMOD)
	GOOS=js GOARCH=wasm $(GO) build -modfile=$(WASMMOD) -trimpath -ldflags="-s -w" \
		-o $(WASM) ./wasm

# Sent precompressed (issue 8): app.wasm.<digest>.br and .gz, which the
# server uses while app.wasm is the file they were made from. The stamp's
# leading dot keeps it out of go:embed.
WASMZ := static/web/.app.wasm.precompressed
$(WASMZ): $(WASM) tools/precompress/main.go
	$(GO) run ./tools/precompress $(WASM)
	touch $@

wasm: $(WASM) $(WASMZ)

# The server embeds static/web, app.wasm included, so it is built after it.
$(BIN): $(WASM) $(WASMZ) $(GOFILES) $(wildcard server/web/*.js) $(filter-out static/web/app.wasm.%,$(wildcard static/web/*))
	$(GO) build -trimpath -o $(BIN) ./server

run: build
	./$(BIN) server --backend-store-uri ./mlruns --host 127.0.0.1 --port 5000

vet: $(WASM) $(WASMZ)
	@out="$$(gofmt -l app server wasm static tools)"; \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./app/...

# The real MLflow clients the server tests drive (the mlflow npm package).
# Without npm they are skipped, with a message, outside CI.
clients:
	@if [ ! -f node_modules/mlflow/package.json ] && command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error; fi

# Native tests, then the browser tests (chromedp drives Chromium against the
# real server; they need the wasm build, which vet made). The store and the
# API, where requests, writes and the index's scans meet, run again under
# the race detector.
test: vet clients
	$(GO) test -count=1 -timeout 30m ./...
	@if [ "$$($(GO) env CGO_ENABLED)" = 1 ]; then \
		echo "$(GO) test -count=1 -race ./server/mlruns/ ./server/api/"; \
		$(GO) test -count=1 -race ./server/mlruns/ ./server/api/; \
	else echo "race detector skipped: it needs cgo and a C compiler"; fi

clean:
	rm -rf bin build $(WASM) $(WASMZ) static/web/app.wasm.*.gz static/web/app.wasm.*.br
