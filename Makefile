# glr: the two entry points of the README, and a few helpers.
GLR := .build/release/glr

.PHONY: report test build deps install

# Install what is missing, build glr, and render the main report.
report: deps build
	$(GLR) render experiments/quickstart.md

# The test suite (release build: numeric code is 65-1000x slower in debug).
test:
	swift test -c release

deps:
	scripts/install-deps

build:
	swift build -c release --product glr

# Install glr and its resources (the report templates, glr_Report.resources) side by side.
PREFIX ?= /usr/local
install: build
	install -d $(PREFIX)/bin
	install -m 755 $(GLR) $(PREFIX)/bin/glr
	rm -rf $(PREFIX)/bin/glr_Report.resources
	cp -R .build/release/glr_Report.resources $(PREFIX)/bin/
