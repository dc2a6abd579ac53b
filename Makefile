# plantype - see README.md. Two commands: `make` and `make test`.
#
# `make`        installs missing Debian packages (as root; otherwise prints the
#               apt-get line), builds build/plantype and typesets input/r6.xml
#               into out/r6.pdf (`make EDITION=input/r7.xml`: out/r7.pdf).
#               One run is enough on a fresh machine: `deps` runs first, then a
#               sub-make that reads pkg-config once the packages are there.
# `make test`   builds and runs the test suite, then again under AddressSanitizer
#               and UndefinedBehaviorSanitizer (build/asan). Closing line: N passed, N failed.
# `make bench`  median time and peak memory of typesetting (see tests/bench.sh).
# `make install PREFIX=/usr/local` (DESTDIR honoured): PREFIX/bin/plantype, its
#               data in PREFIX/share/plantype/, the man page plantype.1;
#               `make uninstall` removes them.
# `make po`     refreshes po/plantype.pot from the sources and merges it into
#               po/ja.po (then translate what is new or fuzzy).
# `make fuzz`   libFuzzer harnesses for the edition and the layout (clang), in
#               build/fuzz; tests/fuzz/README.md says how to run them.

CC      ?= gcc
PKGS    := harfbuzz harfbuzz-subset freetype2 libxml-2.0 icu-uc zlib libdeflate nettle
# Debian packages: to build, and the PDF readers/data the tests check against.
DEB_BUILD := gcc make pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev libxml2-dev libicu-dev zlib1g-dev libdeflate-dev libcsv-dev gettext nettle-dev libqpdf-dev
DEB_TEST  := poppler-utils qpdf mupdf-tools ghostscript unicode-data time bc perl jq locales \
             default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java \
             fonts-dejavu-core
# the locale the tests run Japanese messages in (made by deps with locale-gen)
TEST_LOCALE := ja_JP.UTF-8
# only for `make fuzz` (libFuzzer comes with clang's runtime libraries)
DEB_FUZZ  := clang libclang-rt-dev

BUILD   ?= build
SAN     ?=
OPT     ?= -O2
# libqpdf (--verify, --extract) is opened with dlopen by its soname, not linked (src/pdf_read.c).
QPDF_LIB := $(shell objdump -p $$(pkg-config --variable=libdir libqpdf 2>/dev/null)/libqpdf.so 2>/dev/null | awk '/SONAME/ {print $$2}')
CFLAGS  := -std=c11 $(OPT) -g -Wall -Wextra -Wshadow -Wno-missing-field-initializers \
           -D_DEFAULT_SOURCE $(SAN) \
           $(shell pkg-config --cflags $(PKGS) libqpdf 2>/dev/null) \
           $(if $(QPDF_LIB),-DPT_QPDF_LIB='"$(QPDF_LIB)"')
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lcsv -lm -ldl
LDFLAGS := $(SAN)

SRCS     := $(wildcard src/*.c)
LIB_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(filter-out src/main.c,$(SRCS)))
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/*_test.c))

EDITION ?= input/r6.xml
PDF     := out/$(basename $(notdir $(EDITION))).pdf
# Message catalogs, built from po/LANG.po into the data folder's locale/.
MO      := $(patsubst po/%.po,locale/%/LC_MESSAGES/plantype.mo,$(wildcard po/*.po))

.PHONY: all pdf build deps test test-plain check-asan bench fuzz clean install uninstall mutants po
# The flags above came from pkg-config when this make started, maybe before
# `deps` installed the libraries: everything that compiles runs in a sub-make.
all: deps
	@$(MAKE) --no-print-directory pdf

pdf: build $(PDF)

build: $(BUILD)/plantype $(TESTS) $(MO)

# Install what is missing (root), or say the one line that would.
deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_TEST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else echo "missing Debian packages; run: sudo apt-get install$$missing"; exit 1; fi; fi
	@locale -a 2>/dev/null | grep -qix '$(subst UTF-8,utf8,$(TEST_LOCALE))' || { \
	  if [ "$$(id -u)" = 0 ]; then echo "generating the locale $(TEST_LOCALE)"; \
	    sed -i 's/^# *\($(TEST_LOCALE) \)/\1/' /etc/locale.gen && locale-gen >/dev/null || exit 1; \
	  else echo "missing locale; run: sudo sed -i 's/^# *$(TEST_LOCALE) /$(TEST_LOCALE) /' /etc/locale.gen && sudo locale-gen"; exit 1; fi; }
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then echo "installing: nodejs npm"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || exit 1; \
	  else echo "missing npm; run: sudo apt-get install nodejs npm"; exit 1; fi; }
	@$(MAKE) -s --no-print-directory tests/node_modules/.package-lock.json

# pdf.js for the text and structure tests, at the version tests/package-lock.json pins.
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund --loglevel=error

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj
	@echo "CC $@"; $(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/plantype: $(BUILD)/obj/main.o $(LIB_OBJS)
	@echo "LD $@"; $(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/test.h $(LIB_OBJS) | $(BUILD)/tests
	@echo "CC $@"; $(CC) $(CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(LDLIBS)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

locale/%/LC_MESSAGES/plantype.mo: po/%.po
	@mkdir -p $(dir $@); echo "MSGFMT $@"; msgfmt --check -o $@ $<

po:
	xgettext --from-code=UTF-8 -k_ -kN_ --no-location --package-name=plantype --package-version=$(VERSION) \
	    --msgid-bugs-address="see README.md" -o po/plantype.pot $(sort $(wildcard src/*.c))
	for p in po/*.po; do msgmerge -q --update --backup=none $$p po/plantype.pot || exit 1; done

$(PDF): $(BUILD)/plantype $(EDITION) $(wildcard layouts/* input/*.rng fonts/*.ttf color/*.icc)
	$(BUILD)/plantype $(EDITION) -o $@

test: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' build
	@tests/run.sh build build/asan

# The suite under the sanitizers alone.
check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' build
	@tests/run.sh build/asan

# The corpus replay in the suite (tests/fuzz_test.c) includes the harnesses.
$(BUILD)/tests/fuzz_test: $(wildcard tests/fuzz/*.c tests/fuzz/*.h)

FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
fuzz: deps
	@$(MAKE) --no-print-directory deps DEB_TEST='$(DEB_FUZZ)'
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT=-O1 SAN='$(FUZZ_SAN)' \
	    build/fuzz/fuzz_edition build/fuzz/fuzz_layout build/fuzz/fuzz_import

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/pipeline.h $(LIB_OBJS)
	@echo "LD $@"; $(CC) $(CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory build
	@tests/bench.sh

# The deliberate bugs of tests/mutants.txt, one at a time on a scratch copy: the
# suite must catch every one. Slow (a build and a suite run each): not in test.
mutants: deps
	@nice -n 19 tests/mutants.sh

clean:
	rm -rf build locale

# Install: the program, the data it reads at run time (found from the
# program's own location, see pt_datadir) and the man page.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/plantype
MANDIR  := $(PREFIX)/share/man/man1
VERSION := $(shell sed -n 's/^\#define PT_VERSION "\(.*\)"$$/\1/p' src/cmd.h)
# The data folder's files, relative to it (add new data here).
DATA    := $(MO) input/plantype.rng input/eras.xml input/eras.rng $(wildcard layouts/*.xml layouts/*.rng fonts/*.ttf) fonts/OFL.txt \
           color/sRGB.icc color/README

install: deps
	@$(MAKE) --no-print-directory $(BUILD)/plantype $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BUILD)/plantype $(DESTDIR)$(BINDIR)/plantype
	for f in $(DATA); do install -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f || exit 1; done
	sed 's/@VERSION@/$(VERSION)/' doc/plantype.1 >$(DESTDIR)$(MANDIR)/plantype.1
	chmod 644 $(DESTDIR)$(MANDIR)/plantype.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plantype $(DESTDIR)$(MANDIR)/plantype.1
	rm -rf $(DESTDIR)$(DATADIR)
